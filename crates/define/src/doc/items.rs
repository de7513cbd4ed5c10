//! `ItemDef`, `CodeList`, `MethodDef`, `def:CommentDef` and document `def:leaf`s.

use super::derive::resolved;
use super::model::{DatasetDef, DefineDoc, MethodType};
use super::oid;
use super::writer::{Attrs, Xml, close, empty, open, text, translated};
use model::oid::item_oid;
use std::io::{self, Write};

pub(crate) fn item_defs<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    for ds in &doc.datasets {
        for var in &ds.meta.variables {
            let r = resolved(ds, var);
            let has_vl = ds
                .vars
                .get(&var.name)
                .is_some_and(|v| !v.value_list.is_empty());
            let a = Attrs::new()
                .add("OID", item_oid(&ds.meta.name, &var.name))
                .add("Name", var.name.as_str())
                .add("DataType", r.data_type.as_str())
                .opt("Length", r.length.map(|n| n.to_string()))
                .opt(
                    "SignificantDigits",
                    r.significant_digits.map(|n| n.to_string()),
                )
                .opt(
                    "SASFieldName",
                    model::text::is_sas_name(&var.name, 8).then_some(var.name.as_str()),
                )
                .opt("def:DisplayFormat", r.display_format)
                .opt("def:CommentOID", r.comment);
            open(w, "ItemDef", a)?;
            translated(w, "Description", &var.label)?;
            if let Some(cl) = &r.codelist {
                empty(
                    w,
                    "CodeListRef",
                    Attrs::new().add("CodeListOID", cl.as_str()),
                )?;
            }
            if let Some((kind, source)) = r.origin {
                origin(w, kind, source, r.origin_description)?;
            }
            if has_vl {
                let vl = oid::value_list(&ds.meta.name, &var.name);
                empty(w, "def:ValueListRef", Attrs::new().add("ValueListOID", vl))?;
            }
            close(w, "ItemDef")?;
        }
    }
    for ds in &doc.datasets {
        value_item_defs(w, ds)?;
    }
    Ok(())
}

fn origin<W: Write>(
    w: &mut Xml<W>,
    kind: &str,
    source: Option<&str>,
    description: Option<&str>,
) -> io::Result<()> {
    let a = Attrs::new().add("Type", kind).opt("Source", source);
    match description {
        Some(d) => {
            open(w, "def:Origin", a)?;
            translated(w, "Description", d)?;
            close(w, "def:Origin")
        }
        None => empty(w, "def:Origin", a),
    }
}

/// Value-level `ItemDef`s inherit the parent variable's name, label and origin.
fn value_item_defs<W: Write>(w: &mut Xml<W>, ds: &DatasetDef) -> io::Result<()> {
    let name = &ds.meta.name;
    for var in &ds.meta.variables {
        let Some(vd) = ds.vars.get(&var.name) else {
            continue;
        };
        let parent = resolved(ds, var);
        for item in &vd.value_list {
            let dt = item.data_type;
            let a = Attrs::new()
                .add("OID", oid::value_item(name, &var.name, &item.key))
                .add("Name", var.name.as_str())
                .add("DataType", dt.as_str())
                .opt(
                    "Length",
                    item.length
                        .filter(|_| dt.has_length())
                        .map(|n| n.to_string()),
                )
                .opt(
                    "SignificantDigits",
                    item.significant_digits
                        .filter(|_| dt == super::model::DataType::Float)
                        .map(|n| n.to_string()),
                )
                .opt(
                    "SASFieldName",
                    model::text::is_sas_name(&var.name, 8).then_some(var.name.as_str()),
                )
                .opt("def:DisplayFormat", item.display_format.as_deref())
                .opt("def:CommentOID", item.comment.as_deref());
            open(w, "ItemDef", a)?;
            let label = match &item.label {
                Some(l) => format!("{} ({l})", var.label),
                None => format!("{} ({})", var.label, item.key),
            };
            translated(w, "Description", &label)?;
            if let Some(cl) = &item.codelist {
                empty(
                    w,
                    "CodeListRef",
                    Attrs::new().add("CodeListOID", cl.as_str()),
                )?;
            }
            if let Some((kind, source)) = parent.origin {
                origin(w, kind, source, parent.origin_description)?;
            }
            close(w, "ItemDef")?;
        }
    }
    Ok(())
}

