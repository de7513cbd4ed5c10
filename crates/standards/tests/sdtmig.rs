//! Looking up SDTMIG 3.4 domains and variables the way the mapping engine and rules do.
#![allow(clippy::unwrap_used)]

use model::{Core, VarType};
use standards::{Class, sdtmig};

#[test]
fn dm_sex_is_required_and_coded_by_sex() {
    let dm = sdtmig().domain("DM").unwrap();
    assert_eq!(dm.label, "Demographics");
    assert_eq!(dm.class, Class::SpecialPurpose);
    assert_eq!(dm.structure, "One record per subject");
    assert_eq!(dm.keys, ["STUDYID", "USUBJID"]);
    let sex = dm.variable("SEX").unwrap();
    assert_eq!(
        (sex.label.as_str(), sex.vtype, sex.core),
        ("Sex", VarType::Char, Core::Req)
    );
    assert_eq!(sex.codelist(), Some("SEX"));
    assert_eq!(dm.variable("AGE").unwrap().vtype, VarType::Num);
    assert_eq!(dm.variable("ARMNRS").unwrap().codelist(), Some("ARMNULRS"));
    assert_eq!(dm.variable("country").unwrap().core, Core::Req);
    assert!(dm.variable("AETERM").is_none());
}

#[test]
fn ae_variables_in_ig_order_with_seriousness_criteria_coded_ny() {
    let ae = sdtmig().domain("ae").unwrap();
    assert_eq!(ae.class, Class::Events);
    let names: Vec<_> = ae.variables().iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names[..5],
        ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AEGRPID"]
    );
    let aeser = ae.variable("AESER").unwrap();
    assert_eq!((aeser.core, aeser.codelist()), (Core::Exp, Some("NY")));
    for crit in [
        "AESCAN", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP", "AESLIFE", "AESMIE",
    ] {
        assert_eq!(ae.variable(crit).unwrap().codelist(), Some("NY"), "{crit}");
    }
    assert_eq!(ae.variable("AEACN").unwrap().codelist(), Some("ACN"));
    assert_eq!(ae.variable("AEOUT").unwrap().codelist(), Some("OUT"));
    assert_eq!(ae.variable("AEDECOD").unwrap().core, Core::Req);
    let stdtc = ae.variable("AESTDTC").unwrap();
    assert!(stdtc.is_dtc() && !stdtc.is_study_day());
    assert!(ae.variable("AESTDY").unwrap().is_study_day());
}

#[test]
fn generic_names_resolve_through_the_prefix() {
    let ae = sdtmig().domain("AE").unwrap();
    assert_eq!(ae.variable("--SEQ").unwrap().name, "AESEQ");
    assert_eq!(
        ae.variable("AESEQ").unwrap().generic_name(ae.prefix()),
        "--SEQ"
    );
    assert_eq!(
        ae.variable("STUDYID").unwrap().generic_name(ae.prefix()),
        "STUDYID"
    );
    // A sponsor-defined events domain borrows the AE shape.
    let template = sdtmig().template(Class::Events).unwrap();
    assert_eq!(
        template.variable_with_prefix("XESTDTC", "XE").unwrap().name,
        "AESTDTC"
    );
    assert_eq!(
        template.variable_with_prefix("EPOCH", "XE").unwrap().name,
        "EPOCH"
    );
    assert!(template.variable_with_prefix("XEFOO", "XE").is_none());
    assert_eq!(
        sdtmig()
            .template(Class::Findings)
            .unwrap()
            .variable_with_prefix("XFORRES", "XF")
            .unwrap()
            .name,
        "LBORRES"
    );
}

#[test]
fn supp_datasets_share_the_suppqual_shape() {
    let supp = sdtmig().domain("SUPPDM").unwrap();
    assert_eq!(supp.name, "SUPPQUAL");
    assert_eq!(supp.class, Class::Relationship);
    let names: Vec<_> = supp.variables().iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL",
            "QORIG", "QEVAL"
        ]
    );
    assert!(supp.prefix().is_none());
    assert!(supp.variable("--SEQ").is_none());
    let meta = sdtmig().supp_meta("ae").unwrap();
    assert_eq!(
        (meta.name.as_str(), meta.label.as_str()),
        ("SUPPAE", "Supplemental Qualifiers for AE")
    );
    assert_eq!(meta.variable("QNAM").unwrap().core, Some(Core::Req));
    assert_eq!(meta.variable("IDVAR").unwrap().core, Some(Core::Exp));
}

#[test]
fn dataset_meta_carries_class_structure_and_variable_metadata() {
    let meta = sdtmig().domain("LB").unwrap().to_dataset_meta();
    assert_eq!(meta.name, "LB");
    assert_eq!(meta.class.as_deref(), Some("FINDINGS"));
    assert_eq!(
        meta.variables.len(),
        sdtmig().domain("LB").unwrap().variables().len()
    );
    let testcd = meta.variable("LBTESTCD").unwrap();
    assert_eq!(testcd.codelist.as_deref(), Some("LBTESTCD"));
    assert_eq!(testcd.role.as_deref(), Some("Topic"));
    assert_eq!(meta.variable("LBSTRESN").unwrap().length, Some(8));
    let json = serde_json::to_value(meta.variable("LBORRESU").unwrap()).unwrap();
    assert_eq!(json["codelist"], "UNIT");
}

#[test]
fn all_requested_domains_are_embedded_with_their_classes() {
    let ig = sdtmig();
    assert_eq!(ig.version(), "3.4");
    let expect = [
        ("DM", Class::SpecialPurpose),
        ("CO", Class::SpecialPurpose),
        ("SV", Class::SpecialPurpose),
        ("EX", Class::Interventions),
        ("CM", Class::Interventions),
        ("AE", Class::Events),
        ("CE", Class::Events),
        ("DS", Class::Events),
        ("MH", Class::Events),
        ("LB", Class::Findings),
        ("RE", Class::Findings),
        ("TA", Class::TrialDesign),
        ("TE", Class::TrialDesign),
        ("TI", Class::TrialDesign),
        ("TS", Class::TrialDesign),
        ("TV", Class::TrialDesign),
        ("SUPPQUAL", Class::Relationship),
        ("RELREC", Class::Relationship),
    ];
    for (name, class) in expect {
        assert_eq!(ig.domain(name).unwrap().class, class, "{name}");
    }
    assert_eq!(ig.domains().len(), expect.len());
    assert_eq!(
        ig.domain("DS")
            .unwrap()
            .variable("DSDECOD")
            .unwrap()
            .codelists,
        ["NCOMPLT", "PROTMLST", "OTHEVENT"]
    );
    assert_eq!(
        ig.domain("TS")
            .unwrap()
            .variable("TSPARMCD")
            .unwrap()
            .codelist(),
        Some("TSPARMCD")
    );
    assert_eq!(
        ig.domain("TA").unwrap().variable("EPOCH").unwrap().core,
        Core::Req
    );
    assert!(ig.domain("XX").is_none());
    assert!(ig.domain("SUPP").is_none());
}
