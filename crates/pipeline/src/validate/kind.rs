//! What a file is, by content where the extension does not say (`.json`, `.xml`): a file is
//! checked by what it holds, never by its name, and a file of no kind we check is said so.

use std::io::Read;
use std::path::Path;

/// How much of a `.json` or `.xml` file is read to recognise it: top-level keys and root
/// elements come first in every format we check.
const HEAD: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Dataset,
    Define,
    Fhir,
    /// A FHIR package manifest (`package.json` with `fhirVersions`): it says which FHIR
    /// version the resources beside it are, and holds no resource itself.
    FhirPackage,
    Registry(registry::Format),
    /// A site workbook given without `--mapping`.
    Workbook,
    /// Nothing we check; what was found instead (`first element <x>`, `top-level keys ...`).
    Unknown(String),
}

pub fn sniff(path: &Path) -> Kind {
    let ext = extension(path);
    if super::WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return Kind::Workbook;
    }
    if ext != "json" && ext != "xml" {
        return Kind::Dataset;
    }
    let mut head = Vec::with_capacity(HEAD);
    // An unreadable file is the dataset reader's to report, with its own message.
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD as u64).read_to_end(&mut head));
    if read.is_err() {
        return Kind::Dataset;
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        return xml_kind(text);
    }
    if ext == "xml" {
        return Kind::Unknown(format!("not XML; starts with {}", starts(text)));
    }
    json_kind(path, text)
}

pub fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn xml_kind(text: &str) -> Kind {
    let Some(root) = root_element(text) else {
        return Kind::Unknown("no XML element".into());
    };
    // Namespace prefixes vary (`odm:ODM`); the local name decides.
    let local = root.rsplit(':').next().unwrap_or(&root);
    match local {
        "ODM" => Kind::Define,
        "clinical_study" => Kind::Registry(registry::Format::CtgovXml),
        "Trials_downloaded_from_ICTRP" | "Trial" => Kind::Registry(registry::Format::Ictrp),
        _ => Kind::Unknown(format!("first element `<{root}>`")),
    }
}

/// The name of the first element, after the declaration, comments, processing
/// instructions and any DOCTYPE.
fn root_element(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let name: String = r
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            return (!name.is_empty()).then_some(name);
        } else {
            return None;
        }
    }
}

fn json_kind(path: &Path, text: &str) -> Kind {
    // Not an object (binary, truncated, an array): the Dataset-JSON reader says where the
    // text stops being what a `.json` must be, with a line and column.
    if !text.starts_with('{') {
        return Kind::Dataset;
    }
    let keys = top_level_keys(text);
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("resourceType") {
        return Kind::Fhir;
    }
    if has("protocolSection") || has("studies") {
        return Kind::Registry(registry::Format::CtgovJson);
    }
    if has("FullStudiesResponse") || has("FullStudy") || has("Study") {
        return Kind::Registry(registry::Format::CtgovClassicJson);
    }
    // Dataset-JSON 1.1 (`datasetJSONVersion`, `columns`, `rows`) and 1.0 (`clinicalData`,
    // `referenceData`).
    if [
        "datasetJSONVersion",
        "columns",
        "rows",
        "clinicalData",
        "referenceData",
    ]
    .iter()
    .any(|k| has(k))
    {
        return Kind::Dataset;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.eq_ignore_ascii_case("package.json") && (has("fhirVersions") || has("fhirVersion")) {
        return Kind::FhirPackage;
    }
    Kind::Unknown(if keys.is_empty() {
        "an empty JSON object".into()
    } else {
        let shown: Vec<String> = keys.iter().take(5).map(|k| format!("`{k}`")).collect();
        let more = if keys.len() > 5 { ", ..." } else { "" };
        format!("top-level keys {}{more}", shown.join(", "))
    })
}

/// The first characters of a file that is not what its extension says, for the message.
fn starts(text: &str) -> String {
    let s: String = text.chars().take(20).filter(|c| !c.is_control()).collect();
    if s.is_empty() {
        "nothing (empty file)".into()
    } else {
        format!("`{s}`")
    }
}

/// The keys of the outermost object, in order, as far as `text` goes: enough to recognise
/// a document without parsing a Dataset-JSON of a million rows.
pub fn top_level_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut chars = text.chars();
    let mut last_string: Option<String> = None;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                s.push(e);
                            }
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        _ => s.push(c),
                    }
                }
                if !closed {
                    break;
                }
                last_string = Some(s);
                continue;
            }
            ':' if depth == 1 => keys.extend(last_string.take()),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            last_string = None;
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_the_outer_object_only() {
        let k = top_level_keys(r#"{"a": {"b": 1, "c": [ {"d":2} ]}, "e\"x": "f:g", "h": 3"#);
        assert_eq!(k, vec!["a", "e\"x", "h"]);
    }

    #[test]
    fn root_after_prolog() {
        let x = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE x>\n<clinical_study rank=\"1\">";
        assert_eq!(root_element(x).as_deref(), Some("clinical_study"));
        assert_eq!(root_element("<a/>").as_deref(), Some("a"));
    }
}
