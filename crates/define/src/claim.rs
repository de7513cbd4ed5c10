//! The standard and CT versions a define.xml says its datasets follow.
//!
//! Define-XML 1.0 and 2.0 name one standard on `MetaDataVersion` (`def:StandardName="CDISC
//! SDTM" def:StandardVersion="3.1.2"` in the CDISC pilot; `SDTM-IG`, `ADaM-IG` in the 2.0
//! examples) and no CT version. Define-XML 2.1 lists `def:Standard`s: IGs, which datasets
//! point at with `def:StandardOID`, and CT packages with their publishing set and date.

use crate::read::Define;

/// What a define.xml claims, with the IG name normalised (`SDTMIG`, `ADaMIG`, `SENDIG`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub ig: String,
    /// `None` when only the model is named (Define 1.0's `CDISC ADaM 2.1`: ADaM model 2.1 is
    /// the model of ADaMIG 1.0 to 1.3, so the IG version is not stated).
    pub version: Option<String>,
    /// The CT package of the same publishing set (2.1 only).
    pub ct: Option<String>,
}

/// The IG the define.xml's datasets follow; for 2.1 the IG most datasets point at (ties go
/// to the first listed), and the CT package of that IG's publishing set.
pub fn claimed(doc: &Define) -> Option<Claimed> {
    if !doc.standards.is_empty() {
        return claimed_21(doc);
    }
    let (ig, version) = normalise(
        doc.standard_name.as_deref()?,
        doc.standard_version.as_deref(),
    )?;
    Some(Claimed {
        ig,
        version,
        ct: None,
    })
}

fn claimed_21(doc: &Define) -> Option<Claimed> {
    let igs: Vec<_> = doc
        .standards
        .iter()
        .filter(|s| s.kind.eq_ignore_ascii_case("IG"))
        .filter_map(|s| Some((s, normalise(&s.name, Some(&s.version))?)))
        .collect();
    let uses = |oid: &str| {
        doc.groups
            .iter()
            .filter(|g| g.standard_oid.as_deref() == Some(oid))
            .count()
    };
    // The IG most datasets point at; `max_by_key` would keep the last of a tie.
    let mut best: Option<(usize, usize)> = None;
    for (i, entry) in igs.iter().enumerate() {
        let n = uses(&entry.0.oid);
        if best.is_none_or(|(m, _)| n > m) {
            best = Some((n, i));
        }
    }
    let (_, (ig, version)) = &igs[best?.1];
    let set = ig.trim_end_matches("IG").to_ascii_uppercase();
    let ct = doc
        .standards
        .iter()
        .filter(|s| s.kind.eq_ignore_ascii_case("CT"))
        .find(|s| {
            s.publishing_set
                .as_deref()
                .is_some_and(|p| p.eq_ignore_ascii_case(&set))
        })
        .map(|s| s.version.clone());
    Some(Claimed {
        ig: ig.clone(),
        version: version.clone(),
        ct,
    })
}

/// `CDISC SDTM` / `SDTM-IG` / `SDTMIG` → `SDTMIG`; the ADaM model name keeps no IG version.
fn normalise(name: &str, version: Option<&str>) -> Option<(String, Option<String>)> {
    let key: String = name
        .to_ascii_uppercase()
        .replace("CDISC", "")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let version = version
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned);
    let ig = match key.as_str() {
        "SDTM" | "SDTMIG" => "SDTMIG",
        "SEND" | "SENDIG" => "SENDIG",
        "ADAMIG" => "ADaMIG",
        // The model, not the IG: its version says nothing about the IG's.
        "ADAM" => return Some(("ADaMIG".to_owned(), None)),
        _ => return None,
    };
    Some((ig.to_owned(), version))
}
