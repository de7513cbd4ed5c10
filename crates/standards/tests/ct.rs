//! Controlled terminology lookups: membership, recoding, TESTCD/TEST pairs, extensibility.
#![allow(clippy::unwrap_used)]

use standards::{adam_ct, ct};

#[test]
fn sex_membership_is_exact() {
    let sex = ct().codelist("SEX").unwrap();
    assert_eq!(sex.nci_code, "C66731");
    assert!(!sex.extensible);
    for v in ["F", "M", "U", "UNDIFFERENTIATED"] {
        assert!(sex.contains(v), "{v}");
    }
    for v in ["X", "m", "Male", " M"] {
        assert!(!sex.contains(v), "{v}");
    }
    assert_eq!(sex.terms().len(), 4);
    assert_eq!(ct().codelist("C66731").unwrap().submission_value, "SEX");
    assert_eq!(sex.term("F").unwrap().decode, "Female");
}

#[test]
fn normalized_lookup_recodes_site_spellings() {
    let sex = ct().codelist("SEX").unwrap();
    assert_eq!(sex.lookup_normalized("male "), Some("M"));
    assert_eq!(sex.lookup_normalized("  FEMALE"), Some("F"));
    assert_eq!(sex.lookup_normalized("unk"), Some("U"));
    assert_eq!(sex.lookup_normalized("intersex"), Some("UNDIFFERENTIATED"));
    assert_eq!(sex.lookup_normalized("x"), None);
    let ny = ct().codelist("NY").unwrap();
    assert_eq!(ny.lookup_normalized("yes"), Some("Y"));
    assert_eq!(ny.lookup_normalized("not  applicable"), Some("NA"));
    let ageu = ct().codelist("AGEU").unwrap();
    assert_eq!(ageu.lookup_normalized("Year"), Some("YEARS"));
}

#[test]
fn submission_value_beats_a_synonym_of_another_term() {
    // In UNIT, "mg" is a submission value; a synonym elsewhere spelling it must not steal it.
    let unit = ct().codelist("UNIT").unwrap();
    assert_eq!(unit.lookup_normalized("MG"), Some("mg"));
    assert_eq!(unit.lookup_normalized("mg/dL"), Some("mg/dL"));
}

#[test]
fn testcd_and_test_pair_through_nci_codes() {
    let ct = ct();
    assert_eq!(ct.pair("LBTESTCD", "CK", "LBTEST"), Some("Creatine Kinase"));
    assert_eq!(ct.pair("LBTEST", "Creatine Kinase", "LBTESTCD"), Some("CK"));
    assert_eq!(
        ct.pair("LBTESTCD", "KL6", "LBTEST"),
        Some("Krebs von den Lungen-6")
    );
    assert_eq!(
        ct.pair("LBTESTCD", "SFTPD", "LBTEST"),
        Some("Surfactant Protein D")
    );
    assert_eq!(
        ct.pair("RETESTCD", "FVC", "RETEST"),
        Some("Forced Vital Capacity")
    );
    assert_eq!(
        ct.pair("RETESTCD", "FVCPP", "RETEST"),
        Some("Percent Predicted Forced Vital Capacity")
    );
    assert_eq!(
        ct.pair("RETESTCD", "DLCO", "RETEST"),
        Some("Diffusion Capacity of Lung for CO")
    );
    assert_eq!(
        ct.pair("RETESTCD", "DLCOPP", "RETEST"),
        Some("Percent Predicted DLCO")
    );
    assert_eq!(
        ct.pair("TSPARMCD", "TPHASE", "TSPARM"),
        Some("Trial Phase Classification")
    );
    assert_eq!(ct.pair("LBTESTCD", "NOPE", "LBTEST"), None);
    let lbtestcd = ct.codelist("LBTESTCD").unwrap();
    let lbtest = ct.codelist("LBTEST").unwrap();
    assert_eq!(lbtestcd.terms().len(), lbtest.terms().len());
}

