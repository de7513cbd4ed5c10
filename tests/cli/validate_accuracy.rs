//! `validate` gives no finding that is wrong for the package at hand (issue 15): a standard's
//! rules look only at that standard's datasets, and a Latin-1 define.xml is read, not skipped.

use crate::{stderr, stdout, trialbridge};
use serde_json::Value;
use std::path::Path;

fn report(paths: &[&Path]) -> Value {
    let o = trialbridge(crate::repo())
        .args(["validate", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)))
}

/// (code, dataset) of every finding.
fn raised(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("dataset"))
        })
        .collect()
}

/// An SDTM rule is an SDT code or a CORE rule of an SDTM-family standard.
fn is_sdtm_rule(code: &str) -> bool {
    code.starts_with("SDT")
        || core_rules::RuleBook::bundled()
            .get(code)
            .is_some_and(|r| !r.applies_to(&core_rules::Standard::new("ADaMIG", "1.3")))
}

/// The same record as an SDTM DM raises the arm rule; as an ADSL it does not (on the pilot
/// ADaM package the SDTM arm rule fired on all 254 ADSL records).
#[test]
fn sdtm_rules_do_not_look_at_adam_datasets() {
    let dir = tempfile::tempdir().unwrap();
    let (sdtm, adam) = (dir.path().join("sdtm"), dir.path().join("adam"));
    std::fs::create_dir_all(&sdtm).unwrap();
    std::fs::create_dir_all(&adam).unwrap();
    std::fs::write(
        sdtm.join("dm.csv"),
        "STUDYID,DOMAIN,USUBJID,ARM,ARMCD\nS1,DM,S1-1,Placebo,\n",
    )
    .unwrap();
    std::fs::write(
        adam.join("adsl.csv"),
        "STUDYID,USUBJID,ARM,ARMCD\nS1,S1-1,Placebo,\n",
    )
    .unwrap();
    let on_dm = raised(&report(&[&sdtm]));
    assert!(
        on_dm.contains(&("SDT0019".into(), "DM".into())),
        "{on_dm:?}"
    );
    let both = report(&[&sdtm, &adam]);
    let wrong: Vec<_> = raised(&both)
        .into_iter()
        .filter(|(code, ds)| ds == "ADSL" && is_sdtm_rule(code))
        .collect();
    assert!(wrong.is_empty(), "SDTM rules on ADSL: {wrong:?}");
    assert!(raised(&both).contains(&("SDT0019".into(), "DM".into())));
}

/// A package of ADaM datasets only is checked as ADaMIG, says so, and raises no SDTM rule
/// ("DM dataset is missing", SDTM label case, split datasets) on the pilot ADaM package.
#[test]
fn the_pilot_adam_package_gets_no_sdtm_finding() {
    let pilot = standards::reference_dir().join("cdiscpilot01/adam");
    let r = report(&[&pilot]);
    assert_eq!(r["checked"]["standard"], "ADaMIG 1.3");
    assert_eq!(r["checked"]["standard_from"], "default for ADaM datasets");
    let wrong: Vec<_> = raised(&r)
        .into_iter()
        .filter(|(code, _)| is_sdtm_rule(code))
        .collect();
    assert!(wrong.is_empty(), "SDTM rules on ADaM: {wrong:?}");
    // ADaM rules still run on it.
    assert!(raised(&r).iter().any(|(code, _)| code.starts_with("ADM")));
}

/// The pilot's ADaM define.xml declares ISO-8859-1; it is read and checked against the
/// datasets beside it instead of being reported unreadable.
#[test]
fn a_latin1_define_xml_is_read() {
    let pilot = standards::reference_dir().join("cdiscpilot01/adam");
    let r = report(&[&pilot]);
    let codes: Vec<String> = raised(&r).into_iter().map(|(c, _)| c).collect();
    assert!(!codes.contains(&"RL0002".to_owned()), "{codes:?}");
    // The package holds four of the define's datasets: the others are named as missing.
    assert!(codes.iter().any(|c| c == "DX0002"), "{codes:?}");

    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(pilot.join("define.xml")).unwrap();
    let relabelled = String::from_utf8_lossy(&bytes).replace("ISO-8859-1", "UTF-8");
    let mut odd = relabelled.into_bytes();
    odd.extend([0xff, 0xfe]);
    std::fs::write(dir.path().join("define.xml"), odd).unwrap();
    std::fs::copy(pilot.join("adsl.xpt"), dir.path().join("adsl.xpt")).unwrap();
    let r = report(&[dir.path()]);
    assert!(
        raised(&r).iter().any(|(c, _)| c == "RL0002"),
        "an undecodable define.xml is still reported"
    );
}
