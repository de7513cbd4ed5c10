//! Our checks: what neither the schema nor the typed model catches.

use super::{at, push_ptr, tables, values};
use crate::FhirVersion;
use model::Finding;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Every resource in a document with its pointer: the root, `contained` ones and Bundle
/// entries, at any depth.
pub(super) fn resources(root: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    collect(root, String::new(), &mut out);
    out
}

fn collect<'a>(v: &'a Value, ptr: String, out: &mut Vec<(String, &'a Value)>) {
    out.push((ptr.clone(), v));
    if let Some(cs) = v.get("contained").and_then(Value::as_array) {
        for (i, c) in cs.iter().enumerate() {
            collect(c, format!("{ptr}/contained/{i}"), out);
        }
    }
    if let Some(es) = v.get("entry").and_then(Value::as_array) {
        for (i, e) in es.iter().enumerate() {
            if let Some(r) = e.get("resource") {
                collect(r, format!("{ptr}/entry/{i}/resource"), out);
            }
        }
    }
}

struct Ctx {
    version: FhirVersion,
    out: Vec<Finding>,
    /// Bundle fullUrl → resource type.
    urls: BTreeMap<String, String>,
}

/// The contained resources of one container: id → type, and which were referenced.
#[derive(Default)]
struct Scope {
    ids: BTreeMap<String, String>,
    used: BTreeSet<String>,
}

pub(super) fn check(root: &Value, version: FhirVersion) -> Vec<Finding> {
    let mut ctx = Ctx {
        version,
        out: Vec::new(),
        urls: BTreeMap::new(),
    };
    if let Some(es) = root.get("entry").and_then(Value::as_array) {
        for (i, e) in es.iter().enumerate() {
            let (Some(url), Some(rt)) = (
                e.get("fullUrl").and_then(Value::as_str),
                e.pointer("/resource/resourceType").and_then(Value::as_str),
            ) else {
                continue;
            };
            if ctx.urls.insert(url.to_owned(), rt.to_owned()).is_some() {
                let f = at(
                    "FH0069",
                    &format!("/entry/{i}/fullUrl"),
                    format!("fullUrl `{url}` is used by another entry"),
                );
                ctx.out.push(f.with_ref("bdl-7"));
            }
        }
    }
    container(&mut ctx, root, "");
    ctx.out
}

/// A resource that owns its `contained` list: the root or a Bundle entry.
fn container(ctx: &mut Ctx, res: &Value, ptr: &str) {
    let mut scope = Scope::default();
    let contained = res
        .get("contained")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, c) in contained.iter().enumerate() {
        let cp = format!("{ptr}/contained/{i}");
        let rt = c
            .get("resourceType")
            .and_then(Value::as_str)
            .unwrap_or("Resource");
        match c.get("id").and_then(Value::as_str) {
            Some(id) => {
                if scope.ids.insert(id.to_owned(), rt.to_owned()).is_some() {
                    ctx.out.push(at(
                        "FH0071",
                        &format!("{cp}/id"),
                        format!("contained id `{id}` is used twice"),
                    ));
                }
            }
            None => ctx
                .out
                .push(at("FH0071", &cp, "contained resource has no id")),
        }
        if c.get("contained").is_some() {
            ctx.out.push(
                at(
                    "FH0062",
                    &format!("{cp}/contained"),
                    "a contained resource may not contain resources",
                )
                .with_ref("dom-2"),
            );
        }
        if c.pointer("/meta/versionId").is_some() || c.pointer("/meta/lastUpdated").is_some() {
            ctx.out.push(
                at(
                    "FH0064",
                    &format!("{cp}/meta"),
                    "a contained resource may not have meta.versionId or meta.lastUpdated",
                )
                .with_ref("dom-4"),
            );
        }
        if c.pointer("/meta/security").is_some() {
            ctx.out.push(
                at(
                    "FH0065",
                    &format!("{cp}/meta/security"),
                    "a contained resource may not have security labels",
                )
                .with_ref("dom-5"),
            );
        }
    }
    resource(ctx, res, ptr, &mut scope);
    for (i, c) in contained.iter().enumerate() {
        resource(ctx, c, &format!("{ptr}/contained/{i}"), &mut scope);
    }
    for (id, _) in scope.ids.iter().filter(|(id, _)| !scope.used.contains(*id)) {
        let i = contained
            .iter()
            .position(|c| c.get("id").and_then(Value::as_str) == Some(id))
            .unwrap_or(0);
        ctx.out.push(
            at(
                "FH0063",
                &format!("{ptr}/contained/{i}"),
                format!("contained resource `{id}` is not referenced"),
            )
            .with_ref("dom-3"),
        );
    }
}

fn resource(ctx: &mut Ctx, res: &Value, ptr: &str, scope: &mut Scope) {
    let Some(obj) = res.as_object() else { return };
    let rt = obj
        .get("resourceType")
        .and_then(Value::as_str)
        .unwrap_or("Resource");
    object(ctx, obj, rt, ptr, scope);
}