pub(crate) fn codelists<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    for cl in &doc.codelists {
        let a = Attrs::new()
            .add("OID", cl.oid.as_str())
            .add("Name", cl.name.as_str())
            .add("DataType", cl.data_type.as_str())
            .opt("def:StandardOID", cl.standard.as_deref())
            .opt("def:CommentOID", cl.comment.as_deref());
        open(w, "CodeList", a)?;
        // ODM allows one item form per codelist: decodes anywhere make every item a
        // CodeListItem, and an item without its own decode is decoded as itself.
        let decoded = cl.items.iter().any(|i| i.decode.is_some());
        for (i, item) in cl.items.iter().enumerate() {
            let a = Attrs::new()
                .add("CodedValue", item.coded_value.as_str())
                .add("OrderNumber", (i + 1).to_string())
                .opt("def:ExtendedValue", item.extended.then_some("Yes"));
            let tag = if decoded {
                "CodeListItem"
            } else {
                "EnumeratedItem"
            };
            let alias = item.nci_code.as_deref().filter(|_| !item.extended);
            if !decoded && alias.is_none() {
                empty(w, tag, a)?;
                continue;
            }
            open(w, tag, a)?;
            if decoded {
                let d = item.decode.as_deref().unwrap_or(&item.coded_value);
                translated(w, "Decode", d)?;
            }
            if let Some(code) = alias {
                nci_alias(w, code)?;
            }
            close(w, tag)?;
        }
        if let Some(code) = &cl.nci_code {
            nci_alias(w, code)?;
        }
        close(w, "CodeList")?;
    }
    Ok(())
}

fn nci_alias<W: Write>(w: &mut Xml<W>, code: &str) -> io::Result<()> {
    let a = Attrs::new()
        .add("Context", "nci:ExtCodeID")
        .add("Name", code);
    empty(w, "Alias", a)
}

fn document_refs<W: Write>(w: &mut Xml<W>, ids: &[String]) -> io::Result<()> {
    for id in ids {
        empty(
            w,
            "def:DocumentRef",
            Attrs::new().add("leafID", id.as_str()),
        )?;
    }
    Ok(())
}

pub(crate) fn methods<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    for m in &doc.methods {
        let kind = match m.kind {
            MethodType::Computation => "Computation",
            MethodType::Imputation => "Imputation",
        };
        let a = Attrs::new()
            .add("OID", m.oid.as_str())
            .add("Name", m.name.as_str())
            .add("Type", kind);
        open(w, "MethodDef", a)?;
        translated(w, "Description", &m.description)?;
        if let Some((context, code)) = &m.expression {
            let a = Attrs::new().add("Context", context.as_str());
            text(w, "FormalExpression", a, code)?;
        }
        document_refs(w, &m.documents)?;
        close(w, "MethodDef")?;
    }
    Ok(())
}

pub(crate) fn comments<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    for c in &doc.comments {
        open(w, "def:CommentDef", Attrs::new().add("OID", c.oid.as_str()))?;
        translated(w, "Description", &c.text)?;
        document_refs(w, &c.documents)?;
        close(w, "def:CommentDef")?;
    }
    Ok(())
}

pub(crate) fn leaves<W: Write>(w: &mut Xml<W>, doc: &DefineDoc) -> io::Result<()> {
    for d in &doc.documents {
        let a = Attrs::new()
            .add("ID", d.id.as_str())
            .add("xlink:href", d.href.as_str());
        open(w, "def:leaf", a)?;
        text(w, "def:title", Attrs::new(), &d.title)?;
        close(w, "def:leaf")?;
    }
    Ok(())
}
