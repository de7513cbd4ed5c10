//! ISO 8601 dates and durations: `invalid_date`, `is_complete_date` / `is_incomplete_date`,
//! `date_equal_to` … `date_greater_than_or_equal_to` (optionally on one `date_component`) and
//! `invalid_duration`.
//!
//! CORE semantics: a date is valid when it matches SDTM's ISO 8601 pattern (uncertain parts
//! as `-`, intervals with `/`) and, without uncertainty, is a real calendar date; the empty
//! value is not valid. A date is complete when Python's `datetime.fromisoformat` reads it
//! (full date, optional time). Comparisons are false when either side is empty and are made
//! at the precision both dates share (see `at_common_precision`).

use super::datetime::{calendar_ok, instant, parts, precision, stamp, truncate};
use super::strings::compile;
use super::{Reach, comparator, per_text, target};
use crate::error::EvalError;
use crate::frame::{Cell, Frame};
use crate::plan::Leaf;
use std::borrow::Cow;
use std::sync::OnceLock;

pub const OPERATORS: &[&str] = &[
    "invalid_date",
    "is_complete_date",
    "is_incomplete_date",
    "date_equal_to",
    "date_not_equal_to",
    "date_less_than",
    "date_less_than_or_equal_to",
    "date_greater_than",
    "date_greater_than_or_equal_to",
    "invalid_duration",
];

const DATE: &str = r"^((-?[0-9]{4}|-)(-(1[0-2]|0[1-9]|-)(-(3[01]|0[1-9]|[12][0-9]|-)(T(2[0-3]|[01][0-9]|-)(:([0-5][0-9]|-)((:([0-5][0-9]|-))?(\.[0-9]+)?((Z|[+-](:2[0-3]|[01][0-9]):[0-5][0-9]))?)?)?)?)?)?)(\/((-?[0-9]{4}|-)(-(1[0-2]|0[1-9]|-)(-(3[01]|0[1-9]|[12][0-9]|-)(T(2[0-3]|[01][0-9]|-)(:([0-5][0-9]|-)((:([0-5][0-9]|-))?(\.[0-9]+)?((Z|[+-](:2[0-3]|[01][0-9]):[0-5][0-9]))?)?)?)?)?)?))?$";
const DURATION: &str = r"^-?P(?!$)(?:(?:(\d+(?:[.,]\d*)?Y)?,?(\d+(?:[.,]\d*)?M)?,?(\d+(?:[.,]\d*)?D)?,?(T(?=\d)(?:(\d+(?:[.,]\d*)?H)?,?(\d+(?:[.,]\d*)?M)?,?(\d+(?:[.,]\d*)?S)?)?)?)|(\d+(?:[.,]\d*)?W))$";

/// A date's validity and completeness read its row alone; comparisons reach the column (an
/// unparseable date anywhere in it is an error), and durations are left with them.
pub fn reach(op: &str) -> Reach {
    match op {
        "invalid_date" | "is_complete_date" | "is_incomplete_date" => Reach::Row,
        _ => Reach::Column,
    }
}

pub fn eval(leaf: &Leaf, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let t = target(leaf, frame)?;
    let text = |c: &Cell| c.as_str().map(str::to_owned).unwrap_or_default();
    match leaf.operator.as_str() {
        "invalid_date" => per_text(t, false, as_text, |s| Ok(!valid_date(s)?)),
        "is_complete_date" => per_text(t, false, as_text, |s| Ok(complete(s))),
        "is_incomplete_date" => per_text(t, false, as_text, |s| Ok(!complete(s))),
        "invalid_duration" => {
            let re = regex(DURATION)?;
            let negative_ok = leaf.negative != Some(false);
            t.iter()
                .map(|c| {
                    let s = if c.is_empty() {
                        "nan".to_owned()
                    } else {
                        c.report()
                    };
                    let ok = (negative_ok || !s.starts_with('-')) && duration_ok(re, &s)?;
                    Ok(!ok)
                })
                .collect()
        }
        op => {
            let c = comparator(leaf, frame);
            let component = leaf.date_component.as_deref();
            (0..t.len())
                .map(|i| {
                    let (a, b) = (text(&t[i]), text(c.at(i)));
                    if a.is_empty() || b.is_empty() {
                        return Ok(false);
                    }
                    if component.is_some() {
                        let (x, y) = (stamp(&a, component)?, stamp(&b, component)?);
                        return Ok(apply(op, x, y));
                    }
                    at_common_precision(op, &a, &b)
                })
                .collect()
        }
    }
}

/// A cell's text as a date; a non-text cell is judged as the empty text.
fn as_text(c: &Cell) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(c.as_str().unwrap_or("")))
}

fn apply(op: &str, x: i64, y: i64) -> bool {
    match op {
        "date_equal_to" => x == y,
        "date_not_equal_to" => x != y,
        "date_less_than" => x < y,
        "date_less_than_or_equal_to" => x <= y,
        "date_greater_than" => x > y,
        _ => x >= y,
    }
}

/// CORE compares two dates at the precision they share: dates of different precision are
/// never equal; an ordering decided at the shared precision stands, and a tie is broken on
/// the full values (missing parts as January 1st, 00:00) when the target is the more precise.
fn at_common_precision(op: &str, a: &str, b: &str) -> Result<bool, EvalError> {
    let bad = |s: &str| EvalError::Invalid(format!("unparseable date `{s}`"));
    let (pa, pb) = (
        parts(a).ok_or_else(|| bad(a))?,
        parts(b).ok_or_else(|| bad(b))?,
    );
    let (na, nb) = (precision(a), precision(b));
    match op {
        "date_equal_to" => return Ok(na == nb && pa == pb),
        "date_not_equal_to" => return Ok(na != nb || pa != pb),
        _ => {}
    }
    let n = na.min(nb);
    let (ta, tb) = (instant(&truncate(pa, n)), instant(&truncate(pb, n)));
    if ta == tb && na > nb {
        return Ok(apply(op, instant(&pa), instant(&pb)));
    }
    Ok(apply(op, ta, tb))
}

