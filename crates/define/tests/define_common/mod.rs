//! A small study shared by the define.xml tests and the interop fixtures example: DM, AE,
//! LB with value-level metadata, SUPPDM, codelists with an extended value, a method, a
//! comment and an annotated CRF.
#![allow(dead_code)]

use define::doc::{
    CodeItem, CodeList, CodeListType, Comment, DefineDoc, Document, Method, MethodType,
    OriginSource, Standard, Study,
};
use model::{Core, Dataset, DatasetMeta, Origin, Value, Variable};

pub const TIMESTAMP: &str = "2026-11-22T10:00:00";

fn ds(name: &str, label: &str, class: &str, vars: Vec<Variable>, rows: Vec<Vec<Value>>) -> Dataset {
    let mut meta = DatasetMeta::new(name, label);
    meta.class = Some(class.into());
    meta.variables = vars;
    let mut d = Dataset::new(meta);
    d.rows = rows;
    d
}

fn c(s: &str) -> Value {
    Value::char(s)
}

pub fn datasets() -> Vec<Dataset> {
    let dm = {
        let mut d = ds(
            "DM",
            "Demographics",
            "SPECIAL PURPOSE",
            vec![
                Variable::char("STUDYID", "Study Identifier")
                    .with_core(Core::Req)
                    .with_origin(Origin::Protocol),
                Variable::char("USUBJID", "Unique Subject Identifier")
                    .with_core(Core::Req)
                    .with_origin(Origin::Derived),
                Variable::num("AGE", "Age").with_origin(Origin::Collected),
                Variable::char("SEX", "Sex")
                    .with_core(Core::Req)
                    .with_codelist("SEX")
                    .with_origin(Origin::Collected),
                Variable::char("RFSTDTC", "Subject Reference Start Date/Time")
                    .with_origin(Origin::Derived),
                Variable::char("ARM", "Description of Planned Arm <Arm & \"Dose\">")
                    .with_origin(Origin::Assigned),
            ],
            vec![
                vec![
                    c("S1"),
                    c("S1-001"),
                    54.0.into(),
                    c("F"),
                    c("2024-03-01"),
                    c("Drug A 10 mg"),
                ],
                vec![
                    c("S1"),
                    c("S1-002"),
                    61.0.into(),
                    c("M"),
                    c("2024-03"),
                    c("Placebo"),
                ],
                vec![
                    c("S1"),
                    c("S1-003"),
                    Value::NULL,
                    c("U"),
                    Value::NULL,
                    c("Drug A 10 mg"),
                ],
            ],
        );
        d.meta.structure = Some("One record per subject".into());
        d
    };
    let mut ae = ds(
        "AE",
        "Adverse Events",
        "EVENTS",
        vec![
            Variable::char("STUDYID", "Study Identifier").with_core(Core::Req),
            Variable::char("USUBJID", "Unique Subject Identifier").with_core(Core::Req),
            Variable::num("AESEQ", "Sequence Number")
                .with_core(Core::Req)
                .with_origin(Origin::Derived),
            Variable::char("AETERM", "Reported Term for the Adverse Event")
                .with_origin(Origin::Collected),
            Variable::char("AESTDTC", "Start Date/Time of Adverse Event")
                .with_origin(Origin::Collected),
        ],
        vec![
            vec![
                c("S1"),
                c("S1-001"),
                1.0.into(),
                c("HEADACHE"),
                c("2024-03-02T08:30"),
            ],
            vec![
                c("S1"),
                c("S1-002"),
                1.0.into(),
                c("NAUSEA & VOMITING"),
                c("2024-03-05"),
            ],
        ],
    );
    ae.meta.structure = Some("One record per adverse event per subject".into());
    let mut lb = ds(
        "LB",
        "Laboratory Test Results",
        "FINDINGS",
        vec![
            Variable::char("STUDYID", "Study Identifier").with_core(Core::Req),
            Variable::char("USUBJID", "Unique Subject Identifier").with_core(Core::Req),
            Variable::num("LBSEQ", "Sequence Number")
                .with_core(Core::Req)
                .with_origin(Origin::Derived),
            Variable::char("LBTESTCD", "Lab Test or Examination Short Name")
                .with_origin(Origin::Assigned),
            Variable::char("LBTEST", "Lab Test or Examination Name").with_origin(Origin::Assigned),
            Variable::char("LBORRES", "Result or Finding in Original Units")
                .with_origin(Origin::Collected),
            Variable::char("LBORRESU", "Original Units")
                .with_origin(Origin::Collected)
                .with_codelist("UNIT"),
            Variable::num("LBSTRESN", "Numeric Result/Finding in Standard Units")
                .with_origin(Origin::Derived),
            Variable::char("LBDTC", "Date/Time of Specimen Collection")
                .with_origin(Origin::Collected),
        ],
        vec![
            vec![
                c("S1"),
                c("S1-001"),
                1.0.into(),
                c("CK"),
                c("Creatine Kinase"),
                c("120"),
                c("U/L"),
                120.0.into(),
                c("2024-03-01T09:00"),
            ],
            vec![
                c("S1"),
                c("S1-002"),
                1.0.into(),
                c("CK"),
                c("Creatine Kinase"),
                c("95"),
                c("U/L"),
                95.0.into(),
                c("2024-03-01T09:10"),
            ],
            vec![
                c("S1"),
                c("S1-001"),
                2.0.into(),
                c("CRP"),
                c("C Reactive Protein"),
                c("3.25"),
                c("mg/L"),
                3.25.into(),
                c("2024-03-01T09:00"),
            ],
            vec![
                c("S1"),
                c("S1-001"),
                3.0.into(),
                c("UCOLOR"),
                c("Color"),
                c("YELLOW"),
                Value::NULL,
                Value::NULL,
                c("2024-03-01"),
            ],
        ],
    );
    lb.meta.structure = Some("One record per lab test per time point per visit per subject".into());
    let suppdm = ds(
        "SUPPDM",
        "Supplemental Qualifiers for DM",
        "RELATIONSHIP",
        vec![
            Variable::char("STUDYID", "Study Identifier").with_core(Core::Req),
            Variable::char("RDOMAIN", "Related Domain Abbreviation").with_core(Core::Req),
            Variable::char("USUBJID", "Unique Subject Identifier").with_core(Core::Req),
            Variable::char("IDVAR", "Identifying Variable"),
            Variable::char("IDVARVAL", "Identifying Variable Value"),
            Variable::char("QNAM", "Qualifier Variable Name").with_core(Core::Req),
            Variable::char("QLABEL", "Qualifier Variable Label").with_core(Core::Req),
            Variable::char("QVAL", "Data Value")
                .with_core(Core::Req)
                .with_origin(Origin::Collected),
        ],
        vec![
            vec![
                c("S1"),
                c("DM"),
                c("S1-001"),
                c(""),
                c(""),
                c("RANDDTC"),
                c("Randomization Date"),
                c("2024-02-28"),
            ],
            vec![
                c("S1"),
                c("DM"),
                c("S1-002"),
                c(""),
                c(""),
                c("HEIGHTBL"),
                c("Baseline Height (cm)"),
                c("172.5"),
            ],
        ],
    );
    vec![dm, ae, lb, suppdm]
}

