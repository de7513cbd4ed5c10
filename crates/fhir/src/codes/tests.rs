use super::*;

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
    // Issue 16: these were `in-review`, which says the protocol awaits ethics review.
    for s in [None, Some(UnknownStatus), Some(Withheld), Some(Unknown)] {
        assert_eq!(status_r4b(s).code, "active", "{s:?}");
        assert!(!status_r4b(s).exact);
    }
    assert_eq!(
        progress_state_r5(UnknownStatus).map(|m| m.code),
        Some("active")
    );
    assert_eq!(progress_state_r5(Unknown), None);
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
