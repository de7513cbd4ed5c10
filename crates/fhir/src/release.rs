//! Which FHIR version a resource is, decided from what it says and holds, never from its
//! file name alone: a renamed R4 file checked with R5 rules gives nothing but false errors.
//!
//! In order: `--fhir-version`; a `fhirVersion` the resource states (CapabilityStatement,
//! ImplementationGuide, StructureDefinition); a versioned `meta.profile`; the
//! `fhirVersions` of a `package.json` beside the file; elements (and status codes) that
//! exist in one version's official JSON schema only, in the resource, its contained
//! resources and Bundle entries; the file name (`r4b`, `r4`, `r5`); else R5.
//!
//! R4 is checked as R4B: the fhir crate has one R4-family layer, the official R4 JSON
//! schema plus the R4B checks of the resources we write, which R4 shares.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Release {
    R4,
    R4b,
    R5,
}

impl Release {
    pub fn label(self) -> &'static str {
        match self {
            Release::R4 => "R4",
            Release::R4b => "R4B",
            Release::R5 => "R5",
        }
    }

    /// The rule set that checks it.
    pub fn checked_as(self) -> crate::FhirVersion {
        match self {
            Release::R4 | Release::R4b => crate::FhirVersion::R4B,
            Release::R5 => crate::FhirVersion::R5,
        }
    }

    /// `4.0.1` → R4, `4.3.0` → R4B, `5.0.0` → R5; DSTU2/STU3 and unknown numbers → none.
    pub fn from_number(v: &str) -> Option<Release> {
        let v = v.trim();
        if v.starts_with("4.0") {
            Some(Release::R4)
        } else if v.starts_with("4.1") || v.starts_with("4.3") {
            Some(Release::R4b)
        } else if v.starts_with("5.") {
            Some(Release::R5)
        } else {
            None
        }
    }
}

/// The version used for one file, and why, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub release: Release,
    pub how: String,
}

/// The version a folder's `package.json` gives, with its path as shown.
pub type PackageHint = Option<(Release, String)>;

/// What a FHIR package manifest says, when it names one version we check.
pub fn package_release(path: &Path) -> Option<Release> {
    let text = std::fs::read_to_string(path).ok()?;
    manifest_release(&serde_json::from_str(&text).ok()?)
}

/// The one release a parsed `package.json` names (`fhirVersions`, or the older
/// `fhirVersion`); none when it names none we check, or several.
pub fn manifest_release(v: &Value) -> Option<Release> {
    let mut found = BTreeSet::new();
    if let Some(list) = v.get("fhirVersions").and_then(Value::as_array) {
        found.extend(
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(Release::from_number),
        );
    }
    if let Some(s) = v.get("fhirVersion").and_then(Value::as_str) {
        found.extend(Release::from_number(s));
    }
    (found.len() == 1)
        .then(|| found.into_iter().next())
        .flatten()
}

