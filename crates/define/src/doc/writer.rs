//! The document frame: ODM root, study, standards, value lists, where clauses, datasets.
//! `ItemDef`s and the definitions after them are in `items.rs`.

use super::derive::resolved;
use super::items;
use super::model::{Condition, Context, DatasetDef, DefineDoc, StandardType, ValueItem};
use super::oid;
use model::Core;
use model::oid::{item_group_oid, item_oid};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::{self, Write};

pub(crate) const ODM_NS: &str = "http://www.cdisc.org/ns/odm/v1.3";
pub(crate) const DEF_NS: &str = "http://www.cdisc.org/ns/def/v2.1";
pub(crate) const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// Attributes in the order they are written; `None` values are left out.
pub(crate) struct Attrs(Vec<(&'static str, String)>);

impl Attrs {
    pub(crate) fn new() -> Attrs {
        Attrs(Vec::new())
    }

    pub(crate) fn add(mut self, key: &'static str, value: impl Into<String>) -> Attrs {
        self.0.push((key, value.into()));
        self
    }

    pub(crate) fn opt(self, key: &'static str, value: Option<impl Into<String>>) -> Attrs {
        match value {
            Some(v) => self.add(key, v),
            None => self,
        }
    }

    fn start<'a>(&'a self, name: &'a str) -> BytesStart<'a> {
        BytesStart::new(name).with_attributes(self.0.iter().map(|(k, v)| (*k, v.as_str())))
    }
}

pub(crate) type Xml<W> = Writer<W>;

pub(crate) fn open<W: Write>(w: &mut Xml<W>, name: &str, attrs: Attrs) -> io::Result<()> {
    w.write_event(Event::Start(attrs.start(name)))
}

pub(crate) fn close<W: Write>(w: &mut Xml<W>, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

pub(crate) fn empty<W: Write>(w: &mut Xml<W>, name: &str, attrs: Attrs) -> io::Result<()> {
    w.write_event(Event::Empty(attrs.start(name)))
}

pub(crate) fn text<W: Write>(w: &mut Xml<W>, name: &str, attrs: Attrs, s: &str) -> io::Result<()> {
    w.write_event(Event::Start(attrs.start(name)))?;
    w.write_event(Event::Text(BytesText::new(s)))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

/// `<tag><TranslatedText xml:lang="en">…</TranslatedText></tag>`.
pub(crate) fn translated<W: Write>(w: &mut Xml<W>, tag: &str, s: &str) -> io::Result<()> {
    open(w, tag, Attrs::new())?;
    text(w, "TranslatedText", Attrs::new().add("xml:lang", "en"), s)?;
    close(w, tag)
}

pub(crate) fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

/// Writes the whole document, UTF-8, two-space indentation, ending in a newline.
pub(crate) fn write<W: Write>(doc: &DefineDoc, out: W) -> io::Result<W> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let context = match doc.context {
        Context::Submission => "Submission",
        Context::Other => "Other",
    };
    let root = Attrs::new()
        .add("xmlns", ODM_NS)
        .add("xmlns:xlink", XLINK_NS)
        .add("xmlns:def", DEF_NS)
        .opt(
            "xmlns:arm",
            (!doc.results.is_empty()).then_some(super::arm::ARM_NS),
        )
        .add("ODMVersion", "1.3.2")
        .add("FileOID", doc.file_oid.as_str())
        .add("FileType", "Snapshot")
        .add("CreationDateTime", doc.creation_datetime.as_str())
        .opt("Originator", doc.originator.as_deref())
        .opt("SourceSystem", doc.source_system.as_deref())
        .opt("SourceSystemVersion", doc.source_system_version.as_deref())
        .add("def:Context", context);
    open(&mut w, "ODM", root)?;
    let s = &doc.study;
    open(&mut w, "Study", Attrs::new().add("OID", s.oid.as_str()))?;
    open(&mut w, "GlobalVariables", Attrs::new())?;
    text(&mut w, "StudyName", Attrs::new(), &s.name)?;
    text(&mut w, "StudyDescription", Attrs::new(), &s.description)?;
    text(&mut w, "ProtocolName", Attrs::new(), &s.protocol_name)?;
    close(&mut w, "GlobalVariables")?;
    let mdv = Attrs::new()
        .add("OID", s.mdv_oid.as_str())
        .add("Name", s.mdv_name.as_str())
        .opt("Description", s.mdv_description.as_deref())
        .add("def:DefineVersion", "2.1.0");
    open(&mut w, "MetaDataVersion", mdv)?;
    standards(&mut w, doc)?;
    if !doc.documents.is_empty() {
        open(&mut w, "def:SupplementalDoc", Attrs::new())?;
        for d in &doc.documents {
            empty(
                &mut w,
                "def:DocumentRef",
                Attrs::new().add("leafID", d.id.as_str()),
            )?;
        }
        close(&mut w, "def:SupplementalDoc")?;
    }
    for ds in &doc.datasets {
        value_lists(&mut w, ds)?;
    }
    where_clauses(&mut w, doc)?;
    for ds in &doc.datasets {
        item_group(&mut w, ds)?;
    }
    items::item_defs(&mut w, doc)?;
    items::codelists(&mut w, doc)?;
    items::methods(&mut w, doc)?;
    items::comments(&mut w, doc)?;
    items::leaves(&mut w, doc)?;
    super::arm::displays(&mut w, doc)?;
    close(&mut w, "MetaDataVersion")?;
    close(&mut w, "Study")?;
    close(&mut w, "ODM")?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    Ok(out)
}

fn standards<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    if doc.standards.is_empty() {
        return Ok(());
    }
    open(w, "def:Standards", Attrs::new())?;
    for st in &doc.standards {
        let kind = match st.kind {
            StandardType::Ig => "IG",
            StandardType::Ct => "CT",
        };
        let a = Attrs::new()
            .add("OID", st.oid.as_str())
            .add("Name", st.name.as_str())
            .add("Type", kind)
            .opt("PublishingSet", st.publishing_set.as_deref())
            .add("Version", st.version.as_str())
            .add("Status", st.status.as_str())
            .opt("def:CommentOID", st.comment.as_deref());
        empty(w, "def:Standard", a)?;
    }
    close(w, "def:Standards")
}

fn value_lists<W: Write>(w: &mut Xml<W>, ds: &DatasetDef) -> io::Result<()> {
    let name = &ds.meta.name;
    for var in &ds.meta.variables {
        let Some(vd) = ds.vars.get(&var.name).filter(|v| !v.value_list.is_empty()) else {
            continue;
        };
        open(
            w,
            "def:ValueListDef",
            Attrs::new().add("OID", oid::value_list(name, &var.name)),
        )?;
        for (i, item) in vd.value_list.iter().enumerate() {
            let a = Attrs::new()
                .add("ItemOID", oid::value_item(name, &var.name, &item.key))
                .add("OrderNumber", (i + 1).to_string())
                .add("Mandatory", yes_no(item.mandatory))
                .opt("MethodOID", item.method.as_deref());
            open(w, "ItemRef", a)?;
            let wc = oid::where_clause(name, item);
            empty(
                w,
                "def:WhereClauseRef",
                Attrs::new().add("WhereClauseOID", wc),
            )?;
            close(w, "ItemRef")?;
        }
        close(w, "def:ValueListDef")?;
    }
    Ok(())
}

/// Every where clause once, in order of first use; value lists of one dataset usually share
/// them (`LBORRES`, `LBORRESU` and `LBSTRESN` for `LBTESTCD = "CK"`).
pub(crate) fn distinct_where_clauses(doc: &DefineDoc) -> Vec<(String, &str, &[Condition])> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for ds in &doc.datasets {
        for item in all_value_items(ds) {
            let wc = oid::where_clause(&ds.meta.name, item);
            if seen.insert(wc.clone()) {
                out.push((wc, ds.meta.name.as_str(), item.conditions.as_slice()));
            }
        }
    }
    out
}

/// `(variable name, item)` pairs of a dataset's value-level metadata, in variable order.
pub(crate) fn all_value_items(ds: &DatasetDef) -> impl Iterator<Item = &ValueItem> {
    ds.meta
        .variables
        .iter()
        .filter_map(|v| ds.vars.get(&v.name))
        .flat_map(|vd| vd.value_list.iter())
}

fn where_clauses<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    let value_level = distinct_where_clauses(doc);
    for (wc, dataset, conditions) in value_level
        .into_iter()
        .chain(super::arm::where_clauses(doc))
    {
        open(w, "def:WhereClauseDef", Attrs::new().add("OID", wc))?;
        for c in conditions {
            let a = Attrs::new()
                .add("Comparator", c.comparator.as_str())
                .add("SoftHard", "Soft")
                .add("def:ItemOID", item_oid(dataset, &c.variable));
            open(w, "RangeCheck", a)?;
            for v in &c.values {
                text(w, "CheckValue", Attrs::new(), v)?;
            }
            close(w, "RangeCheck")?;
        }
        close(w, "def:WhereClauseDef")?;
    }
    Ok(())
}

