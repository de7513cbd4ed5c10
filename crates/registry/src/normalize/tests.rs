use super::*;

#[test]
fn dates_in_every_registry_spelling() {
    let cases = [
        ("2010-05", "2010-05"),
        ("2014-08-05", "2014-08-05"),
        ("June 2006", "2006-06"),
        ("October 9, 2009", "2009-10-09"),
        ("9 October 2009", "2009-10-09"),
        ("20141101", "2014-11-01"),
        ("2014/11/01", "2014-11-01"),
        ("01/11/2014", "2014-11-01"),
        ("2014/11", "2014-11"),
    ];
    for (text, iso) in cases {
        assert_eq!(
            parse_date(text).map(|d| d.to_string()).as_deref(),
            Some(iso),
            "{text}"
        );
    }
    for bad in ["", "soon", "31/02/2014", "June June 2006"] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
}

#[test]
fn ages_with_and_without_units() {
    let a = parse_age("18 Years").unwrap();
    assert_eq!((a.value, a.unit), (Some(18), AgeUnit::Years));
    let a = parse_age("18Years").unwrap();
    assert_eq!((a.value, a.unit), (Some(18), AgeUnit::Years));
    let a = parse_age("6 Months").unwrap();
    assert_eq!((a.value, a.unit), (Some(6), AgeUnit::Months));
    let a = parse_age("20").unwrap();
    assert_eq!((a.value, a.unit), (Some(20), AgeUnit::Years));
    let a = parse_age("18age old over").unwrap();
    assert_eq!((a.value, a.unit), (Some(18), AgeUnit::Years));
    for none in ["N/A", "Not applicable", "no limit", ""] {
        assert_eq!(parse_age(none), None, "{none}");
    }
    let a = parse_age("adults").unwrap();
    assert_eq!(
        (a.value, a.unit, a.raw.as_str()),
        (None, AgeUnit::Unknown, "adults")
    );
}

#[test]
fn ictrp_phase_table() {
    use Phase::*;
    let table: &[(&str, &[Phase])] = &[
        ("Phase 2", &[Phase2]),
        ("Phase II", &[Phase2]),
        ("Phase-2", &[Phase2]),
        ("2", &[Phase2]),
        ("2-3", &[Phase2, Phase3]),
        ("Phase 1/Phase 2", &[Phase1, Phase2]),
        ("Phase II/III", &[Phase2, Phase3]),
        ("Phase 1b", &[Phase1]),
        ("Phase 0", &[EarlyPhase1]),
        ("Early Phase 1", &[EarlyPhase1]),
        ("Not Applicable", &[NotApplicable]),
        ("N/A", &[NotApplicable]),
        ("PHASE3", &[Phase3]),
        (
            "Human pharmacology (Phase I): no Therapeutic exploratory (Phase II): yes Therapeutic confirmatory - (Phase III): yes Therapeutic use (Phase IV): no",
            &[Phase2, Phase3],
        ),
        ("Pilot study", &[Unknown]),
        ("", &[]),
    ];
    for (text, want) in table {
        assert_eq!(phases_free_text(text), *want, "{text}");
    }
}

#[test]
fn ictrp_status_table() {
    use OverallStatus::*;
    let table = [
        ("Recruiting", Recruiting),
        ("Not recruiting", NotRecruiting),
        ("Not Recruiting", NotRecruiting),
        ("Authorised", Approved),
        ("Not yet recruiting", NotYetRecruiting),
        ("Pending", NotYetRecruiting),
        ("Completed", Completed),
        ("Complete", Completed),
        ("Main results already published", Completed),
        ("No longer recruiting", ActiveNotRecruiting),
        ("Open public recruiting", Recruiting),
        ("Preinitiation", NotYetRecruiting),
        ("Withdrawn", Withdrawn),
        ("Prematurely Ended", Terminated),
        ("Temporarily Halted", Suspended),
        ("Unknown status", UnknownStatus),
        ("Ongoing", Unknown),
        ("", Unknown),
    ];
    for (text, want) in table {
        assert_eq!(status_free_text(text), want, "{text}");
    }
}