pub fn decide(
    value: &Value,
    path: &Path,
    forced: Option<Release>,
    package: &PackageHint,
) -> Decision {
    let d = |release: Release, how: String| Decision { release, how };
    if let Some(r) = forced {
        return d(r, "--fhir-version".into());
    }
    if let Some(s) = value.get("fhirVersion").and_then(Value::as_str)
        && let Some(r) = Release::from_number(s)
    {
        return d(r, format!("its fhirVersion `{s}`"));
    }
    if let Some((r, url)) = profile_release(value) {
        return d(r, format!("meta.profile `{url}`"));
    }
    if let Some((r, shown)) = package {
        return d(*r, format!("{shown} beside it"));
    }
    let mut marks = Marks::default();
    marks.scan(value, "");
    if let Some(decision) = marks.decide() {
        return decision;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    for (token, r) in [
        ("r4b", Release::R4b),
        ("r4", Release::R4),
        ("r5", Release::R5),
    ] {
        if name.contains(token) {
            return d(
                r,
                format!("the file name (`{token}`); nothing in it is version-specific"),
            );
        }
    }
    d(
        Release::R5,
        "default; nothing in it is version-specific".into(),
    )
}

/// `http://hl7.org/fhir/R4/StructureDefinition/...` style profiles name their release.
fn profile_release(value: &Value) -> Option<(Release, String)> {
    let profiles = value.pointer("/meta/profile")?.as_array()?;
    profiles.iter().filter_map(Value::as_str).find_map(|url| {
        let segments: Vec<&str> = url.split('/').collect();
        let r = segments.iter().find_map(|s| match *s {
            "R4" => Some(Release::R4),
            "R4B" => Some(Release::R4b),
            "R5" => Some(Release::R5),
            _ => None,
        })?;
        Some((r, url.to_owned()))
    })
}

/// Elements found that one version's schema has and the other's lacks.
#[derive(Default)]
struct Marks {
    r4: Vec<String>,
    r5: Vec<String>,
}

/// Status codes of R5's publication-status binding, which R5 ResearchStudy and
/// ResearchSubject `status` use in place of R4's study and subject states.
const PUBLICATION_STATUS: [&str; 4] = ["draft", "active", "retired", "unknown"];

impl Marks {
    fn scan(&mut self, resource: &Value, at: &str) {
        let Some(obj) = resource.as_object() else {
            return;
        };
        let Some(rt) = obj.get("resourceType").and_then(Value::as_str) else {
            return;
        };
        let (r4, r5) = (schema(Release::R4), schema(Release::R5));
        match (r4.get(rt), r5.get(rt)) {
            (Some(p4), Some(p5)) => {
                for (key, v) in obj {
                    let name = format!("{at}{rt}.{key}");
                    match (p4.elements.contains(key), p5.elements.contains(key)) {
                        (true, false) => self.r4.push(name.clone()),
                        (false, true) => self.r5.push(name.clone()),
                        _ => {}
                    }
                    if let (Some(code), Some(codes)) = (v.as_str(), p4.codes.get(key)) {
                        let publication = p5.publication_status.contains(key);
                        if codes.contains(code)
                            && publication
                            && !PUBLICATION_STATUS.contains(&code)
                        {
                            self.r4.push(format!("{name} `{code}`"));
                        }
                    }
                }
            }
            (Some(_), None) => self.r4.push(format!("{at}{rt} (no R5 resource type)")),
            (None, Some(_)) => self.r5.push(format!("{at}{rt} (no R4 resource type)")),
            (None, None) => {}
        }
        for c in obj
            .get("contained")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.scan(c, "contained ");
        }
        for e in obj
            .get("entry")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(r) = e.get("resource") {
                self.scan(r, "entry ");
            }
        }
    }

    fn decide(&self) -> Option<Decision> {
        let (n4, n5) = (self.r4.len(), self.r5.len());
        let (release, own, other) = match n4.cmp(&n5) {
            std::cmp::Ordering::Greater => (Release::R4, &self.r4, &self.r5),
            std::cmp::Ordering::Less => (Release::R5, &self.r5, &self.r4),
            std::cmp::Ordering::Equal => return None,
        };
        let shown = |v: &Vec<String>| {
            let mut s: Vec<&str> = v.iter().map(String::as_str).take(3).collect();
            if v.len() > 3 {
                s.push("...");
            }
            s.join(", ")
        };
        let mut how = format!("{}-only content: {}", release.label(), shown(own));
        if !other.is_empty() {
            let o = if release == Release::R4 { "R5" } else { "R4" };
            how.push_str(&format!(" (outweighs {o}-only {})", shown(other)));
        }
        Some(Decision { release, how })
    }
}

/// One resource type's top-level elements in one version's schema.
struct Props {
    elements: BTreeSet<String>,
    /// Elements bound to an enumerated code list, with its codes.
    codes: HashMap<String, BTreeSet<String>>,
    /// Elements documented as the resource's publication state (R5 `status`).
    publication_status: BTreeSet<String>,
}

/// The schema's resource definitions, read once per run from the embedded official schema.
fn schema(release: Release) -> &'static HashMap<String, Props> {
    static R4: OnceLock<HashMap<String, Props>> = OnceLock::new();
    static R5: OnceLock<HashMap<String, Props>> = OnceLock::new();
    let (cell, text) = match release {
        Release::R5 => (&R5, standards::reference::fhir_schema_r5()),
        Release::R4 | Release::R4b => (&R4, standards::reference::fhir_schema_r4()),
    };
    cell.get_or_init(|| resources(text))
}

fn resources(text: &str) -> HashMap<String, Props> {
    let Ok(full) = serde_json::from_str::<Value>(text) else {
        return HashMap::new();
    };
    let types: Vec<String> = full
        .pointer("/discriminator/mapping")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut out = HashMap::new();
    for t in types {
        let Some(props) = full
            .pointer(&format!("/definitions/{t}/properties"))
            .and_then(Value::as_object)
        else {
            continue;
        };
        let mut p = Props {
            elements: props.keys().cloned().collect(),
            codes: HashMap::new(),
            publication_status: BTreeSet::new(),
        };
        for (k, v) in props {
            if let Some(list) = v.get("enum").and_then(Value::as_array) {
                let codes = list.iter().filter_map(Value::as_str).map(str::to_owned);
                p.codes.insert(k.clone(), codes.collect());
            }
            let doc = v.get("description").and_then(Value::as_str).unwrap_or("");
            if doc.starts_with("The publication state") {
                p.publication_status.insert(k.clone());
            }
        }
        out.insert(t, p);
    }
    out
}
