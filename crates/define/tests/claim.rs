//! The versions a define.xml claims, from each Define-XML version's way of saying it.

#![allow(clippy::unwrap_used)]

use define::claim::{Claimed, claimed};
use define::read::read;

fn claim(xml: &str) -> Option<Claimed> {
    claimed(&read(xml).unwrap())
}

fn claim_of(ig: &str, version: Option<&str>, ct: Option<&str>) -> Option<Claimed> {
    Some(Claimed {
        ig: ig.to_owned(),
        version: version.map(str::to_owned),
        ct: ct.map(str::to_owned),
    })
}

#[test]
fn define_1_0_names_the_sdtm_ig_on_the_metadata_version() {
    let xml = r#"<ODM xmlns:def="http://www.cdisc.org/ns/def/v1.0"><Study><MetaDataVersion OID="M"
        def:DefineVersion="1.0.0" def:StandardName="CDISC SDTM" def:StandardVersion="3.1.2">
        </MetaDataVersion></Study></ODM>"#;
    assert_eq!(claim(xml), claim_of("SDTMIG", Some("3.1.2"), None));
}

#[test]
fn the_adam_model_version_is_not_an_ig_version() {
    let model = r#"<ODM><Study><MetaDataVersion def:StandardName="CDISC ADaM"
        def:StandardVersion="2.1"></MetaDataVersion></Study></ODM>"#;
    assert_eq!(claim(model), claim_of("ADaMIG", None, None));
    let ig = r#"<ODM><Study><MetaDataVersion def:StandardName="ADaM-IG"
        def:StandardVersion="1.0"></MetaDataVersion></Study></ODM>"#;
    assert_eq!(claim(ig), claim_of("ADaMIG", Some("1.0"), None));
}

#[test]
fn define_2_1_takes_the_ig_most_datasets_follow_and_its_ct() {
    let xml = r#"<ODM><Study><MetaDataVersion><def:Standards>
        <def:Standard OID="STD.1" Name="SDTMIG" Type="IG" Version="3.1.2"/>
        <def:Standard OID="STD.2" Name="SDTMIG" Type="IG" Version="3.2"/>
        <def:Standard OID="STD.3" Name="CDISC/NCI" Type="CT" PublishingSet="SEND" Version="2015-12-18"/>
        <def:Standard OID="STD.4" Name="CDISC/NCI" Type="CT" PublishingSet="SDTM" Version="2011-12-09"/>
        </def:Standards>
        <ItemGroupDef OID="IG.DM" Name="DM" def:StandardOID="STD.1"/>
        <ItemGroupDef OID="IG.AE" Name="AE" def:StandardOID="STD.2"/>
        <ItemGroupDef OID="IG.LB" Name="LB" def:StandardOID="STD.2"/>
        </MetaDataVersion></Study></ODM>"#;
    assert_eq!(
        claim(xml),
        claim_of("SDTMIG", Some("3.2"), Some("2011-12-09"))
    );
}

#[test]
fn no_standard_named_is_no_claim() {
    let xml = r#"<ODM><Study><MetaDataVersion OID="M"></MetaDataVersion></Study></ODM>"#;
    assert_eq!(claim(xml), None);
    let other = r#"<ODM><Study><MetaDataVersion def:StandardName="Sponsor Standard"
        def:StandardVersion="7"></MetaDataVersion></Study></ODM>"#;
    assert_eq!(claim(other), None);
}