pub fn doc() -> DefineDoc {
    let study = Study {
        oid: "STDY.UMIN000015469".into(),
        name: "UMIN000015469".into(),
        description: "Example study for trialbridge".into(),
        protocol_name: "TB-001".into(),
        mdv_oid: "MDV.UMIN000015469.SDTMIG.3.4".into(),
        mdv_name: "Study UMIN000015469, Data Definitions".into(),
        mdv_description: Some("SDTM datasets\nproduced by trialbridge".into()),
    };
    let standards = vec![
        Standard::ig("STD.SDTMIG.3.4", "SDTMIG", "3.4"),
        Standard::ct("STD.CT.SDTM.2022-03-25", "SDTM", "2022-03-25"),
    ];
    let mut doc = DefineDoc::from_datasets(study, standards, &datasets(), TIMESTAMP);
    doc.originator = Some("trialbridge".into());
    doc.source_system = Some("trialbridge".into());
    doc.source_system_version = Some("0.1.0".into());
    doc.documents.push(Document {
        id: "LF.acrf".into(),
        href: "acrf.pdf".into(),
        title: "Annotated CRF".into(),
    });
    let ct = Some("STD.CT.SDTM.2022-03-25".to_owned());
    let mut f = CodeItem::new("F");
    f.decode = Some("Female".into());
    f.nci_code = Some("C16576".into());
    let mut m = CodeItem::new("M");
    m.decode = Some("Male".into());
    m.nci_code = Some("C20197".into());
    let mut u = CodeItem::new("U");
    u.decode = Some("Unknown".into());
    u.nci_code = Some("C17998".into());
    doc.codelists.push(CodeList {
        oid: "CL.SEX".into(),
        name: "Sex".into(),
        data_type: CodeListType::Text,
        nci_code: Some("C66731".into()),
        extensible: false,
        standard: ct.clone(),
        comment: None,
        items: vec![f, m, u],
    });
    let mut ul = CodeItem::new("U/L");
    ul.nci_code = Some("C67456".into());
    let mut mgl = CodeItem::new("mg/L");
    mgl.nci_code = Some("C67015".into());
    let mut site = CodeItem::new("kU/L");
    site.extended = true;
    doc.codelists.push(CodeList {
        oid: "CL.UNIT".into(),
        name: "Unit".into(),
        data_type: CodeListType::Text,
        nci_code: Some("C71620".into()),
        extensible: true,
        standard: ct,
        comment: Some("COM.UNIT".into()),
        items: vec![ul, mgl, site],
    });
    doc.methods.push(Method {
        oid: "MT.USUBJID".into(),
        name: "Algorithm to derive USUBJID".into(),
        kind: MethodType::Computation,
        description: "Concatenation of STUDYID, \"-\" and SUBJID".into(),
        expression: Some((
            "SAS 9.4".into(),
            "USUBJID = catx('-', STUDYID, SUBJID);".into(),
        )),
        documents: vec![],
    });
    doc.methods.push(Method {
        oid: "MT.SEQ".into(),
        name: "Algorithm to derive --SEQ".into(),
        kind: MethodType::Computation,
        description: "Sequential number per subject in key order".into(),
        expression: None,
        documents: vec!["LF.acrf".into()],
    });
    doc.methods.push(Method {
        oid: "MT.RFSTDTC".into(),
        name: "Algorithm to derive RFSTDTC".into(),
        kind: MethodType::Imputation,
        description: "Date of first dose <= randomization & after consent".into(),
        expression: None,
        documents: vec![],
    });
    doc.methods.push(Method {
        oid: "MT.LBSTRESN".into(),
        name: "Algorithm to derive LBSTRESN".into(),
        kind: MethodType::Computation,
        description: "Numeric form of LBORRES converted to standard units".into(),
        expression: None,
        documents: vec![],
    });
    doc.comments.push(Comment {
        oid: "COM.UNIT".into(),
        text: "kU/L is a site unit added as an extension".into(),
        documents: vec!["LF.acrf".into()],
    });
    for (ds, var, mt) in [
        ("DM", "USUBJID", "MT.USUBJID"),
        ("DM", "RFSTDTC", "MT.RFSTDTC"),
        ("AE", "AESEQ", "MT.SEQ"),
        ("LB", "LBSEQ", "MT.SEQ"),
        ("LB", "LBSTRESN", "MT.LBSTRESN"),
    ] {
        let d = doc
            .datasets
            .iter_mut()
            .find(|d| d.meta.name == ds)
            .expect("dataset");
        d.var_mut(var).method = Some(mt.into());
    }
    let lb = doc
        .datasets
        .iter_mut()
        .find(|d| d.meta.name == "LB")
        .expect("LB");
    lb.var_mut("LBORRESU").origin_source = Some(OriginSource::Vendor);
    for item in &mut lb.var_mut("LBORRESU").value_list {
        item.codelist = Some("CL.UNIT".into());
    }
    doc
}
