//! Reporters: JSON (the contract other tools read), SARIF, HTML, XLSX and CSV for people,
//! and the console summary.
//!
//! The reports for people (HTML, XLSX) read like the issue summary a Pinnacle 21 user knows:
//! per code its message, severity, count and description ([`CodeText`]), then the details
//! sorted errors first, by dataset and record ([`sorted`]), with paths relative to the folder
//! that holds the inputs ([`Folder`]).

pub mod counts;
pub mod csv;
pub mod html;
pub mod json;
pub mod sarif;
pub mod xlsx;

use model::Finding;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The columns of one finding in the Details sheet of `report.xlsx` and in `report.csv`.
pub const DETAIL_HEADERS: [&str; 11] = [
    "Severity",
    "Code",
    "File",
    "Dataset",
    "Record",
    "Variables",
    "Values",
    "Sheet",
    "Cell",
    "Message",
    "References",
];

/// One finding as the text of its [`DETAIL_HEADERS`] columns.
pub(crate) fn detail_fields(f: &Finding) -> [String; 11] {
    let src = f.source.as_ref();
    [
        f.severity.to_string(),
        f.code.clone(),
        f.file.clone().unwrap_or_default(),
        f.dataset.clone().unwrap_or_default(),
        f.record.map(|r| r.to_string()).unwrap_or_default(),
        f.variables.join(", "),
        f.values.join(", "),
        src.map(|s| s.sheet.clone()).unwrap_or_default(),
        src.map(|s| s.cell.to_string()).unwrap_or_default(),
        f.message.clone(),
        f.refs.join(", "),
    ]
}

/// What the reports for people say about a code: its one-line message and a longer
/// description of what it checks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeText {
    pub summary: String,
    pub description: String,
}

/// code → its text, for codes this crate cannot describe itself: the caller fills it with the
/// CDISC CORE rules' (their Outcome message and Description), which live in another crate.
pub type CodeTexts = BTreeMap<String, CodeText>;

/// The text of a code: the caller's when it gave one (CORE ids), else the catalogue rule's
/// summary and its documentation's "What it checks", else the summary of a code raised
/// outside the catalogue, else (a rule of the user's own, say) the first finding's message.
pub fn describe(code: &str, given: &CodeTexts, findings: &[Finding]) -> CodeText {
    if let Some(t) = given.get(code) {
        return t.clone();
    }
    if let Some(e) = rules::codes::lookup(code) {
        let m = e.rule.meta();
        let description = rules::docs_of(m.name)
            .and_then(|d| section(d, "## What it checks"))
            .unwrap_or_else(|| m.summary.to_owned());
        return CodeText {
            summary: m.summary.to_owned(),
            description,
        };
    }
    if let Some(r) = rules::raised::lookup(code) {
        let letters = rules::raised::family(r.code);
        let family = rules::raised::family_name(letters).unwrap_or("other");
        return CodeText {
            summary: r.summary.to_owned(),
            description: format!(
                "{}. Family {letters} ({family}), outside the rule catalogue; \
`trialbridge rules {code}` says more.",
                capitalised(r.summary)
            ),
        };
    }
    let example = findings
        .iter()
        .find(|f| f.code == code)
        .map(|f| f.message.clone())
        .unwrap_or_default();
    CodeText {
        summary: example,
        description: "No description is bundled for this code (a rule of your own, say): each \
finding's message says what was found."
            .to_owned(),
    }
}

/// A section of a rule's documentation as one paragraph, without its heading.
fn section(doc: &str, heading: &str) -> Option<String> {
    let start = doc.find(heading)? + heading.len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    let text = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The folder that holds every input (their deepest common ancestor), which the reports for
/// people show once at the top; each file is then shown relative to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folder(PathBuf);

impl Folder {
    /// The common ancestor of the inputs' folders; empty when they share none (or only `/`).
    pub fn of(inputs: &[String]) -> Folder {
        let mut common: Option<Vec<Component<'_>>> = None;
        for input in inputs {
            let parent: Vec<Component<'_>> = Path::new(input)
                .parent()
                .map(|p| p.components().collect())
                .unwrap_or_default();
            common = Some(match common {
                None => parent,
                Some(c) => c
                    .into_iter()
                    .zip(parent)
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect(),
            });
        }
        let path: PathBuf = common.unwrap_or_default().into_iter().collect();
        let bare = path.components().all(|c| {
            matches!(
                c,
                Component::RootDir | Component::Prefix(_) | Component::CurDir
            )
        });
        Folder(if bare { PathBuf::new() } else { path })
    }

    /// The folder as shown, or `None` when the inputs share none.
    pub fn shown(&self) -> Option<String> {
        (!self.0.as_os_str().is_empty()).then(|| self.0.display().to_string())
    }

    /// A file relative to the folder; as given when it is outside it.
    pub fn relative(&self, file: &str) -> String {
        if self.0.as_os_str().is_empty() {
            return file.to_owned();
        }
        match Path::new(file).strip_prefix(&self.0) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
            _ => file.to_owned(),
        }
    }

    /// Text (a message, where the standard came from) with the folder's paths made relative:
    /// `not next to /data/sdtm/define.xml` reads `not next to define.xml`.
    pub fn shorten(&self, text: &str) -> String {
        match self.shown() {
            Some(root) => text.replace(&format!("{root}{}", std::path::MAIN_SEPARATOR), ""),
            None => text.to_owned(),
        }
    }
}

