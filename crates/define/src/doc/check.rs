//! Structural checks of any define.xml text: OIDs defined once, references resolved,
//! definitions used. The XSD types OIDs as plain strings, so a schema-valid file can still
//! point at nothing; these are the checks a schema cannot make.

use model::Finding;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet};

/// Definition elements (by local name) and the attribute that names them.
const DEFINITIONS: [(&str, &str); 9] = [
    ("ItemGroupDef", "OID"),
    ("ItemDef", "OID"),
    ("CodeList", "OID"),
    ("MethodDef", "OID"),
    ("ValueListDef", "OID"),
    ("WhereClauseDef", "OID"),
    ("CommentDef", "OID"),
    ("Standard", "OID"),
    ("leaf", "ID"),
];

/// Referencing attributes (by local name, any element), what they point at, and the code.
const REFERENCES: [(&str, &str, &str); 12] = [
    ("ItemOID", "ItemDef", "FM0122"),
    // Analysis Results Metadata: the parameter variable an analysis result is about.
    ("ParameterOID", "ItemDef", "FM0122"),
    ("ItemGroupOID", "ItemGroupDef", "FM0122"),
    ("CodeListOID", "CodeList", "FM0123"),
    // Define-XML 1.0 and 2.0 name an ItemRef's role codelist here (the CDISC pilot's ROLES).
    ("RoleCodeListOID", "CodeList", "FM0123"),
    ("MethodOID", "MethodDef", "FM0124"),
    ("ValueListOID", "ValueListDef", "FM0125"),
    ("WhereClauseOID", "WhereClauseDef", "FM0126"),
    ("CommentOID", "CommentDef", "FM0127"),
    ("StandardOID", "Standard", "FM0128"),
    ("leafID", "leaf", "FM0129"),
    ("ArchiveLocationID", "leaf", "FM0129"),
];

/// Definitions that are dead weight when nothing refers to them.
const MUST_BE_USED: [&str; 6] = [
    "ItemDef",
    "CodeList",
    "MethodDef",
    "ValueListDef",
    "WhereClauseDef",
    "CommentDef",
];

struct Reference {
    line: usize,
    attr: &'static str,
    target: &'static str,
    code: &'static str,
    value: String,
    group: Option<String>,
}

#[derive(Default)]
struct Scan {
    defined: BTreeMap<&'static str, BTreeMap<String, usize>>,
    references: Vec<Reference>,
    /// With their line, for sorting in document order.
    findings: Vec<(usize, Finding)>,
    /// Name of the enclosing ItemGroupDef or ValueListDef OID, for messages.
    group: Option<String>,
    /// `(group, attribute, value)` triples already seen among the group's ItemRefs.
    seen_in_group: BTreeSet<(String, &'static str, String)>,
}

/// Checks the references inside a define.xml document (any version that uses ODM 1.3
/// element names; elements and attributes are matched by local name, so any prefix works).
///
/// | code | severity | finding |
/// |---|---|---|
/// | `FM0120` | error | not well-formed XML, or the root is not `ODM` |
/// | `FM0121` | error | an OID (or leaf ID) defined twice for the same kind of definition |
/// | `FM0122` | error | `ItemOID`/`ItemGroupOID` names no `ItemDef`/`ItemGroupDef` |
/// | `FM0123` | error | `CodeListOID` names no `CodeList` |
/// | `FM0124` | error | `MethodOID` names no `MethodDef` |
/// | `FM0125` | error | `ValueListOID` names no `def:ValueListDef` |
/// | `FM0126` | error | `WhereClauseOID` names no `def:WhereClauseDef` |
/// | `FM0127` | error | `def:CommentOID` names no `def:CommentDef` |
/// | `FM0128` | error | `def:StandardOID` names no `def:Standard` |
/// | `FM0129` | error | `leafID`/`def:ArchiveLocationID` names no `def:leaf` |
/// | `FM0130` | warning | an `ItemDef`, `CodeList`, `MethodDef`, `def:ValueListDef`, `def:WhereClauseDef` or `def:CommentDef` nothing refers to |
/// | `FM0131` | error | two `ItemRef`s of one group share an `ItemOID`, `OrderNumber` or `KeySequence` |
/// | `FM0132` | error | a `<!DOCTYPE>`: Define-XML has no DTD, and entities declared in one are a way to read local files (XXE) or exhaust memory (billion laughs); none is read or expanded |
///
/// Messages start with the 1-based line; findings come in document order.
pub fn check_references(xml: &str) -> Vec<Finding> {
    let lines = LineIndex::new(xml);
    let mut scan = Scan::default();
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut root_seen = false;
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 && !check_root(&e, &mut root_seen, &mut scan, lines.line(at)) {
                    return scan.finish();
                }
                depth += 1;
                scan.element(&e, lines.line(at));
            }
            Ok(Event::Empty(e)) => {
                if depth == 0 && !check_root(&e, &mut root_seen, &mut scan, lines.line(at)) {
                    return scan.finish();
                }
                scan.element(&e, lines.line(at));
                scan.end(e.local_name().as_ref());
            }
            Ok(Event::End(e)) => {
                depth = depth.saturating_sub(1);
                scan.end(e.local_name().as_ref());
            }
            Ok(Event::DocType(_)) => {
                let line = lines.line(at);
                let f = Finding::error(
                    "FM0132",
                    format!(
                        "line {line}: a DOCTYPE declaration; define.xml has no DTD, and its entities are neither read nor expanded"
                    ),
                );
                scan.findings.push((line, f));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => {
                let line = lines.line(usize::try_from(reader.error_position()).unwrap_or(at));
                let f =
                    Finding::error("FM0120", format!("line {line}: not well-formed XML: {err}"));
                scan.findings.push((line, f));
                return scan.finish();
            }
        }
    }
    if !root_seen {
        let f = Finding::error("FM0120", "no root element: not a define.xml");
        scan.findings.push((0, f));
        return scan.finish();
    }
    scan.resolve()
}

