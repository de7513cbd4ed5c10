//! Checks on single values: calendar dates, Period order, extension shape.

use super::{at, push_ptr};
use model::{Finding, IsoDateTime};
use serde_json::{Map, Value};

/// Full-string FHIR date / dateTime / instant shapes whose components do not exist.
pub(super) fn date(out: &mut Vec<Finding>, s: &str, ptr: &str) {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if !(b.len() >= 7 && digits(0..4) && b[4] == b'-' && digits(5..7)) {
        return;
    }
    if b.len() > 7
        && !(b.len() >= 10 && b[7] == b'-' && digits(8..10) && (b.len() == 10 || b[10] == b'T'))
    {
        return;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m) = (num(0..4), num(5..7));
    let bad = if b.len() >= 10 {
        let d = num(8..10);
        i32::try_from(y)
            .ok()
            .and_then(|y| IsoDateTime::date(y, m as u8, d as u8))
            .is_none()
    } else {
        !(1..=12).contains(&m)
    };
    let bad_time = b.len() > 11 && {
        let t = &s[11..];
        let h = t.get(0..2).and_then(|x| x.parse::<u32>().ok());
        let mi = t.get(3..5).and_then(|x| x.parse::<u32>().ok());
        let se = t.get(6..8).and_then(|x| x.parse::<u32>().ok());
        !(h.is_some_and(|h| h < 24) && mi.is_some_and(|m| m < 60) && se.is_none_or(|s| s < 61))
    };
    if bad || bad_time {
        out.push(
            at("FH0058", ptr, format!("`{s}` is not a calendar date/time"))
                .with_value(s.to_owned()),
        );
    }
}

pub(super) fn period(out: &mut Vec<Finding>, obj: &Map<String, Value>, ptr: &str) {
    let allowed = ["id", "extension", "start", "end", "_start", "_end"];
    if !obj.keys().all(|k| allowed.contains(&k.as_str())) {
        return;
    }
    let parse = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<IsoDateTime>().ok())
    };
    if let (Some(s), Some(e)) = (parse("start"), parse("end"))
        && s.is_after(&e)
    {
        out.push(
            at(
                "FH0059",
                ptr,
                format!("Period starts ({s}) after it ends ({e})"),
            )
            .with_ref("per-1"),
        );
    }
}

pub(super) fn extensions(out: &mut Vec<Finding>, v: &Value, ptr: &str) {
    for (i, e) in v.as_array().into_iter().flatten().enumerate() {
        let Some(o) = e.as_object() else { continue };
        let p = push_ptr(ptr, &i.to_string());
        if !o.contains_key("url") {
            out.push(at("FH0066", &push_ptr(&p, "url"), "extension without url"));
        }
        let has_value = o.keys().any(|k| k.starts_with("value"));
        let has_ext = o
            .get("extension")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        if has_value == has_ext {
            out.push(
                at(
                    "FH0066",
                    &p,
                    "an extension has either a value or extensions, not both or neither",
                )
                .with_ref("ext-1"),
            );
        }
    }
}
