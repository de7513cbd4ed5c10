//! OpenDocument spreadsheets: dates arrive as ISO text and become dates; hidden sheets.
//! No ODS writer is at hand, so a minimal document is zipped by hand.

mod common;

use common::{cells, codes, column, read, stored_zip};
use sheets::{TableSpec, Visibility, Workbook};

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;

const CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:automatic-styles>
  <style:style style:name="shown" style:family="table"><style:table-properties table:display="true"/></style:style>
  <style:style style:name="gone" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="Visits" table:style-name="shown">
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>Subject</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Visit date</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Weight</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>001</text:p></table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2016-03-01"><text:p>01/03/2016</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="71.5"><text:p>71.5</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>002</text:p></table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2016-03-02T08:30:00"><text:p>02/03/2016 08:30</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>n/a</text:p></table:table-cell>
   </table:table-row>
  </table:table>
  <table:table table:name="Old" table:style-name="gone">
   <table:table-row><table:table-cell office:value-type="string"><text:p>Subject</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>009</text:p></table:table-cell></table:table-row>
  </table:table>
 </office:spreadsheet></office:body>
</office:document-content>"#;

/// calamine wants no whitespace between cells, so the readable source above is compacted.
fn compact(xml: &str) -> String {
    let mut out = String::new();
    for line in xml.lines().map(str::trim) {
        if !line.starts_with('<') {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn ods(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("site03.ods");
    let zip = stored_zip(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", MANIFEST),
        ("content.xml", &compact(CONTENT)),
    ]);
    std::fs::write(&path, zip).expect("test workbook written");
    path
}

#[test]
fn ods_dates_are_dates_and_cells_keep_their_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let path = ods(&dir);
    let (table, findings) = read(&path, &TableSpec::sheet("Visits"));
    let t = table.unwrap();
    assert_eq!(
        column(&t, "Visit date"),
        ["d:2016-03-01", "d:2016-03-02T08:30"]
    );
    assert_eq!(column(&t, "Weight"), ["n:71.5", "t:n/a"]);
    assert_eq!(cells(&t, "Weight"), ["C2", "C3"]);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn ods_hidden_sheets_are_known() {
    let dir = tempfile::tempdir().unwrap();
    let path = ods(&dir);
    let book = Workbook::open(&path).unwrap();
    let listing: Vec<_> = book
        .sheets()
        .iter()
        .map(|s| (s.name.as_str(), s.visibility))
        .collect();
    assert_eq!(
        listing,
        [("Visits", Visibility::Visible), ("Old", Visibility::Hidden)]
    );
    let (table, findings) = read(&path, &TableSpec::sheet("Old"));
    assert_eq!(column(&table.unwrap(), "Subject"), ["t:009"]);
    assert_eq!(codes(&findings), [("SI0004".into(), "A1".into())]);
}
