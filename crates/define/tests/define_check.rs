#![allow(clippy::unwrap_used)]
//! `check_references` over the CDISC examples, our own output, and broken copies of it.

mod define_common;

use define::doc::{check_references, write_define};
use model::{Finding, Severity};

fn examples() -> std::path::PathBuf {
    standards::reference_dir().join("define-xml")
}

fn ours() -> String {
    String::from_utf8(write_define(&define_common::doc()).unwrap().xml).unwrap()
}

fn codes(fs: &[Finding]) -> Vec<&str> {
    fs.iter().map(|f| f.code.as_str()).collect()
}

fn errors(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[test]
fn official_examples_have_no_dangling_or_duplicate_oids() {
    for file in [
        "v2.1/defineV21-SDTM.xml",
        "v2.1/defineV21-ADaM.xml",
        "v2.0/define2-0-0-example-sdtm.xml",
        "v2.0/define2-0-0-example-adam.xml",
    ] {
        let path = examples().join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let fs = check_references(&text);
        assert!(errors(&fs).is_empty(), "{file}: {:#?}", errors(&fs));
    }
}

#[test]
fn our_output_is_clean() {
    assert_eq!(check_references(&ours()), []);
}

#[test]
fn every_kind_of_dangling_reference_has_its_code() {
    let x = ours();
    let cases = [
        ("ItemOID=\"IT.DM.AGE\"", "ItemOID=\"IT.DM.AGX\"", "FM0122"),
        (
            "def:ItemOID=\"IT.LB.LBTESTCD\"",
            "def:ItemOID=\"IT.LB.TESTCD\"",
            "FM0122",
        ),
        (
            "CodeListRef CodeListOID=\"CL.SEX\"",
            "CodeListRef CodeListOID=\"CL.SEXX\"",
            "FM0123",
        ),
        (
            "MethodOID=\"MT.RFSTDTC\"",
            "MethodOID=\"MT.RFSTDT\"",
            "FM0124",
        ),
        (
            "ValueListOID=\"VL.LB.LBORRES\"",
            "ValueListOID=\"VL.LB.ORRES\"",
            "FM0125",
        ),
        (
            "WhereClauseOID=\"WC.LB.LBTESTCD.CRP\"",
            "WhereClauseOID=\"WC.LB.CRP\"",
            "FM0126",
        ),
        (
            "def:CommentOID=\"COM.UNIT\"",
            "def:CommentOID=\"COM.UNITS\"",
            "FM0127",
        ),
        (
            "def:StandardOID=\"STD.SDTMIG.3.4\"",
            "def:StandardOID=\"STD.SDTMIG\"",
            "FM0128",
        ),
        ("leafID=\"LF.acrf\"", "leafID=\"LF.crf\"", "FM0129"),
        (
            "def:ArchiveLocationID=\"LF.AE\"",
            "def:ArchiveLocationID=\"LF.XX\"",
            "FM0129",
        ),
    ];
    for (from, to, code) in cases {
        assert!(x.contains(from), "{from}");
        let broken = x.replacen(from, to, 1);
        let fs = check_references(&broken);
        let errs = errors(&fs);
        assert_eq!(errs.len(), 1, "{from}: {fs:#?}");
        assert_eq!(errs[0].code, code, "{from}");
        assert!(errs[0].message.starts_with("line "), "{}", errs[0].message);
    }
}

#[test]
fn the_message_names_line_value_and_group() {
    let broken = ours().replacen("ItemOID=\"IT.DM.AGE\"", "ItemOID=\"IT.DM.AGX\"", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("IT.DM.AGX"))
        .unwrap()
        + 1;
    let fs = errors(&check_references(&broken))
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(
        fs[0].message,
        format!("line {line}: ItemOID `IT.DM.AGX` names no ItemDef (in `IG.DM`)")
    );
    assert_eq!(fs[0].values, ["IT.DM.AGX"]);
}

#[test]
fn duplicates_and_unused_definitions() {
    let x = ours();
    // A second COM.UNIT: the first stays the definition, the copy is FM0121.
    let copy = "<def:CommentDef OID=\"COM.UNIT\"><Description><TranslatedText>again</TranslatedText></Description></def:CommentDef>\n";
    let dup = x.replacen(
        "<def:CommentDef OID=\"COM.UNIT\">",
        &format!("{copy}<def:CommentDef OID=\"COM.UNIT\">"),
        1,
    );
    let fs = check_references(&dup);
    assert_eq!(codes(&fs), ["FM0121"], "{fs:#?}");
    assert!(
        fs[0]
            .message
            .contains("CommentDef `COM.UNIT` is already defined on line")
    );
    // Nothing refers to CL.SEX any more once SEX loses its CodeListRef.
    let unused = x.replacen("<CodeListRef CodeListOID=\"CL.SEX\"/>", "", 1);
    let fs = check_references(&unused);
    assert_eq!(codes(&fs), ["FM0130"]);
    assert_eq!(fs[0].severity, Severity::Warning);
}

/// Define-XML 1.0 points an ItemRef's role at a codelist with `def:RoleCodeListOID` (the
/// CDISC pilot's ROLES): that codelist is used, and a dangling one is reported.
#[test]
fn a_role_codelist_is_a_reference() {
    let x = ours().replacen("<CodeListRef CodeListOID=\"CL.SEX\"/>", "", 1);
    let role = x.replacen(
        "<ItemRef ItemOID=\"IT.DM.AGE\"",
        "<ItemRef def:RoleCodeListOID=\"CL.SEX\" ItemOID=\"IT.DM.AGE\"",
        1,
    );
    assert_ne!(role, x, "the fixture has an ItemRef for AGE");
    assert_eq!(codes(&check_references(&role)), Vec::<&str>::new());
    let dangling = role.replacen(
        "RoleCodeListOID=\"CL.SEX\"",
        "RoleCodeListOID=\"CL.ROLES\"",
        1,
    );
    assert_eq!(codes(&check_references(&dangling)), ["FM0123", "FM0130"]);
}

#[test]
fn repeated_order_numbers_and_items_in_a_group() {
    let x = ours().replacen(
        "<ItemRef ItemOID=\"IT.DM.AGE\" OrderNumber=\"3\"",
        "<ItemRef ItemOID=\"IT.DM.USUBJID\" OrderNumber=\"2\"",
        1,
    );
    let fs = check_references(&x);
    let got: Vec<_> = fs
        .iter()
        .map(|f| (f.code.as_str(), f.values[0].as_str()))
        .collect();
    // IT.DM.AGE is now unreferenced too.
    assert_eq!(
        got,
        [
            ("FM0131", "IT.DM.USUBJID"),
            ("FM0131", "2"),
            ("FM0130", "IT.DM.AGE")
        ]
    );
}

#[test]
fn not_xml_or_not_odm() {
    let fs = check_references("<ODM><Study></ODM>");
    assert_eq!(codes(&fs), ["FM0120"]);
    assert!(
        fs[0].message.contains("not well-formed"),
        "{}",
        fs[0].message
    );
    let fs = check_references("<?xml version=\"1.0\"?>\n<html/>");
    assert_eq!(
        fs[0].message,
        "line 2: the root element is `html`, not `ODM`"
    );
    assert_eq!(codes(&check_references("")), ["FM0120"]);
}

#[test]
fn a_doctype_is_an_error_and_its_entities_are_not_expanded() {
    let xml = ours().replacen(
        "<ODM ",
        "<!DOCTYPE ODM [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;\">]>\n<ODM ",
        1,
    );
    let fs = check_references(&xml);
    assert_eq!(codes(&fs), ["FM0132"], "{fs:#?}");
    assert!(
        fs[0].message.starts_with("line 2: a DOCTYPE"),
        "{}",
        fs[0].message
    );
    // Without one, nothing: the same document is clean (`our_output_is_clean`).
    assert!(!codes(&check_references(&ours())).contains(&"FM0132"));
}