fn item_group<W: Write>(w: &mut Xml<W>, ds: &DatasetDef) -> io::Result<()> {
    let m = &ds.meta;
    let leaf = oid::leaf(&m.name);
    let a = Attrs::new()
        .add("OID", item_group_oid(&m.name))
        .opt("Domain", ds.domain.as_deref())
        .add("Name", m.name.as_str())
        .add("Repeating", yes_no(ds.repeating))
        .add("IsReferenceData", yes_no(ds.reference_data))
        .opt(
            "SASDatasetName",
            model::text::is_sas_name(&m.name, 8).then_some(m.name.as_str()),
        )
        .add("def:Structure", m.structure.as_deref().unwrap_or(""))
        .add("Purpose", ds.purpose.as_str())
        .opt("def:StandardOID", ds.standard.as_deref())
        .opt("def:CommentOID", ds.comment.as_deref())
        .add("def:ArchiveLocationID", leaf.as_str());
    open(w, "ItemGroupDef", a)?;
    translated(w, "Description", &m.label)?;
    for (i, var) in m.variables.iter().enumerate() {
        let key = ds
            .keys
            .iter()
            .position(|k| k.eq_ignore_ascii_case(&var.name));
        let r = resolved(ds, var);
        let a = Attrs::new()
            .add("ItemOID", item_oid(&m.name, &var.name))
            .add("OrderNumber", (i + 1).to_string())
            .add("Mandatory", yes_no(var.core == Some(Core::Req)))
            .opt("KeySequence", key.map(|k| (k + 1).to_string()))
            .opt("MethodOID", r.method);
        empty(w, "ItemRef", a)?;
    }
    if let Some(class) = &m.class {
        let a = Attrs::new().add("Name", class.as_str());
        match &ds.sub_class {
            Some(sub) => {
                open(w, "def:Class", a)?;
                empty(w, "def:SubClass", Attrs::new().add("Name", sub.as_str()))?;
                close(w, "def:Class")?;
            }
            None => empty(w, "def:Class", a)?,
        }
    }
    let a = Attrs::new()
        .add("ID", leaf.as_str())
        .add("xlink:href", ds.href.as_str());
    open(w, "def:leaf", a)?;
    text(w, "def:title", Attrs::new(), &ds.href)?;
    close(w, "def:leaf")?;
    close(w, "ItemGroupDef")
}
