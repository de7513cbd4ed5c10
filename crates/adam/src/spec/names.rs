//! Names a spec gives: SDTM domains and variables (checked against SDTMIG), ADaM variable
//! and parameter names (SAS names), dates as `DOMAIN.VARIABLE`.

use spec::toml::{Table, Value};
use spec::{Diag, join, type_name};

/// What names are checked against.
pub(super) struct Ctx {
    ig: &'static standards::Ig,
}

impl Ctx {
    pub fn new() -> Ctx {
        Ctx {
            ig: standards::sdtmig(),
        }
    }

    /// The IG's metadata of a domain; SUPP-- datasets share SUPPQUAL's.
    fn meta(&self, domain: &str) -> Option<&'static standards::DomainMeta> {
        if domain.starts_with("SUPP") {
            self.ig.domain("SUPPQUAL")
        } else {
            self.ig.domain(domain)
        }
    }
}

/// A required string key.
pub(super) fn required(t: &Table, k: &str, path: &str, d: &mut Diag) -> Option<String> {
    match t.get(k) {
        None => {
            d.err(path, format!("`{k}` is required here"));
            None
        }
        Some(_) => spec::string(t, k, path, d),
    }
}

/// `domain`: an SDTM dataset name (an IG domain, SUPP--, or a sponsor domain).
pub(super) fn domain(t: &Table, path: &str, _cx: &Ctx, d: &mut Diag) -> Option<String> {
    let name = required(t, "domain", path, d)?.to_ascii_uppercase();
    if !model::text::is_upper_sas_name(&name, 8) {
        d.err(
            &join(path, "domain"),
            format!("`{name}` is not a dataset name"),
        );
        return None;
    }
    Some(name)
}

/// An SDTM variable of `domain`; a name the IG does not know for a known domain is a
/// problem, with the nearest it does know.
pub(super) fn sdtm_var(
    name: &str,
    domain: &str,
    path: &str,
    cx: &Ctx,
    d: &mut Diag,
) -> Option<String> {
    let up = name.to_ascii_uppercase();
    let Some(meta) = cx.meta(domain) else {
        return model::text::is_upper_sas_name(&up, 8)
            .then_some(up.clone())
            .or_else(|| {
                d.err(path, format!("`{name}` is not a variable name"));
                None
            });
    };
    let prefix = if domain.starts_with("SUPP") {
        ""
    } else {
        domain
    };
    if meta.variable_with_prefix(&up, prefix).is_some() {
        return Some(up);
    }
    // The IG names `--` variables generically; the domain's own names are suggested.
    let known: Vec<String> = meta
        .variables()
        .iter()
        .map(|v| match v.name.strip_prefix("--") {
            Some(rest) => format!("{prefix}{rest}"),
            None => v.name.clone(),
        })
        .collect();
    d.near(
        path,
        format!("SDTMIG has no variable `{up}` in {domain}"),
        &up,
        known.iter().map(String::as_str),
    );
    None
}

/// A `DOMAIN.VARIABLE` reference to a date variable.
pub(super) fn date_ref(s: &str, path: &str, cx: &Ctx, d: &mut Diag) -> Option<(String, String)> {
    let Some((dom, var)) = s.split_once('.') else {
        d.err(
            path,
            format!("`{s}`: expected DOMAIN.VARIABLE, e.g. `SV.SVSTDTC`"),
        );
        return None;
    };
    let dom = dom.trim().to_ascii_uppercase();
    let var = sdtm_var(var.trim(), &dom, path, cx, d)?;
    Some((dom, var))
}

/// A list of `DOMAIN.VARIABLE` references.
pub(super) fn date_refs(v: &Value, path: &str, cx: &Ctx, d: &mut Diag) -> Vec<(String, String)> {
    super::select::texts(v, path, d)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| date_ref(s, &format!("{path}[{i}]"), cx, d))
        .collect()
}

/// An ADaM variable or parameter code: an upper-case SAS name of at most 8 characters.
pub(super) fn adam_name(t: &Table, k: &str, path: &str, d: &mut Diag) -> Option<String> {
    let s = required(t, k, path, d)?;
    if model::text::is_upper_sas_name(&s, 8) {
        Some(s)
    } else {
        d.err(
            &join(path, k),
            format!("`{s}` is not an ADaM name (upper case, letters, digits and _, at most 8)"),
        );
        None
    }
}

/// A whole number of days (or any number where a fraction makes sense).
pub(super) fn number(t: &Table, k: &str, path: &str, d: &mut Diag) -> Option<f64> {
    match t.get(k) {
        None => {
            d.err(path, format!("`{k}` is required here"));
            None
        }
        Some(Value::Integer(i)) => Some(*i as f64),
        Some(Value::Float(f)) => Some(*f),
        Some(other) => {
            d.err(
                &join(path, k),
                format!("expected a number, found {}", type_name(other)),
            );
            None
        }
    }
}

/// The longest span of days a spec may name: 100 years. Longer is a typo, and would make a
/// derivation walk days for hours.
pub(super) const MAX_DAYS: i64 = 36_525;

/// A whole number of days from `min` up to [`MAX_DAYS`].
pub(super) fn days(t: &Table, k: &str, path: &str, min: i64, d: &mut Diag) -> Option<i64> {
    let n = number(t, k, path, d)?;
    if n.fract() != 0.0 || n < min as f64 || n > MAX_DAYS as f64 {
        d.err(
            &join(path, k),
            format!("expected a whole number of days from {min} to {MAX_DAYS}, found {n}"),
        );
        return None;
    }
    Some(n as i64)
}