#[test]
fn ictrp_target_size_table() {
    let table = [
        ("58", Some(58)),
        ("58;", Some(58)),
        (" 58 ", Some(58)),
        ("Japan: 58", Some(58)),
        ("TAC group:30;CsA group:28;", Some(58)),
        ("1,200", Some(1200)),
        ("", None),
        ("about sixty", None),
        ("Japan: 58; Korea: many", None),
    ];
    for (text, want) in table {
        assert_eq!(target_size(text), want, "{text}");
    }
}

#[test]
fn criteria_from_api_markdown() {
    let text = "Inclusion Criteria:\n\n* Healthy children\n* Age 5-8 years\n\nExclusion Criteria:\n\n* Not ASA I\n* FVC decline \\<5%";
    let (inc, exc) = split_criteria(text);
    assert_eq!(inc, ["Healthy children", "Age 5-8 years"]);
    assert_eq!(exc, ["Not ASA I", "FVC decline <5%"]);
}

#[test]
fn criteria_from_legacy_xml_with_sub_items_and_wrapping() {
    let text = "        Inclusion Criteria:\n          -  Persistent antibody, as defined by:\n               1. Medium level\n               2. Lupus anticoagulant\n          -  Clinical symptoms seen in\n             patients with APS\n        Exclusion Criteria:\n          -  No documented antibody\n";
    let (inc, exc) = split_criteria(text);
    assert_eq!(
        inc,
        [
            "Persistent antibody, as defined by: 1. Medium level 2. Lupus anticoagulant",
            "Clinical symptoms seen in patients with APS"
        ]
    );
    assert_eq!(exc, ["No documented antibody"]);
}

#[test]
fn criteria_numbered_inline() {
    let text = "Inclusion Criteria:\n\n1. Age ≥ 18 2. Signed informed consent 3. FVC < 80% and or cDLCO < 70%\n\nExclusion Criteria:\n\n1. Pregnancy 2. Prednisone > 0.5 mg/kg/day";
    let (inc, exc) = split_criteria(text);
    assert_eq!(
        inc,
        [
            "Age ≥ 18",
            "Signed informed consent",
            "FVC < 80% and or cDLCO < 70%"
        ]
    );
    assert_eq!(exc, ["Pregnancy", "Prednisone > 0.5 mg/kg/day"]);
}

#[test]
fn criteria_without_headings_are_not_guessed() {
    let (inc, exc) = split_criteria("Adults with ILD");
    assert!(inc.is_empty() && exc.is_empty());
}

#[test]
fn a_date_word_cut_inside_a_character_is_no_date_not_a_panic() {
    // Found by the ctgov_xml fuzzer: `9\u{feff}/11` sliced the BOM at byte 3.
    for text in [
        "9\u{feff}/11",
        "\u{feff}\u{feff}",
        "é2014",
        "Déc 2014",
        "ja\u{301}n 2014",
    ] {
        assert_eq!(parse_date(text), None, "{text}");
    }
    assert_eq!(
        parse_date("Janvier 2014").map(|d| d.to_string()).as_deref(),
        Some("2014-01")
    );
}

#[test]
fn a_numeric_date_part_too_big_for_a_number_or_a_month_is_no_date_not_a_panic() {
    assert_eq!(
        parse_date("1007/11555550000000000000000.0000000000000000000000000"),
        None
    );
    assert_eq!(
        parse_date("01/257/2020"),
        None,
        "257 must not wrap to January"
    );
    assert_eq!(parse_date("01/11/4294967297"), None);
    assert_eq!(
        parse_date("01/11/2014").map(|d| d.to_string()).as_deref(),
        Some("2014-11-01")
    );
}
