//! `validate` gives no finding that is wrong for the package at hand: a standard's rules look
//! only at that standard's datasets, a package is checked against the versions it claims, a
//! Latin-1 define.xml is read, a Define-XML 1.0 reference counts, and arithmetic noise in a
//! number is not a different value.

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
    // Its define.xml names the ADaM model (2.1), not an ADaMIG version.
    assert_eq!(r["checked"]["standard"], "ADaMIG");
    let from = r["checked"]["standard_from"].as_str().unwrap();
    assert!(from.starts_with("define.xml"), "{from}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(pilot.join("adsl.xpt"), dir.path().join("adsl.xpt")).unwrap();
    let alone = report(&[dir.path()]);
    assert_eq!(alone["checked"]["standard"], "ADaMIG 1.3");
    assert_eq!(alone["checked"]["standard_from"], "default");
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

fn codes(report: &Value) -> Vec<String> {
    raised(report).into_iter().map(|(c, _)| c).collect()
}

fn findings_of<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The pilot SDTM define.xml (Define-XML 1.0) claims SDTMIG 3.1.2: the package is checked as
/// that, the rules built from SDTMIG 3.4 metadata (labels, expected variables) do not run, a
/// notice at the top says so, and CT findings are warnings naming both CT versions. Forced to
/// 3.4 on the command line, the same package gets the 3.4 label findings back.
#[test]
fn the_pilot_sdtm_package_is_checked_as_the_version_it_claims() {
    let pilot = standards::reference_dir().join("cdiscpilot01/sdtm");
    let r = report(&[&pilot]);
    assert_eq!(r["checked"]["standard"], "SDTMIG 3.1.2");
    let ct = r["checked"]["ct"].as_str().unwrap();
    assert!(ct.contains("SDTM CT 2022-03-25"), "{ct}");
    let got = codes(&r);
    for ig_rule in ["SDT0071", "SDT0075", "SDT0080"] {
        assert!(!got.iter().any(|c| c == ig_rule), "{ig_rule} ran: {got:?}");
    }
    let notice = findings_of(&r, "RL0005");
    assert_eq!(notice.len(), 1, "{got:?}");
    assert_eq!(notice[0]["severity"], "notice");
    assert!(notice[0]["message"].as_str().unwrap().contains("SDT0075"));
    assert_eq!(
        r["findings"][0]["code"], "RL0005",
        "the notice heads the report"
    );
    let ct_findings = findings_of(&r, "SDT0078");
    assert!(!ct_findings.is_empty(), "{got:?}");
    for f in ct_findings {
        assert_eq!(f["severity"], "warning");
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("claims no CT version")
        );
    }
    // No CORE rule cites SDTMIG 3.1.2: none runs (and none misfires).
    assert!(!got.iter().any(|c| c.starts_with("CORE-")), "{got:?}");
    // Define-XML 1.0 ItemRefs point at the ROLES codelist with def:RoleCodeListOID.
    assert!(!got.iter().any(|c| c == "FM0130"), "{got:?}");

    let o = trialbridge(crate::repo())
        .args(["validate", "--format", "json", "--standard", "sdtmig-3.4"])
        .arg(&pilot)
        .output()
        .unwrap();
    let forced: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(forced["checked"]["standard"], "SDTMIG 3.4");
    assert_eq!(forced["checked"]["standard_from"], "--standard");
    let got = codes(&forced);
    assert!(got.iter().any(|c| c == "SDT0075"), "{got:?}");
    assert!(!got.iter().any(|c| c == "RL0005"), "{got:?}");
}

