//! The SDTM model's own tables, which the IG's domain tables do not carry: every SDTMIG 3.4
//! domain with its class (also those whose variable tables are not embedded), and the
//! variables the SDTM model v2.0 allows in any domain of a general observation class
//! (identifiers and timing, section 2.2.4-2.2.5; each class's qualifiers, 2.2.1-2.2.3).

use crate::Class;

/// The class of an SDTMIG 3.4 domain by its code: a dataset named like one is a standard
/// domain, not a custom one, even when its variable table is not embedded.
pub fn ig_domain_class(domain: &str) -> Option<Class> {
    IG_DOMAINS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(domain))
        .map(|(_, c)| *c)
}

/// Whether the SDTM model allows `name` in a domain of `class` whose `--` prefix is
/// `prefix`, whatever the domain's own IG table lists. Only the general classes have such a
/// list; any other class allows nothing beyond its table.
pub fn allows(class: Class, prefix: &str, name: &str) -> bool {
    let qualifiers = match class {
        Class::Interventions => MODEL_INTERVENTIONS,
        Class::Events => MODEL_EVENTS,
        Class::Findings => MODEL_FINDINGS,
        _ => return false,
    };
    let upper = name.to_ascii_uppercase();
    if MODEL_ANY.contains(&upper.as_str()) {
        return true;
    }
    let Some(rest) = upper.strip_prefix(prefix) else {
        return false;
    };
    MODEL_ANY_SUFFIX.contains(&rest) || qualifiers.contains(&rest)
}

/// SDTMIG 3.4 domains and their classes, including those whose variable tables are not
/// embedded: a dataset named like one of them is a standard domain, not an unknown one.
const IG_DOMAINS: &[(&str, Class)] = {
    use Class::*;
    &[
        ("AG", Interventions),
        ("CM", Interventions),
        ("EC", Interventions),
        ("EX", Interventions),
        ("ML", Interventions),
        ("PR", Interventions),
        ("SU", Interventions),
        ("AE", Events),
        ("BE", Events),
        ("CE", Events),
        ("DS", Events),
        ("DV", Events),
        ("HO", Events),
        ("MH", Events),
        ("BS", Findings),
        ("CP", Findings),
        ("CV", Findings),
        ("DA", Findings),
        ("DD", Findings),
        ("EG", Findings),
        ("FT", Findings),
        ("GF", Findings),
        ("IE", Findings),
        ("IS", Findings),
        ("LB", Findings),
        ("MB", Findings),
        ("MI", Findings),
        ("MK", Findings),
        ("MS", Findings),
        ("NV", Findings),
        ("OE", Findings),
        ("PC", Findings),
        ("PE", Findings),
        ("PP", Findings),
        ("QS", Findings),
        ("RE", Findings),
        ("RP", Findings),
        ("RS", Findings),
        ("SC", Findings),
        ("SS", Findings),
        ("TR", Findings),
        ("TU", Findings),
        ("UR", Findings),
        ("VS", Findings),
        ("FA", Findings),
        ("SR", Findings),
        ("DM", SpecialPurpose),
        ("CO", SpecialPurpose),
        ("SE", SpecialPurpose),
        ("SM", SpecialPurpose),
        ("SV", SpecialPurpose),
        ("OI", TrialDesign),
        ("TA", TrialDesign),
        ("TD", TrialDesign),
        ("TE", TrialDesign),
        ("TI", TrialDesign),
        ("TM", TrialDesign),
        ("TS", TrialDesign),
        ("TV", TrialDesign),
        ("RELREC", Relationship),
        ("RELSPEC", Relationship),
        ("RELSUB", Relationship),
    ]
};

/// Variables the SDTM model allows in every general-class domain: identifiers and timing.
const MODEL_ANY: &[&str] = &[
    "STUDYID", "DOMAIN", "USUBJID", "POOLID", "SPDEVID", "VISITNUM", "VISIT", "VISITDY", "TAETORD",
    "EPOCH", "MIDS", "RELMIDS", "MIDSDTC",
];
const MODEL_ANY_SUFFIX: &[&str] = &[
    "SEQ", "GRPID", "REFID", "SPID", "LNKID", "LNKGRP", "DTC", "STDTC", "ENDTC", "DY", "STDY",
    "ENDY", "NOMDY", "NOMLBL", "DUR", "TPT", "TPTNUM", "ELTM", "TPTREF", "RFTDTC", "STRF", "ENRF",
    "EVLINT", "EVINTX", "STRTPT", "STTPT", "ENRTPT", "ENTPT", "STINT", "ENINT", "DETECT", "PTFL",
    "PDUR", "CAT", "SCAT", "PRESP", "OCCUR", "STAT", "REASND", "LOC", "LAT", "DIR", "PORTOT",
    "MODIFY", "DECOD", "BODSYS", "FAST",
];
const MODEL_INTERVENTIONS: &[&str] = &[
    "TRT", "MOOD", "INDC", "CLAS", "CLASCD", "DOSE", "DOSTXT", "DOSU", "DOSFRM", "DOSFRQ",
    "DOSTOT", "DOSRGM", "ROUTE", "LOT", "PSTRG", "PSTRGU", "TRTV", "VAMT", "VAMTU", "ADJ",
];
const MODEL_EVENTS: &[&str] = &[
    "TERM", "LLT", "LLTCD", "PTCD", "HLT", "HLTCD", "HLGT", "HLGTCD", "BDSYCD", "SOC", "SOCCD",
    "PARTY", "PRTYID", "SEV", "SER", "ACN", "ACNOTH", "ACNDEV", "REL", "RELNST", "PATT", "OUT",
    "SCAN", "SCONG", "SDISAB", "SDTH", "SHOSP", "SLIFE", "SOD", "SMIE", "CONTRT", "TOX", "TOXGR",
];
const MODEL_FINDINGS: &[&str] = &[
    "TESTCD", "TEST", "TSTDTL", "POS", "ORRES", "ORRESU", "ORNRLO", "ORNRHI", "STRESC", "STRESN",
    "STRESU", "STNRLO", "STNRHI", "STNRC", "NRIND", "RESCAT", "XFN", "NAM", "LOINC", "SPEC",
    "ANTREG", "SPCCND", "SPCUFL", "METHOD", "RUNID", "ANMETH", "LEAD", "CSTATE", "BLFL", "LOBXFL",
    "DRVFL", "EVAL", "EVALID", "ACPTFL", "TOX", "TOXGR", "SEVR", "DTHREL", "LLOQ", "ULOQ",
    "REASEX", "EXCLFL", "OBJ", "STREFC", "STREFN", "ORREF",
];

#[cfg(test)]
mod tests {
    use super::{Class, allows, ig_domain_class};

    #[test]
    fn a_domain_without_an_embedded_table_still_has_its_class() {
        assert_eq!(ig_domain_class("ft"), Some(Class::Findings));
        assert_eq!(ig_domain_class("RELREC"), Some(Class::Relationship));
        assert_eq!(ig_domain_class("XX"), None);
    }

    #[test]
    fn the_model_allows_timing_and_its_class_qualifiers_with_the_domain_prefix() {
        assert!(allows(Class::Findings, "LB", "lbtoxgr"));
        assert!(allows(Class::Findings, "XZ", "VISITNUM"));
        assert!(allows(Class::Events, "AE", "AESTDTC"));
        assert!(!allows(Class::Events, "AE", "AETESTCD"));
        assert!(!allows(Class::Findings, "LB", "VSTESTCD"));
        assert!(!allows(Class::SpecialPurpose, "DM", "DMDTC"));
    }
}