/// The findings as the reports for people list them: errors first, then warnings, then
/// notices; within a severity by dataset (the file when there is none), record and code.
/// Stable, so findings alike in all of that keep the run's order.
pub fn sorted(findings: &[Finding]) -> Vec<&Finding> {
    fn key(f: &Finding) -> (model::Severity, &str, &str, Option<u64>, &str) {
        (
            f.severity,
            f.dataset.as_deref().unwrap_or_default(),
            f.file.as_deref().unwrap_or_default(),
            f.record,
            &f.code,
        )
    }
    let mut v: Vec<&Finding> = findings.iter().collect();
    v.sort_by(|a, b| key(a).cmp(&key(b)));
    v
}

#[cfg(test)]
mod tests {
    use super::{CodeText, CodeTexts, Folder, describe, sorted};
    use model::{Finding, Severity};

    #[test]
    fn the_folder_is_the_inputs_common_ancestor_and_paths_are_shown_relative_to_it() {
        let inputs = [
            "/data/study/sdtm/ae.xpt".to_owned(),
            "/data/study/sdtm/define.xml".to_owned(),
            "/data/study/sdtm/supp/suppae.xpt".to_owned(),
        ];
        let folder = Folder::of(&inputs);
        assert_eq!(folder.shown().as_deref(), Some("/data/study/sdtm"));
        assert_eq!(folder.relative("/data/study/sdtm/define.xml"), "define.xml");
        assert_eq!(
            folder.relative("/data/study/sdtm/supp/suppae.xpt"),
            "supp/suppae.xpt"
        );
        assert_eq!(folder.relative("/elsewhere/out.xml"), "/elsewhere/out.xml");
        assert_eq!(
            folder.shorten("ae.xpt is not next to /data/study/sdtm/define.xml"),
            "ae.xpt is not next to define.xml"
        );
        let one = Folder::of(&["dm.csv".to_owned()]);
        assert_eq!(one.shown(), None);
        assert_eq!(one.relative("dm.csv"), "dm.csv");
        let apart = Folder::of(&["/a/x.xpt".to_owned(), "/b/y.xpt".to_owned()]);
        assert_eq!(apart.shown(), None, "`/` alone is no folder to show");
        assert_eq!(apart.relative("/a/x.xpt"), "/a/x.xpt");
    }

    #[test]
    fn findings_are_sorted_errors_first_then_by_dataset_and_record() {
        let f = |sev, ds: &str, rec| {
            Finding::new("X0001", sev, "m")
                .in_file(format!("{}.xpt", ds.to_lowercase()))
                .in_dataset(ds)
                .at_record(rec)
        };
        let findings = [
            f(Severity::Notice, "AE", 1),
            f(Severity::Warning, "DM", 2),
            f(Severity::Error, "DM", 9),
            f(Severity::Error, "AE", 10),
            f(Severity::Error, "AE", 2),
        ];
        let order: Vec<(Severity, &str, Option<u64>)> = sorted(&findings)
            .iter()
            .map(|f| (f.severity, f.dataset.as_deref().unwrap_or(""), f.record))
            .collect();
        assert_eq!(
            order,
            [
                (Severity::Error, "AE", Some(2)),
                (Severity::Error, "AE", Some(10)),
                (Severity::Error, "DM", Some(9)),
                (Severity::Warning, "DM", Some(2)),
                (Severity::Notice, "AE", Some(1)),
            ]
        );
    }

    #[test]
    fn every_code_has_a_summary_and_a_description() {
        let none = CodeTexts::new();
        let catalogue = describe("SDT0084", &none, &[]);
        assert_eq!(
            catalogue.summary,
            "AEENDTC is populated but AEOUT says the event has not resolved"
        );
        assert!(
            catalogue
                .description
                .starts_with("An AE record whose outcome"),
            "{catalogue:?}"
        );
        assert!(!catalogue.description.contains("## "), "{catalogue:?}");
        let raised = describe("FM0030", &none, &[]);
        assert!(!raised.summary.is_empty() && raised.description.len() > raised.summary.len());
        let given: CodeTexts = [(
            "CORE-000001".to_owned(),
            CodeText {
                summary: "m".to_owned(),
                description: "d".to_owned(),
            },
        )]
        .into();
        assert_eq!(describe("CORE-000001", &given, &[]).description, "d");
        let own = [Finding::error("MY01", "a rule of mine fired")];
        let unknown = describe("MY01", &none, &own);
        assert_eq!(unknown.summary, "a rule of mine fired");
        assert!(!unknown.description.is_empty());
    }
}