#[test]
fn extensible_flags_follow_the_ct_package() {
    let ct = ct();
    assert_eq!(ct.version(), "2022-03-25");
    for name in [
        "SEX", "NY", "AESEV", "OUT", "ACN", "RACE", "ETHNIC", "AGEU", "STENRF", "ND",
    ] {
        assert!(!ct.codelist(name).unwrap().extensible, "{name}");
    }
    for name in [
        "UNIT", "ROUTE", "LBTESTCD", "RETESTCD", "EPOCH", "NCOMPLT", "FREQ", "TPHASE",
    ] {
        assert!(ct.codelist(name).unwrap().extensible, "{name}");
    }
}

#[test]
fn trial_design_codelists_hold_the_values_ts_needs() {
    let ct = ct();
    assert!(ct.codelist("TPHASE").unwrap().contains("PHASE II TRIAL"));
    assert_eq!(
        ct.codelist("TPHASE")
            .unwrap()
            .lookup_normalized("trial phase 2"),
        Some("PHASE II TRIAL")
    );
    assert_eq!(
        ct.codelist("TPHASE").unwrap().lookup_normalized("phase 2"),
        None
    );
    assert!(ct.codelist("STYPE").unwrap().contains("INTERVENTIONAL"));
    assert!(ct.codelist("TBLIND").unwrap().contains("OPEN LABEL"));
    assert!(ct.codelist("INTMODEL").unwrap().contains("PARALLEL"));
    assert!(ct.codelist("SEXPOP").unwrap().contains("BOTH"));
    assert!(ct.codelist("EPOCH").unwrap().contains("TREATMENT"));
    assert!(ct.codelist("NCOMPLT").unwrap().contains("DEATH"));
    assert!(
        ct.codelist("PROTMLST")
            .unwrap()
            .contains("INFORMED CONSENT OBTAINED")
    );
    assert!(ct.codelist("DSCAT").unwrap().contains("DISPOSITION EVENT"));
    assert!(ct.codelist("DOMAIN").unwrap().contains("RE"));
}

#[test]
fn adam_terminology_is_versioned_separately() {
    let adam = adam_ct();
    assert_eq!(adam.version(), "2021-12-17");
    let dtype = adam.codelist("DTYPE").unwrap();
    assert!(dtype.extensible);
    assert!(dtype.contains("LOCF"));
    let paramtyp = adam.codelist("PARAMTYP").unwrap();
    assert!(!paramtyp.extensible && paramtyp.contains("DERIVED"));
    assert!(adam.codelist("DATEFL").unwrap().contains("D"));
    assert!(ct().codelist("DTYPE").is_none());
}

const HEADER: &str =
    "Code\tCodelist Code\tExtensible\tCodelist Name\tSubmission Value\tSynonyms\tPreferred Term\n";

#[test]
fn a_term_listed_twice_in_one_codelist_is_refused_with_its_line() {
    let text = format!(
        "{HEADER}C1\t\tNo\tTest Code\tXTESTCD\t\tTest Code\nC10\tC1\t\t\tAB\t\tAlpha Beta\nC11\tC1\t\t\tAB\t\tAgain\n"
    );
    let err = standards::Ct::parse("x.tsv", "test", &text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("x.tsv") && err.contains("XTESTCD.AB"), "{err}");
    assert!(
        err.starts_with("x.tsv:4:"),
        "the second AB is on line 4: {err}"
    );
}

#[test]
fn paired_codelists_follow_the_first_term_with_the_code() {
    let text = format!(
        "{HEADER}C1\t\tNo\tTest Code\tXTESTCD\t\tTest Code\nC2\t\tNo\tTest Name\tXTEST\t\tTest Name\n\
         C10\tC1\t\t\tAB\t\tAlpha Beta\nC10\tC2\t\t\tAlpha Beta\t\tAlpha Beta\nC10\tC2\t\t\tAlpha-Beta\t\tAlpha Beta\n"
    );
    let ct = standards::Ct::parse("x.tsv", "test", &text).unwrap();
    assert_eq!(ct.pair("XTESTCD", "AB", "XTEST"), Some("Alpha Beta"));
    assert_eq!(ct.pair("XTESTCD", "CD", "XTEST"), None);
}
