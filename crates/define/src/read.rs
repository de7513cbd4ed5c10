//! Just enough of a define.xml to compare it with data: datasets, their variables, types,
//! lengths, labels, codelists, value-level metadata, keys and leaves.
//!
//! Elements and attributes are matched by local name, so the prefix (or default namespace)
//! a sponsor chose does not matter, and Define-XML 1.0 reads too: it uses the same ODM
//! element names, with `def:Label` attributes for labels and `def:DomainKeys` for keys.
//! A DOCTYPE is refused before anything in it could be declared: a define.xml never needs
//! one, and entity declarations are how XXE and expansion attacks start.

pub(crate) mod xml;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use xml::{attrs, line_column, local, resolve};

/// A define.xml's bytes as text, in the encoding it declares (a byte-order mark first, then
/// the XML declaration, else UTF-8): the CDISC pilot's ADaM define.xml is ISO-8859-1. Bytes
/// that the encoding cannot decode are an error naming it, never replaced silently.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    use encoding_rs::{Encoding, UTF_8};
    let (encoding, body) = match Encoding::for_bom(&bytes) {
        Some((encoding, bom)) => (encoding, &bytes[bom..]),
        None => (declared(&bytes).unwrap_or(UTF_8), &bytes[..]),
    };
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| {
            format!(
                "not valid {} text, the encoding it declares",
                encoding.name()
            )
        })
}

/// The encoding named by `<?xml ... encoding="..."?>`, when encoding_rs knows the label.
fn declared(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(256)];
    let decl = head.strip_prefix(b"<?xml")?;
    let decl = &decl[..decl.windows(2).position(|w| w == b"?>")?];
    let at = decl.windows(9).position(|w| w == b"encoding=")? + 9;
    let quote = *decl.get(at)?;
    let rest = &decl[at + 1..];
    let label = &rest[..rest.iter().position(|b| *b == quote)?];
    encoding_rs::Encoding::for_label(label)
}

/// What was read; maps are keyed by OID.
#[derive(Debug, Clone, Default)]
pub struct Define {
    /// `MetaDataVersion/@def:DefineVersion`, e.g. `2.1.0` or `1.0.0`.
    pub version: Option<String>,
    pub groups: Vec<Group>,
    pub items: HashMap<String, Item>,
    pub codelists: HashMap<String, CodeList>,
    pub value_lists: HashMap<String, Vec<ValueRef>>,
    pub where_clauses: HashMap<String, Vec<RangeCheck>>,
    /// `def:leaf/@ID` → `xlink:href`.
    pub leaves: HashMap<String, String>,
    /// `MetaDataVersion/@def:StandardName` and `@def:StandardVersion` (Define-XML 1.0, 2.0).
    pub standard_name: Option<String>,
    pub standard_version: Option<String>,
    /// `def:Standards/def:Standard` (Define-XML 2.1), in document order.
    pub standards: Vec<StandardDef>,
}

/// One `def:Standard` of Define-XML 2.1: an IG or a CT package.
#[derive(Debug, Clone, Default)]
pub struct StandardDef {
    pub oid: String,
    pub name: String,
    /// `IG` or `CT`.
    pub kind: String,
    /// `SDTM`, `ADaM`... for CT.
    pub publishing_set: Option<String>,
    pub version: String,
}

/// One `ItemGroupDef`.
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub oid: String,
    pub name: String,
    /// `Description/TranslatedText` (2.x) or `def:Label` (1.0).
    pub label: Option<String>,
    pub line: usize,
    pub refs: Vec<ItemRef>,
    pub archive: Option<String>,
    /// `def:DomainKeys` (1.0), split at commas.
    pub domain_keys: Vec<String>,
    /// `def:StandardOID` (2.1): the IG the dataset follows.
    pub standard_oid: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ItemRef {
    pub item_oid: String,
    pub key_sequence: Option<u32>,
    pub line: usize,
}

/// One `ItemDef`.
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub oid: String,
    pub name: String,
    pub data_type: String,
    pub length: Option<usize>,
    pub label: Option<String>,
    pub codelist: Option<String>,
    pub value_list: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct CodeList {
    pub oid: String,
    pub name: String,
    pub values: Vec<String>,
    /// An `ExternalCodeList` (MedDRA, WHODrug): its terms are not in the document.
    pub external: bool,
    pub line: usize,
}

/// One `ItemRef` of a `def:ValueListDef`.
#[derive(Debug, Clone, Default)]
pub struct ValueRef {
    pub item_oid: String,
    pub where_clauses: Vec<String>,
}

/// One `RangeCheck` of a `def:WhereClauseDef`.
#[derive(Debug, Clone, Default)]
pub struct RangeCheck {
    pub item_oid: String,
    pub comparator: String,
    pub values: Vec<String>,
}

/// Why a document could not be read; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// A construct refused on principle (DOCTYPE), not a syntax error.
    pub refused: bool,
}

