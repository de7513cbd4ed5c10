//! What a rule runs on: a standard and its datasets, and what CORE derives per dataset
//! (domain, domain prefix, supplemental-qualifier parent, observation class).

use model::ValueRef;
use table::Table;

/// The standard a package claims to follow, e.g. SDTMIG 3.4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    pub name: String,
    pub version: String,
}

impl Standard {
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> Standard {
        Standard {
            name: name.into(),
            version: version.into(),
        }
    }
}

/// A submission (or a test case): datasets in memory, named as files are (`AE`, `SUPPAE`, `QS1`).
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub standard: Standard,
    pub datasets: Vec<Table>,
}

/// CORE's view of one dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetInfo {
    /// Dataset (file) name, upper case.
    pub name: String,
    /// The domain: `DOMAIN`'s value when present (so split `QS1` is `QS`), else the name.
    pub domain: String,
    /// What `--` stands for: the domain, or for `SUPPxx` the parent (`RDOMAIN`).
    pub prefix: String,
    pub is_supp: bool,
    pub class: Option<String>,
}

impl DatasetInfo {
    pub fn of(ds: &Table) -> DatasetInfo {
        let name = ds.name().to_ascii_uppercase();
        let first = |col: &str| -> Option<String> {
            ds.column_named(col)?.iter().find_map(|v| match v {
                ValueRef::Char(s) if !s.trim().is_empty() => Some(s.trim().to_ascii_uppercase()),
                _ => None,
            })
        };
        let is_supp = name.starts_with("SUPP") || name.starts_with("SQAP");
        let domain = if is_supp {
            name.clone()
        } else {
            first("DOMAIN").unwrap_or_else(|| name.clone())
        };
        let prefix = if is_supp {
            first("RDOMAIN").unwrap_or_else(|| name.trim_start_matches("SUPP").to_owned())
        } else {
            // CORE's `domain_cleaned`: associated-persons domains (`APSU`) use the parent's
            // prefix (`SUSEQ`).
            domain.replace("AP", "")
        };
        let class = ds
            .meta()
            .class
            .clone()
            .or_else(|| class_of(&prefix, is_supp, ds));
        DatasetInfo {
            name,
            domain,
            prefix,
            is_supp,
            class,
        }
    }
}

/// Published SDTMIG/SENDIG/TIG domains by observation class (the class CORE reads from the
/// CDISC Library for a standard domain; the TIG ones as the bundled rules' scopes name them).
const CLASSES: &[(&str, &str)] = &[
    ("DM CO SE SM SV IN IQ IT PD SJ", "SPECIAL PURPOSE"),
    ("AG CM EC EX ML PR SU", "INTERVENTIONS"),
    ("AE BE CE DS DV EM HO MH", "EVENTS"),
    (
        "BS BW BG CL CP CV DA DD EG FT FW GF GT GV IC IE IS LB MA MB MI MK MS NV OE OM PC PE PM PP PT QS RE RP \
         RS SC SS TF TR TU UR VS",
        "FINDINGS",
    ),
    ("TA TD TE TI TM TS TV TX", "TRIAL DESIGN"),
    ("DI ES OI TO", "STUDY REFERENCE"),
];

/// CORE takes a dataset's class from the standard's metadata, and for sponsor domains from
/// its variables (`--TESTCD` findings, `--TERM` events, `--TRT` interventions).
fn class_of(domain: &str, is_supp: bool, ds: &Table) -> Option<String> {
    if is_supp
        || matches!(
            domain,
            "RELREC" | "RELSPEC" | "RELSUB" | "RELREF" | "POOLDEF"
        )
    {
        return Some("RELATIONSHIP".into());
    }
    let has = |suffix: &str| ds.meta().index_of(&format!("{domain}{suffix}")).is_some();
    if domain == "FA" || domain == "SR" || (has("TESTCD") && has("OBJ")) {
        return Some("FINDINGS ABOUT".into());
    }
    if let Some((_, class)) = CLASSES
        .iter()
        .find(|(ds, _)| ds.split(' ').any(|d| d == domain))
    {
        return Some((*class).to_owned());
    }
    if has("TESTCD") {
        Some("FINDINGS".into())
    } else if has("TERM") {
        Some("EVENTS".into())
    } else if has("TRT") {
        Some("INTERVENTIONS".into())
    } else {
        None
    }
}
