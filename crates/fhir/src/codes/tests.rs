use super::*;

#[test]
fn armcd_rule() {
    assert_eq!(armcd_for("TAC group"), "TAC");
    assert_eq!(armcd_for("CsA group"), "CSA");
    assert_eq!(armcd_for("Tofacitinib 5 mg BID"), "TOFACITINIB5MGBID");
    assert_eq!(
        armcd_for("Placebo + background therapy"),
        "PLACEBOBACKGROUNDTHE"
    );
    assert_eq!(armcd_for("Arm A"), "A");
    assert_eq!(armcd_for("Group"), "GROUP");
    assert_eq!(armcd_for("ステロイド"), "ARM");
    assert_eq!(armcd_for("AP303 50 μg"), "AP30350G");
    assert!(armcd_for(&"x".repeat(50)).len() <= 20);
}

#[test]
fn collisions_get_suffixes() {
    let codes = armcds_for(&["Placebo", "placebo arm", "Placebo group", "A", "a"]);
    assert_eq!(codes, ["PLACEBO", "PLACEBO2", "PLACEBO3", "A", "A2"]);
    let long = "Very long treatment name one";
    let c = armcds_for(&[long, long]);
    assert_eq!(c[0].len(), 20);
    assert!(c[1].len() <= 20 && c[1].ends_with('2') && c[0] != c[1]);
}

#[test]
fn multi_phase_codes() {
    use Phase::*;
    assert_eq!(
        phase(&[Phase2, Phase3]).map(|m| m.code),
        Some("phase-2-phase-3")
    );
    assert_eq!(
        phase(&[Phase2, Phase1]).map(|m| m.code),
        Some("phase-1-phase-2")
    );
    assert_eq!(phase(&[Phase1, Phase3]), None);
    assert_eq!(phase(&[Unknown]), None);
    assert_eq!(phase(&[NotApplicable]).map(|m| m.code), Some("n-a"));
}

#[test]
fn r4b_status_table_flags_lossy_rows() {
    use OverallStatus::*;
    assert_eq!(
        status_r4b(Some(Completed)),
        Mapped {
            code: "completed",
            display: "Completed",
            exact: true
        }
    );
    assert!(!status_r4b(Some(Terminated)).exact);
    assert_eq!(status_r4b(None).code, "in-review");
    assert_eq!(progress_state_r5(UnknownStatus), None);
}

#[test]
fn uuids_are_stable_and_versioned() {
    let a = uuid_for(&["Group", "NCT1"]);
    assert_eq!(a, uuid_for(&["Group", "NCT1"]));
    assert_ne!(a, uuid_for(&["Group", "NCT2"]));
    assert_ne!(uuid_for(&["ab", "c"]), uuid_for(&["a", "bc"]));
    assert_eq!(a.len(), 36);
    assert_eq!(&a[14..15], "8");
    assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
}
