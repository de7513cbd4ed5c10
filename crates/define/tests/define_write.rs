#![allow(clippy::unwrap_used)]
//! The Define-XML 2.1 writer: shape, types and lengths from data, value-level metadata,
//! codelists, determinism, escaping, and the checks that refuse or warn.

mod define_common;

use define::doc::{DefineError, write_define};
use model::Severity;

fn xml() -> String {
    let w = write_define(&define_common::doc()).unwrap();
    assert!(w.findings.is_empty(), "{:#?}", w.findings);
    String::from_utf8(w.xml).unwrap()
}

/// The line holding `needle`, trimmed, so assertions read like the file.
fn line_with(xml: &str, needle: &str) -> String {
    xml.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}"))
        .trim()
        .to_owned()
}

#[test]
fn root_carries_the_2_1_namespaces_and_the_callers_timestamp() {
    let x = xml();
    assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ODM "));
    assert!(x.ends_with("</ODM>\n"));
    let root = line_with(&x, "<ODM ");
    for attr in [
        r#"xmlns="http://www.cdisc.org/ns/odm/v1.3""#,
        r#"xmlns:def="http://www.cdisc.org/ns/def/v2.1""#,
        r#"xmlns:xlink="http://www.w3.org/1999/xlink""#,
        r#"ODMVersion="1.3.2""#,
        r#"FileType="Snapshot""#,
        r#"CreationDateTime="2026-11-22T10:00:00""#,
        r#"def:Context="Submission""#,
    ] {
        assert!(root.contains(attr), "{attr} missing from {root}");
    }
    assert!(line_with(&x, "<MetaDataVersion").contains(r#"def:DefineVersion="2.1.0""#));
    assert_eq!(
        line_with(&x, "Type=\"CT\""),
        r#"<def:Standard OID="STD.CT.SDTM.2022-03-25" Name="CDISC/NCI" Type="CT" PublishingSet="SDTM" Version="2022-03-25" Status="Final"/>"#
    );
}

#[test]
fn same_document_gives_the_same_bytes() {
    let a = write_define(&define_common::doc()).unwrap().xml;
    let b = write_define(&define_common::doc()).unwrap().xml;
    assert_eq!(a, b);
    assert!(
        a.windows(2)
            .all(|w| w != b"\t".as_slice() && w != b"\r\n".as_slice())
    );
}

#[test]
fn labels_and_method_text_are_escaped() {
    let x = xml();
    assert!(x.contains(
        "<TranslatedText xml:lang=\"en\">Description of Planned Arm &lt;Arm &amp; &quot;Dose&quot;&gt;</TranslatedText>"
    ));
    assert!(x.contains("Date of first dose &lt;= randomization &amp; after consent"));
    assert!(
        line_with(&x, "<MetaDataVersion").contains("SDTM datasets&#10;produced by trialbridge")
    );
}

#[test]
fn datasets_have_keys_mandatory_methods_class_and_leaf() {
    let x = xml();
    assert_eq!(
        line_with(&x, "<ItemGroupDef OID=\"IG.DM\""),
        r#"<ItemGroupDef OID="IG.DM" Domain="DM" Name="DM" Repeating="No" IsReferenceData="No" SASDatasetName="DM" def:Structure="One record per subject" Purpose="Tabulation" def:StandardOID="STD.SDTMIG.3.4" def:ArchiveLocationID="LF.DM">"#
    );
    assert_eq!(
        line_with(&x, "ItemOID=\"IT.LB.LBSEQ\""),
        r#"<ItemRef ItemOID="IT.LB.LBSEQ" OrderNumber="3" Mandatory="Yes" KeySequence="3" MethodOID="MT.SEQ"/>"#
    );
    assert_eq!(
        line_with(&x, "ItemOID=\"IT.DM.AGE\""),
        r#"<ItemRef ItemOID="IT.DM.AGE" OrderNumber="3" Mandatory="No"/>"#
    );
    assert!(
        line_with(&x, "<ItemGroupDef OID=\"IG.SUPPDM\"").contains(r#"Domain="DM" Name="SUPPDM""#)
    );
    assert!(x.contains("<def:Class Name=\"RELATIONSHIP\"/>\n"));
    assert!(x.contains(
        "        <def:leaf ID=\"LF.LB\" xlink:href=\"lb.xpt\">\n          <def:title>lb.xpt</def:title>\n        </def:leaf>\n      </ItemGroupDef>"
    ));
}

#[test]
fn types_and_lengths_come_from_the_data() {
    let x = xml();
    let item = |oid: &str| line_with(&x, &format!("<ItemDef OID=\"{oid}\""));
    assert_eq!(
        item("IT.DM.AGE"),
        r#"<ItemDef OID="IT.DM.AGE" Name="AGE" DataType="integer" Length="2" SASFieldName="AGE">"#
    );
    // Dates with no time part anywhere are `date`, with any time part `datetime`; no Length.
    assert!(item("IT.DM.RFSTDTC").contains(r#"DataType="date" SASFieldName"#));
    assert!(item("IT.AE.AESTDTC").contains(r#"DataType="datetime" SASFieldName"#));
    assert!(
        item("IT.LB.LBSTRESN").contains(r#"DataType="float" Length="4" SignificantDigits="2""#)
    );
    assert!(item("IT.AE.AETERM").contains(r#"DataType="text" Length="17""#));
    assert!(item("IT.SUPPDM.IDVAR").contains(r#"DataType="text" Length="1""#));
}

#[test]
fn origins_follow_the_2_1_form() {
    let x = xml();
    let after = |oid: &str| {
        let at = x.find(&format!("<ItemDef OID=\"{oid}\"")).unwrap();
        let end = at + x[at..].find("</ItemDef>").unwrap();
        x[at..end].to_owned()
    };
    assert!(after("IT.DM.SEX").contains(r#"<def:Origin Type="Collected" Source="Investigator"/>"#));
    assert!(after("IT.DM.SEX").contains(r#"<CodeListRef CodeListOID="CL.SEX"/>"#));
    assert!(after("IT.DM.USUBJID").contains(r#"<def:Origin Type="Derived" Source="Sponsor"/>"#));
    assert!(after("IT.LB.LBORRESU").contains(r#"<def:Origin Type="Collected" Source="Vendor"/>"#));
    assert!(
        !after("IT.AE.STUDYID").contains("def:Origin"),
        "no origin given, none written"
    );
}

#[test]
fn lab_tests_get_value_level_metadata_with_shared_where_clauses() {
    let x = xml();
    assert_eq!(
        x.matches("<def:WhereClauseDef OID=\"WC.LB.LBTESTCD.CK\">")
            .count(),
        1
    );
    assert_eq!(x.matches("WhereClauseOID=\"WC.LB.LBTESTCD.CK\"").count(), 3);
    assert!(x.contains(
        "<def:WhereClauseDef OID=\"WC.LB.LBTESTCD.CRP\">\n        <RangeCheck Comparator=\"EQ\" SoftHard=\"Soft\" def:ItemOID=\"IT.LB.LBTESTCD\">\n          <CheckValue>CRP</CheckValue>\n"
    ));
    assert_eq!(
        line_with(&x, "<ItemDef OID=\"IT.LB.LBORRES.CRP\""),
        r#"<ItemDef OID="IT.LB.LBORRES.CRP" Name="LBORRES" DataType="float" Length="4" SignificantDigits="2" SASFieldName="LBORRES">"#
    );
    assert!(
        line_with(&x, "<ItemDef OID=\"IT.LB.LBORRES.CK\"")
            .contains(r#"DataType="integer" Length="3""#)
    );
    assert!(
        line_with(&x, "<ItemDef OID=\"IT.LB.LBORRES.UCOLOR\"")
            .contains(r#"DataType="text" Length="6""#)
    );
    assert!(x.contains("Result or Finding in Original Units (Creatine Kinase)"));
    // UCOLOR has no unit, so LBORRESU has no value-level item for it.
    assert!(!x.contains("IT.LB.LBORRESU.UCOLOR"));
    assert!(x.contains("<def:ValueListRef ValueListOID=\"VL.LB.LBORRES\"/>"));
}

#[test]
fn supplemental_qualifiers_are_described_per_qnam() {
    let x = xml();
    assert!(
        line_with(&x, "<ItemDef OID=\"IT.SUPPDM.QVAL.RANDDTC\"").contains(r#"DataType="date""#)
    );
    assert!(
        line_with(&x, "<ItemDef OID=\"IT.SUPPDM.QVAL.HEIGHTBL\"")
            .contains(r#"DataType="float" Length="5" SignificantDigits="1""#)
    );
    assert!(x.contains("<CheckValue>HEIGHTBL</CheckValue>"));
    assert!(x.contains("Data Value (Baseline Height (cm))"));
}

#[test]
fn codelists_carry_nci_codes_decodes_and_extended_values() {
    let x = xml();
    assert!(x.contains(concat!(
        "      <CodeList OID=\"CL.SEX\" Name=\"Sex\" DataType=\"text\" def:StandardOID=\"STD.CT.SDTM.2022-03-25\">\n",
        "        <CodeListItem CodedValue=\"F\" OrderNumber=\"1\">\n",
        "          <Decode>\n",
        "            <TranslatedText xml:lang=\"en\">Female</TranslatedText>\n",
        "          </Decode>\n",
        "          <Alias Context=\"nci:ExtCodeID\" Name=\"C16576\"/>\n",
        "        </CodeListItem>\n",
    )));
    assert!(
        x.contains("        <Alias Context=\"nci:ExtCodeID\" Name=\"C66731\"/>\n      </CodeList>")
    );
    // No decodes: EnumeratedItem; a sponsor term has no NCI code and says so.
    assert!(x.contains(
        "<EnumeratedItem CodedValue=\"U/L\" OrderNumber=\"1\">\n          <Alias Context=\"nci:ExtCodeID\" Name=\"C67456\"/>"
    ));
    assert!(x.contains(
        r#"<EnumeratedItem CodedValue="kU/L" OrderNumber="3" def:ExtendedValue="Yes"/>"#
    ));
    assert!(line_with(&x, "<CodeList OID=\"CL.UNIT\"").contains(r#"def:CommentOID="COM.UNIT""#));
}

#[test]
fn methods_comments_and_documents() {
    let x = xml();
    assert!(x.contains(concat!(
        "      <MethodDef OID=\"MT.USUBJID\" Name=\"Algorithm to derive USUBJID\" Type=\"Computation\">\n",
        "        <Description>\n",
        "          <TranslatedText xml:lang=\"en\">Concatenation of STUDYID, &quot;-&quot; and SUBJID</TranslatedText>\n",
        "        </Description>\n",
        "        <FormalExpression Context=\"SAS 9.4\">USUBJID = catx(&apos;-&apos;, STUDYID, SUBJID);</FormalExpression>\n",
    )));
    assert!(x.contains(
        r#"<MethodDef OID="MT.RFSTDTC" Name="Algorithm to derive RFSTDTC" Type="Imputation">"#
    ));
    assert!(x.contains("<def:CommentDef OID=\"COM.UNIT\">"));
    assert!(x.contains(
        "      <def:leaf ID=\"LF.acrf\" xlink:href=\"acrf.pdf\">\n        <def:title>Annotated CRF</def:title>\n      </def:leaf>\n    </MetaDataVersion>"
    ));
}

#[test]
fn an_unknown_class_is_refused_with_every_error() {
    let mut doc = define_common::doc();
    doc.datasets[0].meta.class = Some("DEMOGRAPHICS".into());
    doc.datasets[1].keys.push("AENOPE".into());
    doc.creation_datetime = "yesterday".into();
    let Err(DefineError::Invalid(fs)) = write_define(&doc) else {
        panic!("written despite errors");
    };
    let codes: Vec<_> = fs.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["FM0149", "FM0140", "FM0143"]);
    assert!(fs.iter().all(|f| f.severity == Severity::Error));
    assert_eq!(fs[1].dataset.as_deref(), Some("DM"));
}

#[test]
fn reviewer_queries_are_warnings_and_the_file_is_still_written() {
    let mut doc = define_common::doc();
    doc.codelists[1].extensible = false;
    doc.datasets[0].var_mut("USUBJID").method = None;
    let w = write_define(&doc).unwrap();
    let got: Vec<_> = w
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.severity, f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "FM0142",
                Severity::Warning,
                "USUBJID is derived but has no method"
            ),
            (
                "FM0141",
                Severity::Warning,
                "`kU/L` extends codelist CL.UNIT, which is not extensible"
            ),
            (
                "FM0130",
                Severity::Warning,
                "line 391: nothing refers to MethodDef `MT.USUBJID`"
            ),
        ]
    );
}

#[test]
fn empty_codelists_and_bad_standards_are_refused() {
    let mut doc = define_common::doc();
    doc.codelists[0].items.clear();
    doc.standards[0].name = "SDTM-IG".into();
    let Err(DefineError::Invalid(fs)) = write_define(&doc) else {
        panic!("written despite errors");
    };
    let codes: Vec<_> = fs.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["FM0147", "FM0144"]);
}

#[test]
fn a_dataset_name_that_is_a_path_is_refused() {
    // The name becomes `xlink:href="<name>.xpt"` and OIDs: `../../evil` would link outside
    // the package, and a reviewer's tool would follow it.
    for bad in ["../../evil", "DM/..", "TOOLONGNAME", "1DM", ""] {
        let mut doc = define_common::doc();
        doc.datasets[0].meta.name = bad.into();
        let Err(DefineError::Invalid(fs)) = write_define(&doc) else {
            panic!("`{bad}` written");
        };
        let f = fs.iter().find(|f| f.code == "FM0139").expect("FM0139");
        assert_eq!(f.values, [bad.to_owned()]);
        assert!(f.message.contains(&format!("`{bad}`")), "{}", f.message);
    }
    // What passes: the names the writer's own fixtures use (DM, AE, SUPPAE) and `_X1`.
    let mut doc = define_common::doc();
    doc.datasets[0].meta.name = "_X1".into();
    let codes: Vec<String> = match write_define(&doc) {
        Ok(w) => w.findings.into_iter().map(|f| f.code).collect(),
        Err(DefineError::Invalid(fs)) => fs.into_iter().map(|f| f.code).collect(),
        Err(e) => panic!("{e}"),
    };
    assert!(!codes.contains(&"FM0139".to_owned()), "{codes:?}");
}
