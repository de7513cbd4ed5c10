use crate::{stderr, trialbridge};

#[test]
fn pilot_sdtm_gets_a_define_with_ct_codelists() {
    let dir = tempfile::tempdir().unwrap();
    let sdtm = standards::reference_dir().join("cdiscpilot01/sdtm");
    let run = |out: &str| {
        trialbridge(dir.path())
            .args(["define", "--in", sdtm.to_str().unwrap(), "--out", out])
            .output()
            .unwrap()
    };
    let o = run("define.xml");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = std::fs::read_to_string(dir.path().join("define.xml")).unwrap();
    assert!(xml.contains(r#"def:DefineVersion="2.1.0""#));
    assert!(
        xml.contains(r#"<ItemGroupDef OID="IG.DM""#),
        "Dataset-JSON's itemGroupOID resolves here"
    );
    assert!(xml.contains(r#"<CodeList OID="CL.SEX" Name="Sex""#));
    assert!(
        xml.contains(r#"<Alias Context="nci:ExtCodeID" Name="C66731"/>"#),
        "NCI code of the SEX codelist"
    );
    assert!(
        xml.contains(r#"Version="2022-03-25""#),
        "the CT version is stated"
    );
    assert!(run("again.xml").status.success());
    assert_eq!(
        xml,
        std::fs::read_to_string(dir.path().join("again.xml")).unwrap(),
        "byte-identical rerun"
    );
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .args(["define", "--in", ".", "--out", "define.xml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no datasets"), "{}", stderr(&o));
}
