//! A FHIR package manifest (`package.json`, the FHIR NPM Package specification) checked as
//! what it is: a package whose name, version or FHIR versions are wrong is refused by the
//! package tools (and a wrong `fhirVersions` makes every resource beside it read as another
//! version), so each problem is a finding at its JSON pointer.

use crate::release::Release;
use model::Finding;
use serde_json::Value;

/// A problem in the manifest itself.
const MANIFEST: &str = "FH0073";

/// The FHIR versions published (ballots included), by their `major.minor`.
const KNOWN: [&str; 12] = [
    "1.0", "1.4", "1.6", "1.8", "3.0", "3.3", "3.5", "4.0", "4.1", "4.3", "5.0", "6.0",
];

/// Every problem of one manifest; the caller adds the file.
pub fn check_manifest(text: &str) -> Vec<Finding> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![at("", format!("package.json is not JSON: {e}"))],
    };
    let Some(obj) = value.as_object() else {
        return vec![at("", "package.json is not a JSON object".into())];
    };
    let mut out = Vec::new();
    match obj.get("name") {
        None => out.push(at("/name", "the package has no `name`".into())),
        Some(Value::String(n)) => out.extend(name_problem(n).map(|p| at("/name", p))),
        Some(_) => out.push(at("/name", "`name` is not a string".into())),
    }
    match obj.get("version") {
        None => out.push(at("/version", "the package has no `version`".into())),
        Some(Value::String(v)) if !is_semver(v) => out.push(at(
            "/version",
            format!("`version` `{v}` is not a semantic version (major.minor.patch[-label])"),
        )),
        Some(Value::String(_)) => {}
        Some(_) => out.push(at("/version", "`version` is not a string".into())),
    }
    out.extend(versions(obj));
    match obj.get("dependencies") {
        None => {}
        Some(Value::Object(deps)) => {
            for (name, v) in deps {
                let here = format!("/dependencies/{}", escape(name));
                if let Some(p) = name_problem(name) {
                    out.push(at(&here, format!("dependency {p}")));
                }
                if !v.is_string() {
                    out.push(at(
                        &here,
                        format!("dependency `{name}` has no version string"),
                    ));
                }
            }
        }
        Some(_) => out.push(at(
            "/dependencies",
            "`dependencies` is not an object of package name → version".into(),
        )),
    }
    out
}

/// `fhirVersions` (the specification's list) and the older single `fhirVersion`.
fn versions(obj: &serde_json::Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut named: Vec<(String, String)> = Vec::new();
    match obj.get("fhirVersions") {
        None => {}
        Some(Value::Array(list)) => {
            if list.is_empty() {
                out.push(at("/fhirVersions", "`fhirVersions` is empty".into()));
            }
            for (i, v) in list.iter().enumerate() {
                let here = format!("/fhirVersions/{i}");
                match v.as_str() {
                    Some(s) => named.push((here, s.to_owned())),
                    None => out.push(at(&here, "a FHIR version that is not a string".into())),
                }
            }
        }
        Some(_) => out.push(at(
            "/fhirVersions",
            "`fhirVersions` is not a list of FHIR version numbers".into(),
        )),
    }
    match obj.get("fhirVersion") {
        None if !obj.contains_key("fhirVersions") => out.push(at(
            "/fhirVersions",
            "the package names no FHIR version (`fhirVersions`)".into(),
        )),
        None => {}
        Some(Value::String(s)) => {
            if !obj.contains_key("fhirVersions") {
                let f = Finding::warning(
                    MANIFEST,
                    "the package names its FHIR version in `fhirVersion`; the FHIR package \
                     specification reads `fhirVersions` (a list)",
                );
                out.push(f.with_variable("/fhirVersion"));
            }
            named.push(("/fhirVersion".into(), s.clone()));
        }
        Some(_) => out.push(at("/fhirVersion", "`fhirVersion` is not a string".into())),
    }
    let mut releases: Vec<(Release, &str)> = Vec::new();
    for (here, v) in &named {
        if !is_semver(v) || !KNOWN.iter().any(|k| minor_of(v) == Some(*k)) {
            out.push(at(here, format!("`{v}` is not a published FHIR version")));
        } else if let Some(r) = Release::from_number(v) {
            releases.push((r, v));
        }
    }
    releases.sort();
    releases.dedup_by_key(|(r, _)| *r);
    if releases.len() > 1 {
        let shown: Vec<String> = releases
            .iter()
            .map(|(r, v)| format!("{} (`{v}`)", r.label()))
            .collect();
        let f = Finding::warning(
            MANIFEST,
            format!(
                "the package names more than one FHIR release, {}: the resources beside it \
                 are checked by their own content",
                shown.join(", ")
            ),
        );
        out.push(f.with_variable("/fhirVersions"));
    }
    out
}