/// Where text is being collected into.
enum Capture {
    None,
    GroupLabel,
    ItemLabel,
    CheckValue,
}

#[derive(Default)]
struct State {
    doc: Define,
    stack: Vec<String>,
    item: Option<String>,
    codelist: Option<String>,
    value_list: Option<String>,
    where_clause: Option<String>,
    in_group: bool,
    text: String,
}

/// Reads a define.xml. Never panics; malformed input is a positioned [`ReadError`].
pub fn read(xml: &str) -> Result<Define, ReadError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut st = State::default();
    let mut capture = Capture::None;
    let err = |offset: u64, message: String, refused: bool| {
        let (line, column) = line_column(xml, usize::try_from(offset).unwrap_or(usize::MAX));
        ReadError {
            line,
            column,
            message,
            refused,
        }
    };
    // Lines are counted forward from the last event: counting from the start at every event
    // made reading the pilot's 19,000-line define.xml take 12 seconds.
    let mut counted = Lines::default();
    loop {
        let at = reader.buffer_position();
        let line = counted.at(xml, usize::try_from(at).unwrap_or(usize::MAX));
        let event = reader
            .read_event()
            .map_err(|e| err(reader.error_position(), e.to_string(), false))?;
        match event {
            Event::DocType(_) => {
                return Err(err(
                    at,
                    "DOCTYPE declaration refused: a define.xml needs no DTD or entity declarations"
                        .into(),
                    true,
                ));
            }
            Event::Start(e) => {
                capture = st.start(&e, line);
                st.stack.push(local(&e));
            }
            Event::Empty(e) => {
                st.start(&e, line);
                st.end(&local(&e));
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                let text = std::mem::take(&mut st.text);
                match std::mem::replace(&mut capture, Capture::None) {
                    Capture::GroupLabel => {
                        if let Some(g) = st.doc.groups.last_mut() {
                            g.label = Some(text.trim().to_owned());
                        }
                    }
                    Capture::ItemLabel => {
                        let item = st.item.as_ref().and_then(|o| st.doc.items.get_mut(o));
                        if let Some(i) = item {
                            i.label = Some(text.trim().to_owned());
                        }
                    }
                    Capture::CheckValue => {
                        let wc = st.where_clause.as_ref();
                        let checks = wc.and_then(|o| st.doc.where_clauses.get_mut(o));
                        if let Some(rc) = checks.and_then(|c| c.last_mut()) {
                            rc.values.push(text.trim().to_owned());
                        }
                    }
                    Capture::None => {}
                }
                st.stack.pop();
                st.end(&name);
            }
            Event::Text(t) if !matches!(capture, Capture::None) => {
                st.text.push_str(&t.xml10_content());
            }
            Event::CData(t) if !matches!(capture, Capture::None) => {
                st.text.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) => {
                let Some(s) = resolve(&r) else {
                    let name = r.xml10_content().into_owned();
                    return Err(err(at, format!("undeclared entity `&{name};`"), false));
                };
                if !matches!(capture, Capture::None) {
                    st.text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = st.stack.last() {
        return Err(err(
            xml.len() as u64,
            format!("<{open}> is never closed (truncated document?)"),
            false,
        ));
    }
    Ok(st.doc)
}

/// The 1-based line of increasing byte offsets, counting only the bytes since the last one.
#[derive(Default)]
struct Lines {
    offset: usize,
    newlines: usize,
}

impl Lines {
    fn at(&mut self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        if offset < self.offset {
            *self = Lines::default();
        }
        let between = &text.as_bytes()[self.offset..offset];
        self.newlines += between.iter().filter(|b| **b == b'\n').count();
        self.offset = offset;
        self.newlines + 1
    }
}

impl State {
    fn parent_is(&self, name: &str) -> bool {
        self.stack.last().is_some_and(|s| s == name)
    }

    fn grandparent_is(&self, name: &str) -> bool {
        self.stack.len() >= 2 && self.stack[self.stack.len() - 2] == name
    }

    /// Records an element; says whether its text is wanted.
    fn start(&mut self, e: &BytesStart<'_>, line: usize) -> Capture {
        let name = local(e);
        let a = attrs(e);
        let get = |k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match name.as_str() {
            "MetaDataVersion" => {
                self.doc.version = get("DefineVersion");
                self.doc.standard_name = get("StandardName");
                self.doc.standard_version = get("StandardVersion");
            }
            "Standard" if self.parent_is("Standards") => self.doc.standards.push(StandardDef {
                oid: get("OID").unwrap_or_default(),
                name: get("Name").unwrap_or_default(),
                kind: get("Type").unwrap_or_default(),
                publishing_set: get("PublishingSet"),
                version: get("Version").unwrap_or_default(),
            }),
            "ItemGroupDef" => {
                self.in_group = true;
                self.doc.groups.push(Group {
                    oid: get("OID").unwrap_or_default(),
                    name: get("Name").unwrap_or_default(),
                    label: get("Label"),
                    line,
                    refs: Vec::new(),
                    archive: get("ArchiveLocationID"),
                    domain_keys: get("DomainKeys")
                        .map(|k| k.split(',').map(|s| s.trim().to_owned()).collect())
                        .unwrap_or_default(),
                    standard_oid: get("StandardOID"),
                });
            }
            "ItemRef" => {
                let item_oid = get("ItemOID").unwrap_or_default();
                if let Some(vl) = &self.value_list {
                    let refs = self.doc.value_lists.entry(vl.clone()).or_default();
                    refs.push(ValueRef {
                        item_oid,
                        where_clauses: Vec::new(),
                    });
                } else if self.in_group
                    && let Some(g) = self.doc.groups.last_mut()
                {
                    g.refs.push(ItemRef {
                        item_oid,
                        key_sequence: get("KeySequence").and_then(|k| k.trim().parse().ok()),
                        line,
                    });
                }
            }
            "WhereClauseRef" => {
                let refs = self
                    .value_list
                    .as_ref()
                    .and_then(|vl| self.doc.value_lists.get_mut(vl).and_then(|r| r.last_mut()));
                if let (Some(r), Some(wc)) = (refs, get("WhereClauseOID")) {
                    r.where_clauses.push(wc);
                }
            }
            "ValueListDef" => {
                let oid = get("OID").unwrap_or_default();
                self.doc.value_lists.entry(oid.clone()).or_default();
                self.value_list = Some(oid);
            }
            "WhereClauseDef" => {
                let oid = get("OID").unwrap_or_default();
                self.doc.where_clauses.entry(oid.clone()).or_default();
                self.where_clause = Some(oid);
            }
            "RangeCheck" => {
                let checks = self
                    .where_clause
                    .as_ref()
                    .and_then(|o| self.doc.where_clauses.get_mut(o));
                if let Some(c) = checks {
                    c.push(RangeCheck {
                        item_oid: get("ItemOID").unwrap_or_default(),
                        comparator: get("Comparator").unwrap_or_default(),
                        values: Vec::new(),
                    });
                }
            }
            "CheckValue" if self.where_clause.is_some() => return Capture::CheckValue,
            "ItemDef" => {
                let oid = get("OID").unwrap_or_default();
                let item = Item {
                    oid: oid.clone(),
                    name: get("Name").unwrap_or_default(),
                    data_type: get("DataType").unwrap_or_default(),
                    length: get("Length").and_then(|l| l.trim().parse().ok()),
                    label: get("Label"),
                    codelist: None,
                    value_list: None,
                    line,
                };
                // A duplicate OID is FM0121's business; the first definition is kept.
                self.doc.items.entry(oid.clone()).or_insert(item);
                self.item = Some(oid);
            }
            "CodeListRef" | "ValueListRef" => {
                let item = self.item.as_ref().and_then(|o| self.doc.items.get_mut(o));
                if let Some(i) = item {
                    if name == "CodeListRef" {
                        i.codelist = get("CodeListOID");
                    } else {
                        i.value_list = get("ValueListOID");
                    }
                }
            }
            "CodeList" => {
                let oid = get("OID").unwrap_or_default();
                let cl = CodeList {
                    oid: oid.clone(),
                    name: get("Name").unwrap_or_default(),
                    values: Vec::new(),
                    external: false,
                    line,
                };
                self.doc.codelists.entry(oid.clone()).or_insert(cl);
                self.codelist = Some(oid);
            }
            "CodeListItem" | "EnumeratedItem" | "ExternalCodeList" => {
                let cl = self
                    .codelist
                    .as_ref()
                    .and_then(|o| self.doc.codelists.get_mut(o));
                if let Some(cl) = cl {
                    match get("CodedValue") {
                        Some(v) if name != "ExternalCodeList" => cl.values.push(v),
                        _ => cl.external |= name == "ExternalCodeList",
                    }
                }
            }
            "leaf" => {
                if let (Some(id), Some(href)) = (get("ID"), get("href")) {
                    self.doc.leaves.entry(id).or_insert(href);
                }
            }
            "TranslatedText" if self.parent_is("Description") => {
                if self.grandparent_is("ItemGroupDef") {
                    return Capture::GroupLabel;
                }
                if self.grandparent_is("ItemDef") {
                    return Capture::ItemLabel;
                }
            }
            _ => {}
        }
        Capture::None
    }

    fn end(&mut self, name: &str) {
        match name {
            "ItemGroupDef" => self.in_group = false,
            "ItemDef" => self.item = None,
            "CodeList" => self.codelist = None,
            "ValueListDef" => self.value_list = None,
            "WhereClauseDef" => self.where_clause = None,
            _ => {}
        }
    }
}
