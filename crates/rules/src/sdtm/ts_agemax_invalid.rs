//! ## What it checks
//! In TS, a populated TSVAL of `TSPARMCD = "AGEMAX"` (planned maximum age of subjects) is an
//! ISO 8601 duration: `P65Y`, `P18M`, `P6W`. A record whose TSVALNF gives a null flavor
//! (`PINF` for no upper limit) is not checked, nor a null TSVAL (SDT0056's).
//!
//! ## Why it matters
//! Registries and the FDA read the eligible age range from TS; `65` or `65 years` cannot be
//! read as an age without guessing its unit.
//!
//! ## Example
//! `TSVAL = "64"` for AGEMAX is reported; `P64Y` is not.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS) and its trial summary codes appendix (AGEMAX as ISO 8601
//! duration); CORE-000294 (rated an error, as here); Pinnacle 21 SD1215.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct TsAgemaxInvalid;

static META: RuleMeta = RuleMeta {
    code: "SDT0094",
    name: "ts_agemax_invalid",
    severity: Severity::Error,
    summary: "TS AGEMAX value is not an ISO 8601 duration",
    refs: &["P21:SD1215", "CORE-000294"],
};

/// An ISO 8601 duration as TS uses it: `PnW`, or `P` with years, months, days and a `T`
/// part of hours, minutes, seconds, in that order, at least one given; only the last may
/// have a decimal fraction.
pub(crate) fn is_iso_duration(s: &str) -> bool {
    let Some(body) = s.strip_prefix('P') else {
        return false;
    };
    if let Some(weeks) = body.strip_suffix('W') {
        return number(weeks, true);
    }
    let (date, time) = match body.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return false,
        None => (body, None),
    };
    let mut parts = Vec::new();
    if !components(date, "YMD", &mut parts)
        || !time.is_none_or(|t| components(t, "HMS", &mut parts))
    {
        return false;
    }
    let last = parts.len().saturating_sub(1);
    !parts.is_empty() && parts.iter().enumerate().all(|(i, p)| number(p, i == last))
}

/// Splits `5Y3M` into its numbers, requiring the designators in the order of `units`.
fn components<'a>(mut s: &'a str, units: &str, out: &mut Vec<&'a str>) -> bool {
    let mut allowed = units;
    while !s.is_empty() {
        let Some(at) = s.find(|c: char| c.is_ascii_alphabetic()) else {
            return false;
        };
        let unit = &s[at..at + 1];
        let Some(pos) = allowed.find(unit) else {
            return false;
        };
        out.push(&s[..at]);
        allowed = &allowed[pos + 1..];
        s = &s[at + 1..];
    }
    true
}

fn number(s: &str, fraction: bool) -> bool {
    let (int, frac) = match s.split_once(['.', ',']) {
        Some((i, f)) if fraction => (i, Some(f)),
        Some(_) => return false,
        None => (s, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

/// Reports each populated TSVAL of `parmcd` without a null flavor that `valid` refuses.
pub(crate) fn check_tsval(
    input: &Input,
    out: &mut Sink<'_>,
    parmcd: &str,
    valid: fn(&str) -> bool,
    want: &str,
) {
    for (row, v) in column(input, "TSPARMCD") {
        if !text(v).is_some_and(|p| p.eq_ignore_ascii_case(parmcd)) {
            continue;
        }
        if get(input, row, "TSVALNF").and_then(text).is_some() {
            continue;
        }
        let Some(val) = get(input, row, "TSVAL").and_then(text) else {
            continue;
        };
        if !valid(val) {
            out.record(
                row,
                &[("TSVAL", val.to_owned()), ("TSPARMCD", parmcd.to_owned())],
                format!("TSVAL `{val}` of TSPARMCD `{parmcd}` is not {want}"),
            );
        }
    }
}

impl Rule for TsAgemaxInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "TS" && input.has("TSPARMCD") && input.has("TSVAL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        check_tsval(
            input,
            out,
            "AGEMAX",
            is_iso_duration,
            "an ISO 8601 duration (P65Y)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_iso_duration;

    #[test]
    fn durations() {
        for ok in [
            "P18Y",
            "P6M",
            "P2W",
            "P1Y6M",
            "P3DT12H",
            "PT36H",
            "P0.5Y",
            "PT1.5S",
            "P1Y2M3DT4H5M6S",
        ] {
            assert!(is_iso_duration(ok), "{ok}");
        }
        for bad in [
            "", "P", "PT", "18", "P18", "18Y", "P18 Y", "p18y", "P6M1Y", "P1.5Y6M", "P1YT", "-P1Y",
            "P1W2D", "P18YEARS",
        ] {
            assert!(!is_iso_duration(bad), "{bad}");
        }
    }
}
