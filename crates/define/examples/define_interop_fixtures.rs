//! Writes varied define.xml files into a folder for `tests/interop/define_check.py`, which
//! validates them against the Define-XML 2.1 XSD with lxml.
//!
//! `cargo run -p trialbridge-formats --example define_interop_fixtures -- DIR`

#[path = "../tests/define_common/mod.rs"]
mod define_common;

use define::doc::{DefineDoc, Standard, Study, write_define};
use model::{Core, Dataset, DatasetMeta, Origin, Value, Variable};
use std::path::Path;
use std::process::ExitCode;

/// ADSL with numeric dates and ADAE with a subclass: the ADaM side of the writer.
fn adam() -> DefineDoc {
    let mut adsl = DatasetMeta::new("ADSL", "Subject-Level Analysis Dataset");
    adsl.class = Some("SUBJECT LEVEL ANALYSIS DATASET".into());
    adsl.structure = Some("One record per subject".into());
    let mut trtsdt = Variable::num("TRTSDT", "Date of First Exposure to Treatment")
        .with_format("DATE9.")
        .with_origin(Origin::Derived);
    trtsdt.data_type = Some("date".into());
    adsl.variables = vec![
        Variable::char("STUDYID", "Study Identifier")
            .with_core(Core::Req)
            .with_origin(Origin::Predecessor),
        Variable::char("USUBJID", "Unique Subject Identifier")
            .with_core(Core::Req)
            .with_origin(Origin::Predecessor),
        Variable::num("AGE", "Age").with_origin(Origin::Predecessor),
        trtsdt,
        Variable::num("BMIBL", "Baseline BMI (kg/m2)").with_origin(Origin::Derived),
    ];
    let mut adsl = Dataset::new(adsl);
    adsl.rows = vec![
        vec![
            "S1".into(),
            "S1-001".into(),
            54.0.into(),
            23_436.0.into(),
            22.41.into(),
        ],
        vec![
            "S1".into(),
            "S1-002".into(),
            61.0.into(),
            23_437.0.into(),
            Value::NULL,
        ],
    ];
    let mut adae = DatasetMeta::new("ADAE", "Adverse Events Analysis Dataset");
    adae.class = Some("OCCURRENCE DATA STRUCTURE".into());
    adae.structure = Some("One record per adverse event per subject".into());
    adae.variables = vec![
        Variable::char("STUDYID", "Study Identifier")
            .with_core(Core::Req)
            .with_origin(Origin::Predecessor),
        Variable::char("USUBJID", "Unique Subject Identifier")
            .with_core(Core::Req)
            .with_origin(Origin::Predecessor),
        Variable::num("ASEQ", "Analysis Sequence Number").with_origin(Origin::Derived),
        Variable::char("AEDECOD", "Dictionary-Derived Term").with_origin(Origin::Predecessor),
    ];
    let mut adae = Dataset::new(adae);
    adae.rows = vec![vec![
        "S1".into(),
        "S1-001".into(),
        1.0.into(),
        "Headache".into(),
    ]];
    let study = Study {
        oid: "STDY.UMIN000015469".into(),
        name: "UMIN000015469".into(),
        description: "Example study for trialbridge".into(),
        protocol_name: "TB-001".into(),
        mdv_oid: "MDV.UMIN000015469.ADaMIG.1.3".into(),
        mdv_name: "Study UMIN000015469, Analysis Data Definitions".into(),
        mdv_description: None,
    };
    let standards = vec![
        Standard::ig("STD.ADaMIG.1.3", "ADaMIG", "1.3"),
        Standard::ct("STD.CT.ADaM.2022-03-25", "ADaM", "2022-03-25"),
    ];
    let mut doc =
        DefineDoc::from_datasets(study, standards, &[adsl, adae], define_common::TIMESTAMP);
    for ds in &mut doc.datasets {
        for var in ["STUDYID", "USUBJID", "AGE", "AEDECOD"] {
            if ds.meta.index_of(var).is_some() {
                let src = if var == "AEDECOD" { "AE.AEDECOD" } else { "DM" };
                ds.var_mut(var).origin_description = Some(format!("{src}.{var}"));
            }
        }
        if ds.meta.name == "ADAE" {
            ds.sub_class = Some("ADVERSE EVENT".into());
        }
    }
    doc
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: define_interop_fixtures DIR");
        return ExitCode::from(2);
    };
    let dir = Path::new(&dir);
    let mut minimal = define_common::doc();
    minimal.datasets.truncate(1);
    minimal.codelists.retain(|c| c.oid == "CL.SEX");
    minimal
        .methods
        .retain(|m| m.oid != "MT.SEQ" && m.oid != "MT.LBSTRESN");
    minimal.comments.clear();
    minimal.documents.clear();
    minimal.context = define::doc::Context::Other;
    let docs = [
        ("define-sdtm.xml", define_common::doc()),
        ("define-adam.xml", adam()),
        ("define-minimal.xml", minimal),
    ];
    let mut failed = false;
    for (name, doc) in docs {
        match write_define(&doc) {
            Ok(w) => {
                for f in &w.findings {
                    eprintln!("{name}: {f}");
                }
                if let Err(e) = std::fs::create_dir_all(dir)
                    .and_then(|()| std::fs::write(dir.join(name), &w.xml))
                {
                    eprintln!("{name}: {e}");
                    failed = true;
                }
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