/// A CT term missing from the embedded CT is an error for a package that claims that CT, and a
/// warning naming both versions for one that claims another.
#[test]
fn ct_findings_against_another_ct_version_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dm.csv"),
        "STUDYID,DOMAIN,USUBJID,SEX\nS1,DM,S1-1,BOTH\n",
    )
    .unwrap();
    let run = |ct: &str| {
        let o = trialbridge(crate::repo())
            .args([
                "validate", "--format", "json", "--select", "SDT", "--ct", ct,
            ])
            .arg(dir.path())
            .output()
            .unwrap();
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        r
    };
    let same = run("2022-03-25");
    let hit = findings_of(&same, "SDT0076");
    assert!(!hit.is_empty(), "{:?}", codes(&same));
    assert!(hit.iter().all(|f| f["severity"] == "error"));
    let other = run("2011-12-09");
    let hit = findings_of(&other, "SDT0076");
    assert!(!hit.is_empty(), "{:?}", codes(&other));
    for f in hit {
        assert_eq!(f["severity"], "warning");
        let m = f["message"].as_str().unwrap();
        assert!(m.contains("2022-03-25") && m.contains("2011-12-09"), "{m}");
    }
    assert_eq!(findings_of(&other, "RL0005").len(), 1);
}

/// VISITNUM 1.3000000000000003 (what arithmetic leaves) is the 1.3 the trial design and the
/// other records list: not a second number for the visit, and matched to TV's name for 1.3.
#[test]
fn arithmetic_noise_in_a_number_is_not_a_different_value() {
    let dir = tempfile::tempdir().unwrap();
    let tv = |name: &str| {
        std::fs::write(
            dir.path().join("tv.csv"),
            format!("STUDYID,DOMAIN,VISITNUM,VISIT,ARMCD\nS1,TV,1.3,{name},A\n"),
        )
        .unwrap();
    };
    tv("WEEK 1");
    std::fs::write(
        dir.path().join("sv.csv"),
        "STUDYID,DOMAIN,USUBJID,VISITNUM,VISIT,SVSTDTC\n\
         S1,SV,S1-1,1.3,WEEK 1,2020-01-01\n\
         S1,SV,S1-2,1.3000000000000003,WEEK 1,2020-01-02\n",
    )
    .unwrap();
    let visit_rules = |r: &Value| -> Vec<(String, String)> {
        raised(r)
            .into_iter()
            .filter(|(c, ds)| ds == "SV" && ["SDT0036", "SDT0038"].contains(&c.as_str()))
            .collect()
    };
    let r = report(&[dir.path()]);
    assert!(visit_rules(&r).is_empty(), "{:?}", visit_rules(&r));
    // TV names 1.3 otherwise: both records differ from it, the noisy one included.
    tv("WEEK 2");
    let r = report(&[dir.path()]);
    let hit = findings_of(&r, "SDT0038");
    assert_eq!(hit.len(), 1, "{:?}", raised(&r));
    assert!(
        hit[0]["message"].as_str().unwrap().contains("2 records"),
        "{}",
        hit[0]
    );
}

/// `validate` on the CDISC pilot packages raises exactly the findings the README's table of
/// them lists and justifies: (package, code, severity) and how many.
#[test]
fn the_pilot_findings_are_the_ones_the_readme_justifies() {
    use std::collections::BTreeMap;
    let readme = std::fs::read_to_string(crate::repo().join("README.md")).unwrap();
    let table = readme
        .split("<!-- pilot-findings -->")
        .nth(1)
        .and_then(|s| s.split("<!-- /pilot-findings -->").next())
        .expect("README has a <!-- pilot-findings --> table");
    let mut listed: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let key = (
            cells[1].trim_matches('`').to_owned(),
            cells[2].trim_matches('`').to_owned(),
            cells[3].to_owned(),
        );
        listed.insert(key, cells[4].replace(',', "").parse().unwrap());
    }
    let mut raised: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for package in ["sdtm", "adam"] {
        let dir = standards::reference_dir()
            .join("cdiscpilot01")
            .join(package);
        let r = report(&[&dir]);
        for f in r["findings"].as_array().unwrap() {
            let key = (
                package.to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            );
            *raised.entry(key).or_default() += 1;
        }
    }
    assert_eq!(
        raised, listed,
        "the README's pilot table and validate disagree (left: raised, right: listed)"
    );
}