fn at(pointer: &str, message: String) -> Finding {
    Finding::error(MANIFEST, message).with_variable(pointer.to_owned())
}

/// npm's rules, which FHIR package names follow: lowercase, at most 214 characters, letters,
/// digits, `.`, `-` and `_`, not starting with `.` or `_`.
fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("name is empty".into());
    }
    if name.len() > 214 {
        return Some(format!("name `{name}` is longer than 214 characters"));
    }
    if name.starts_with(['.', '_']) {
        return Some(format!("name `{name}` starts with `.` or `_`"));
    }
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(*c)));
    bad.map(|c| {
        format!(
            "name `{name}` holds `{c}`: package names are lowercase letters, digits, `.`, `-`, `_`"
        )
    })
}

/// `major.minor.patch` with an optional `-label`.
fn is_semver(v: &str) -> bool {
    let (core, label) = match v.split_once('-') {
        Some((c, l)) => (c, Some(l)),
        None => (v, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && label.is_none_or(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        })
}

fn minor_of(v: &str) -> Option<&str> {
    let mut dots = v.match_indices('.');
    dots.next()?;
    let (second, _) = dots.next()?;
    Some(&v[..second])
}

/// A key as a JSON pointer token (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(String, String)> {
        check_manifest(text)
            .into_iter()
            .map(|f| (f.variables.join(","), f.message))
            .collect()
    }

    #[test]
    fn a_manifest_as_the_specification_writes_it_is_clean() {
        let ok = r#"{"name": "hl7.fhir.uv.ips", "version": "1.1.0",
            "fhirVersions": ["4.0.1"], "dependencies": {"hl7.fhir.r4.core": "4.0.1"}}"#;
        assert_eq!(problems(ok), Vec::<(String, String)>::new());
    }

    #[test]
    fn each_problem_is_reported_at_its_pointer() {
        let bad = r#"{"name": "My.Package", "version": "1.0",
            "fhirVersions": ["4.0.1", "9.9.9", 4], "dependencies": {"x": 1}}"#;
        let got = problems(bad);
        let at: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            at,
            [
                "/name",
                "/version",
                "/fhirVersions/2",
                "/fhirVersions/1",
                "/dependencies/x"
            ],
            "{got:?}"
        );
        assert!(got[0].1.contains("holds `M`"), "{got:?}");
        assert!(got[3].1.contains("`9.9.9` is not a published FHIR version"));
    }

    #[test]
    fn two_releases_or_only_the_old_key_are_warnings() {
        let two = check_manifest(
            r#"{"name": "a.b", "version": "0.1.0", "fhirVersions": ["4.0.1", "5.0.0"]}"#,
        );
        assert_eq!(two.len(), 1, "{two:?}");
        assert_eq!(two[0].severity, model::Severity::Warning);
        assert!(two[0].message.contains("R4 (`4.0.1`), R5 (`5.0.0`)"));
        let old = check_manifest(r#"{"name": "a.b", "version": "0.1.0", "fhirVersion": "4.3.0"}"#);
        assert_eq!(old.len(), 1, "{old:?}");
        assert!(old[0].message.contains("`fhirVersions`"));
    }

    #[test]
    fn not_json_is_one_error() {
        let got = check_manifest("{\"name\": ");
        assert_eq!(got.len(), 1);
        assert!(got[0].message.starts_with("package.json is not JSON"));
    }
}