fn check_root(e: &BytesStart<'_>, root_seen: &mut bool, scan: &mut Scan, line: usize) -> bool {
    *root_seen = true;
    if e.local_name().as_ref() == "ODM" {
        return true;
    }
    let name = e.name().as_ref().to_owned();
    let f = Finding::error(
        "FM0120",
        format!("line {line}: the root element is `{name}`, not `ODM`"),
    );
    scan.findings.push((line, f.with_value(name)));
    false
}

impl Scan {
    fn element(&mut self, e: &BytesStart<'_>, line: usize) {
        let local = e.local_name();
        let local: &str = local.as_ref();
        let attrs = crate::read::xml::attrs(e);
        let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        if let Some(&(kind, id_attr)) = DEFINITIONS.iter().find(|(k, _)| *k == local)
            && let Some(id) = get(id_attr)
        {
            let seen = self.defined.entry(kind).or_default();
            if let Some(first) = seen.get(id) {
                let f = Finding::error(
                    "FM0121",
                    format!("line {line}: {kind} `{id}` is already defined on line {first}"),
                );
                self.findings.push((line, f.with_value(id)));
            } else {
                seen.insert(id.to_owned(), line);
            }
            if matches!(local, "ItemGroupDef" | "ValueListDef") {
                self.group = Some(id.to_owned());
            }
        }
        if local == "ItemRef"
            && let Some(group) = self.group.clone()
        {
            for attr in ["ItemOID", "OrderNumber", "KeySequence"] {
                let Some(v) = get(attr) else { continue };
                if !self
                    .seen_in_group
                    .insert((group.clone(), attr, v.to_owned()))
                {
                    let f = Finding::error(
                        "FM0131",
                        format!("line {line}: {attr} `{v}` appears twice in `{group}`"),
                    );
                    self.findings.push((line, f.with_value(v)));
                }
            }
        }
        for &(attr, target, code) in &REFERENCES {
            if let Some(v) = get(attr) {
                self.references.push(Reference {
                    line,
                    attr,
                    target,
                    code,
                    value: v.to_owned(),
                    group: self.group.clone(),
                });
            }
        }
    }

    fn end(&mut self, local: &str) {
        if matches!(local, "ItemGroupDef" | "ValueListDef") {
            self.group = None;
        }
    }

    fn resolve(mut self) -> Vec<Finding> {
        let mut used: BTreeSet<(&'static str, &str)> = BTreeSet::new();
        for r in &self.references {
            let known = self
                .defined
                .get(r.target)
                .is_some_and(|d| d.contains_key(&r.value));
            if known {
                used.insert((r.target, r.value.as_str()));
                continue;
            }
            let mut f = Finding::error(
                r.code,
                format!(
                    "line {}: {} `{}` names no {}",
                    r.line, r.attr, r.value, r.target
                ),
            )
            .with_value(r.value.clone());
            if let Some(g) = &r.group {
                f.message.push_str(&format!(" (in `{g}`)"));
            }
            self.findings.push((r.line, f));
        }
        for kind in MUST_BE_USED {
            for (id, line) in self.defined.get(kind).into_iter().flatten() {
                if !used.contains(&(kind, id.as_str())) {
                    let f = Finding::warning(
                        "FM0130",
                        format!("line {line}: nothing refers to {kind} `{id}`"),
                    );
                    self.findings.push((*line, f.with_value(id.clone())));
                }
            }
        }
        self.finish()
    }

    fn finish(mut self) -> Vec<Finding> {
        self.findings
            .sort_by(|a, b| (a.0, &a.1.code).cmp(&(b.0, &b.1.code)));
        self.findings.into_iter().map(|(_, f)| f).collect()
    }
}

/// Byte offset → 1-based line, by binary search over line starts.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex(starts)
    }

    fn line(&self, offset: usize) -> usize {
        match self.0.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}