fn object(ctx: &mut Ctx, obj: &Map<String, Value>, path: &str, ptr: &str, scope: &mut Scope) {
    for req in tables::required(ctx.version, path) {
        let present = match req.strip_suffix("[x]") {
            Some(stem) => obj.keys().any(|k| {
                k.strip_prefix(stem)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
            }),
            None => obj.contains_key(*req) || obj.contains_key(&format!("_{req}")),
        };
        if !present {
            ctx.out.push(at(
                "FH0055",
                &push_ptr(ptr, req),
                format!("{path}.{req} is required"),
            ));
        }
    }
    if obj.get("reference").is_some_and(Value::is_string)
        || tables::targets(ctx.version, path).is_some()
    {
        reference(ctx, obj, path, ptr, scope);
    }
    if obj.contains_key("start") || obj.contains_key("end") {
        values::period(&mut ctx.out, obj, ptr);
    }
    for (k, v) in obj {
        let p = push_ptr(ptr, k);
        match k.as_str() {
            "contained" => continue,
            "resource" if path == "Bundle.entry" => {
                container(ctx, v, &p);
                continue;
            }
            "extension" | "modifierExtension" => values::extensions(&mut ctx.out, v, &p),
            _ => {}
        }
        element(ctx, v, &format!("{path}.{k}"), &p, scope);
    }
}

fn element(ctx: &mut Ctx, v: &Value, path: &str, ptr: &str, scope: &mut Scope) {
    match v {
        Value::Null => ctx
            .out
            .push(at("FH0057", ptr, "null is not a value").with_ref("ele-1")),
        Value::String(s) => {
            if s.trim().is_empty() {
                ctx.out
                    .push(at("FH0057", ptr, "empty or blank string").with_ref("ele-1"));
            }
            if let Some(allowed) = tables::codes(ctx.version, path)
                && !allowed.contains(&s.as_str())
            {
                ctx.out.push(
                    at(
                        "FH0056",
                        ptr,
                        format!("`{s}` is not in the required value set of {path}"),
                    )
                    .with_value(s.clone()),
                );
            }
            values::date(&mut ctx.out, s, ptr);
        }
        Value::Array(a) => {
            if a.is_empty() {
                ctx.out
                    .push(at("FH0057", ptr, "empty array").with_ref("ele-1"));
            }
            for (i, x) in a.iter().enumerate() {
                // Primitive arrays keep positions with null where only `_x` has content.
                if !x.is_null() {
                    element(ctx, x, path, &push_ptr(ptr, &i.to_string()), scope);
                }
            }
        }
        Value::Object(o) => {
            if o.is_empty() {
                ctx.out.push(
                    at("FH0057", ptr, "element with no value and no children").with_ref("ele-1"),
                );
            }
            object(ctx, o, path, ptr, scope);
        }
        Value::Bool(_) | Value::Number(_) => {}
    }
}

/// The resource type a reference points at, when the reference says.
fn target(ctx: &Ctx, r: &str, scope: &mut Scope) -> Option<String> {
    if let Some(id) = r.strip_prefix('#') {
        if id.is_empty() {
            return None;
        }
        scope.used.insert(id.to_owned());
        return scope.ids.get(id).cloned();
    }
    if r.starts_with("urn:") {
        return ctx.urls.get(r).cloned();
    }
    let segs: Vec<&str> = r.split('/').collect();
    let n = segs.len();
    let at_history = n >= 4 && segs[n - 2] == "_history";
    let ty = if at_history {
        segs[n - 4]
    } else if n >= 2 {
        segs[n - 2]
    } else {
        return None;
    };
    ty.starts_with(|c: char| c.is_ascii_uppercase())
        .then(|| ty.to_owned())
}

fn reference(ctx: &mut Ctx, obj: &Map<String, Value>, path: &str, ptr: &str, scope: &mut Scope) {
    let r = obj.get("reference").and_then(Value::as_str);
    if r.is_none()
        && !obj.contains_key("identifier")
        && !obj.contains_key("display")
        && !obj.contains_key("extension")
    {
        ctx.out.push(
            at(
                "FH0067",
                ptr,
                "a Reference needs a reference, an identifier or a display",
            )
            .with_ref("ref-2"),
        );
    }
    let declared = obj.get("type").and_then(Value::as_str);
    let resolved = match r {
        Some(r) if r.starts_with('#') && r.len() > 1 => {
            let t = target(ctx, r, scope);
            if t.is_none() {
                ctx.out.push(
                    at(
                        "FH0060",
                        &push_ptr(ptr, "reference"),
                        format!("`{r}` names no contained resource"),
                    )
                    .with_ref("ref-1")
                    .with_value(r.to_owned()),
                );
            }
            t
        }
        Some(r) if r.starts_with("urn:uuid:") && !ctx.urls.is_empty() => {
            let t = target(ctx, r, scope);
            if t.is_none() {
                ctx.out.push(
                    Finding::warning("FH0068", format!("`{r}` is not the fullUrl of any entry"))
                        .with_variable(push_ptr(ptr, "reference")),
                );
            }
            t
        }
        Some(r) => target(ctx, r, scope),
        None => None,
    };
    if let (Some(d), Some(t)) = (declared, &resolved)
        && d != t
    {
        ctx.out.push(at(
            "FH0061",
            &push_ptr(ptr, "type"),
            format!("Reference.type `{d}` but the target is a {t}"),
        ));
    }
    if let Some(allowed) = tables::targets(ctx.version, path) {
        for t in resolved.iter().map(String::as_str).chain(declared) {
            if !allowed.contains(&t) {
                ctx.out.push(
                    at(
                        "FH0061",
                        ptr,
                        format!(
                            "{path} may not point to a {t} (allowed: {})",
                            allowed.join(", ")
                        ),
                    )
                    .with_value(t.to_owned()),
                );
            }
        }
    }
}