fn regex(p: &'static str) -> Result<&'static fancy_regex::Regex, EvalError> {
    static DATE_RE: OnceLock<Result<fancy_regex::Regex, EvalError>> = OnceLock::new();
    static DUR_RE: OnceLock<Result<fancy_regex::Regex, EvalError>> = OnceLock::new();
    let cell = if p == DATE { &DATE_RE } else { &DUR_RE };
    cell.get_or_init(|| compile(p))
        .as_ref()
        .map_err(Clone::clone)
}

fn valid_date(s: &str) -> Result<bool, EvalError> {
    let m = regex(DATE)?.is_match(s).unwrap_or(false);
    if !m {
        return Ok(false);
    }
    if ["/", "--", "-:"].iter().any(|u| s.contains(u)) {
        return Ok(true);
    }
    Ok(parts(s).is_some_and(|p| calendar_ok(&p)))
}

fn duration_ok(re: &fancy_regex::Regex, s: &str) -> Result<bool, EvalError> {
    let Some(c) = re.captures(s).ok().flatten() else {
        return Ok(false);
    };
    let g = |i: usize| c.get(i).map(|m| m.as_str());
    if g(4).is_some() && g(5).is_none() && g(6).is_none() && g(7).is_none() {
        return Ok(false);
    }
    let comps: Vec<&str> = [1, 2, 8, 3, 5, 6, 7].iter().filter_map(|&i| g(i)).collect();
    let decimals: Vec<usize> = comps
        .iter()
        .enumerate()
        .filter(|(_, c)| c.contains(['.', ',']))
        .map(|(i, _)| i)
        .collect();
    Ok(decimals.len() <= 1 && decimals.iter().all(|&i| i + 1 == comps.len()))
}

/// Python 3.11+ `datetime.fromisoformat`: a full calendar date, optionally a time.
fn complete(s: &str) -> bool {
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let full = date.len() == 10
        && date.as_bytes().get(4) == Some(&b'-')
        && date.as_bytes().get(7) == Some(&b'-');
    let compact = date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit());
    let ymd = if full {
        [&date[0..4], &date[5..7], &date[8..10]]
    } else if compact {
        [&date[0..4], &date[4..6], &date[6..8]]
    } else {
        return false;
    };
    if !ymd.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let n = |x: &str| x.parse::<i64>().unwrap_or(0);
    if !calendar_ok(&[n(ymd[0]), n(ymd[1]), n(ymd[2]), 0, 0, 0]) {
        return false;
    }
    match time {
        None => true,
        Some(t) => {
            let t = t.trim_end_matches('Z');
            let t = t.split(['+', '-']).next().unwrap_or("");
            let (hms, frac) = t.split_once('.').unwrap_or((t, ""));
            let fields: Vec<&str> = hms.split(':').collect();
            let ok_num = |x: &str, max: i64| {
                x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit()) && n(x) <= max
            };
            !fields.is_empty()
                && fields.len() <= 3
                && ok_num(fields[0], 23)
                && fields.iter().skip(1).all(|f| ok_num(f, 59))
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{frame, leaf, s};
    use serde_json::json;

    #[test]
    fn a_repeated_date_is_judged_like_each_of_its_copies() {
        let shared = s("2020-01-06");
        let f = frame(
            "LB",
            &[(
                "LBDTC",
                vec![
                    shared.clone(),
                    shared.clone(),
                    s("2020-02-30"),
                    Cell::Null,
                    s("2020-01-06"),
                    shared,
                    Cell::Num(1.0),
                ],
            )],
        );
        let invalid = eval(&leaf("LBDTC", "invalid_date", None), &f);
        assert_eq!(
            invalid,
            Ok(vec![false, false, true, true, false, false, true])
        );
        let complete = eval(&leaf("LBDTC", "is_complete_date", None), &f);
        assert_eq!(
            complete,
            Ok(vec![true, true, false, false, true, true, false])
        );
        let incomplete = eval(&leaf("LBDTC", "is_incomplete_date", None), &f);
        assert_eq!(
            incomplete,
            Ok(vec![false, false, true, true, false, false, true])
        );
    }

    #[test]
    fn validity_and_completeness() {
        let f = frame(
            "AE",
            &[(
                "AESTDTC",
                vec![
                    s("2021-02-28"),
                    s("2021-02-30"),
                    s("2021---15"),
                    s("2021-03"),
                ],
            )],
        );
        assert_eq!(
            eval(&leaf("AESTDTC", "invalid_date", None), &f),
            Ok(vec![false, true, false, false])
        );
        assert_eq!(
            eval(&leaf("AESTDTC", "is_incomplete_date", None), &f),
            Ok(vec![false, true, true, true])
        );
    }

    #[test]
    fn comparisons_ignore_empty_sides() {
        let f = frame(
            "AE",
            &[
                ("AESTDTC", vec![s("2021-02-28"), s("2021-01")]),
                ("AEENDTC", vec![s("2021-02-01"), s("")]),
            ],
        );
        let l = leaf("AESTDTC", "date_greater_than", Some(json!("AEENDTC")));
        assert_eq!(eval(&l, &f), Ok(vec![true, false]));
        let d = frame("TS", &[("TSVAL", vec![s("P1D"), s("1D"), s("PT")])]);
        assert_eq!(
            eval(&leaf("TSVAL", "invalid_duration", None), &d),
            Ok(vec![false, true, true])
        );
    }
}
