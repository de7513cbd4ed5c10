//! ADaMIG 1.3 variable lookups, including indexed names like TRT01P and ANL01FL.
#![allow(clippy::unwrap_used)]

use model::{Core, VarType};
use standards::{AdamCore, adamig};

#[test]
fn adsl_indexed_variables_resolve_with_filled_labels() {
    let adsl = adamig().dataset("ADSL").unwrap();
    assert_eq!(adsl.class, "SUBJECT LEVEL ANALYSIS DATASET");
    let trt = adsl.variable("TRT01P").unwrap();
    assert_eq!((trt.name.as_str(), trt.core), ("TRTxxP", AdamCore::Req));
    assert_eq!(
        trt.label_for("TRT01P").unwrap(),
        "Planned Treatment for Period 01"
    );
    assert_eq!(
        adsl.variable("AGEGR1N")
            .unwrap()
            .label_for("AGEGR1N")
            .unwrap(),
        "Pooled Age Group 1 (N)"
    );
    assert!(adsl.variable("TRT1P").is_none());
    assert!(adsl.variable("AGEGR0").is_none());
    let ittfl = adsl.variable("ITTFL").unwrap();
    assert_eq!(
        (ittfl.core, ittfl.codelist.as_deref()),
        (AdamCore::Cond, Some("NY"))
    );
    assert_eq!(adsl.variable("RANDDT").unwrap().vtype, VarType::Num);
}

#[test]
fn bds_serves_adlb_and_adre() {
    for name in ["ADLB", "ADRE", "BDS"] {
        let bds = adamig().dataset(name).unwrap();
        assert_eq!(bds.name, "BDS");
        assert_eq!(bds.variable("PARAMCD").unwrap().core, AdamCore::Req);
        assert_eq!(
            bds.variable("DTYPE").unwrap().codelist.as_deref(),
            Some("DTYPE")
        );
        assert!(bds.variable("ANL01FL").is_some());
        assert!(bds.variable("CRIT1FL").is_some());
    }
}

#[test]
fn adtte_and_adae_have_their_own_tables() {
    let tte = adamig().dataset("ADTTE").unwrap();
    assert_eq!(tte.variable("CNSR").unwrap().vtype, VarType::Num);
    assert!(tte.variable("STARTDT").is_some());
    let adae = adamig().dataset("adae").unwrap();
    assert_eq!(adae.class, "OCCURRENCE DATA STRUCTURE");
    assert_eq!(adae.variable("TRTEMFL").unwrap().core, AdamCore::Cond);
}

#[test]
fn conditional_core_maps_to_expected_in_the_model() {
    let v = adamig().dataset("ADSL").unwrap().variable("SAFFL").unwrap();
    let var = v.to_variable("SAFFL").unwrap();
    assert_eq!(var.core, Some(Core::Exp));
    let trt = adamig()
        .dataset("ADSL")
        .unwrap()
        .variable("TRT02A")
        .unwrap();
    assert_eq!(trt.to_variable("trt02a").unwrap().name, "TRT02A");
    assert!(trt.to_variable("TRT02P").is_none());
}
