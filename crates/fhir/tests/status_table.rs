//! `docs/registry.md` ("Overall status to FHIR") is the status mapping's specification. Each
//! row is read through the reader's own status function and the FHIR tables and must say
//! what the code does; every value the readers accept has a row (the legacy XML's from the
//! published `public.xsd` in the standards folder); and a resource built from an unmappable
//! status keeps the registry's text.

#![allow(clippy::unwrap_used)]

mod common;

use fhir::codes::{Mapped, progress_state_r5, status_r4b};
use registry::normalize::overall_status;
use registry::{Coded, Format, OverallStatus};

struct Row {
    formats: Vec<Format>,
    value: String,
    status: String,
    r5: String,
    r4b: String,
}

fn cell_code(cell: &str) -> &str {
    cell.trim_start_matches('`')
        .split('`')
        .next()
        .unwrap_or_default()
}

fn rows() -> Vec<Row> {
    let doc = std::fs::read_to_string(common::repo().join("docs/registry.md")).unwrap();
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("Overall status to FHIR"))
        .expect("an `## Overall status to FHIR` section");
    let mut out = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() != 5 || cells[0] == "input" || cells[0].starts_with("---") {
            continue;
        }
        let formats = cells[0]
            .split(", ")
            .map(|f| match f {
                "ctgov-json" => Format::CtgovJson,
                "ctgov-xml" => Format::CtgovXml,
                "classic-json" => Format::CtgovClassicJson,
                "ictrp" => Format::Ictrp,
                "toml" => Format::StudyToml,
                "all" => Format::StudyToml, // the "(no status)" row; see below
                other => panic!("unknown input `{other}` in docs/registry.md"),
            })
            .collect();
        out.push(Row {
            formats,
            // "(no status)" is the one value without backticks.
            value: if cells[1].starts_with('`') {
                cell_code(cells[1]).to_owned()
            } else {
                String::new()
            },
            status: cell_code(cells[2]).to_owned(),
            r5: cells[3].to_owned(),
            r4b: cells[4].to_owned(),
        });
    }
    out
}

/// `code`, `code` (lossy), or the R5 "text only" / "no progress status" wording.
fn shown(m: Option<Mapped>) -> String {
    match m {
        Some(m) if m.exact => format!("`{}`", m.code),
        Some(m) => format!("`{}` (lossy)", m.code),
        None => "text only".to_owned(),
    }
}

#[test]
fn every_documented_row_is_what_the_code_does() {
    let rows = rows();
    assert!(rows.len() > 40, "the table was found ({} rows)", rows.len());
    for row in &rows {
        if row.value.is_empty() {
            // "(no status)": R5 writes no progress status, R4B must still give one.
            assert_eq!(row.r5, "no progress status");
            assert_eq!(row.r4b, shown(Some(status_r4b(None))));
            continue;
        }
        for f in &row.formats {
            let what = format!("{f}: `{}`", row.value);
            let s = overall_status(*f, &row.value)
                .unwrap_or_else(|| panic!("{what}: the reader refuses it"));
            assert_eq!(s.token(), row.status, "{what}");
            assert_eq!(shown(progress_state_r5(s)), row.r5, "{what}: R5");
            assert_eq!(shown(Some(status_r4b(Some(s)))), row.r4b, "{what}: R4B");
        }
    }
}

#[test]
fn every_value_a_reader_accepts_has_a_row() {
    let rows = rows();
    let has = |f: Format, v: &str| rows.iter().any(|r| r.formats.contains(&f) && r.value == v);
    // API v2: every status token but our own ICTRP-only members.
    for s in OverallStatus::ALL {
        if matches!(s, OverallStatus::NotRecruiting | OverallStatus::Approved) {
            continue;
        }
        let token = match s {
            OverallStatus::UnknownStatus => "UNKNOWN",
            other => other.token(),
        };
        assert!(has(Format::CtgovJson, token), "API v2 `{token}` has no row");
    }
    // Legacy XML and classic JSON: the labels of the published schema's overall_status_enum.
    let xsd = standards::reference_dir().join("ctgov/legacy-xml/public.xsd");
    let xsd = std::fs::read_to_string(&xsd).unwrap();
    let mut labels = 0;
    for name in [
        "recruitment_status_enum",
        "expanded_access_status_enum",
        "redacted_record_status_enum",
        "unknown_status_enum",
    ] {
        let start = xsd.find(&format!("name=\"{name}\"")).unwrap();
        let body = &xsd[start..start + xsd[start..].find("</xs:simpleType>").unwrap()];
        for part in body.split("<xs:enumeration value=\"").skip(1) {
            let label = part.split('"').next().unwrap();
            labels += 1;
            for f in [Format::CtgovXml, Format::CtgovClassicJson] {
                assert!(has(f, label), "{f} `{label}` has no row");
            }
        }
    }
    assert_eq!(labels, 14, "public.xsd lists 14 overall statuses");
    // Every record status appears, so every FHIR mapping is documented.
    for s in OverallStatus::ALL.iter().chain([&OverallStatus::Unknown]) {
        assert!(
            rows.iter().any(|r| r.status == s.token()),
            "{s:?} has no row"
        );
    }
}

#[test]
fn unknown_and_withheld_keep_the_registry_text() {
    // Issue 16: UNKNOWN, WITHHELD and ICTRP's "Complete: follow-up complete" were `in-review`.
    let mut rec = registry::StudyRecord::default();
    for (raw, r4b) in [
        ("UNKNOWN", "active"),
        ("WITHHELD", "active"),
        ("Complete: follow-up complete", "completed"),
    ] {
        let value = overall_status(Format::CtgovJson, raw)
            .or_else(|| overall_status(Format::Ictrp, raw))
            .unwrap();
        rec.status.overall = Some(Coded::new(value, raw));
        let out = fhir::research_study_r4b(&rec, &fhir::Options::default()).unwrap();
        let s: serde_json::Value = serde_json::from_str(&out.json).unwrap();
        assert_eq!(s["status"], r4b, "{raw}");
        let lossy = out.findings.iter().any(|f| f.code == "FH0004");
        assert_eq!(
            lossy,
            r4b == "active",
            "{raw}: a notice for lossy rows only"
        );
        if lossy {
            assert!(
                s["note"]
                    .to_string()
                    .contains(&format!("Overall status: {raw}")),
                "{raw}: {}",
                s["note"]
            );
        }
        let out = fhir::research_study_r5(&rec, &fhir::Options::default()).unwrap();
        let s: serde_json::Value = serde_json::from_str(&out.json).unwrap();
        let state = &s["progressStatus"][0]["state"];
        assert_eq!(state["text"], raw, "R5 keeps the text: {state}");
    }
}
