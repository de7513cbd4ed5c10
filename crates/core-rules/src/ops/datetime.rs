//! Reading ISO 8601 dates as CORE (dateutil) does: components, precision, comparable instants.
//! Not an operator family; the date operators and date operations use it.

use crate::error::EvalError;

/// How many of year, month, day, hour, minute, second a date gives.
pub(crate) fn precision(s: &str) -> usize {
    let s = s.trim();
    // dateutil also reads a space between date and time (`2006-01-01 00:00:00`).
    let (date, time) = s.split_once(['T', ' ']).unwrap_or((s, ""));
    let time = time.split(['Z', '+', '-']).next().unwrap_or("");
    date.split('-').filter(|p| !p.is_empty()).count().min(3)
        + time.split(':').filter(|p| !p.is_empty()).count().min(3)
}

pub(crate) fn truncate(mut p: [i64; 6], n: usize) -> [i64; 6] {
    for (i, v) in p.iter_mut().enumerate().skip(n) {
        *v = if i < 3 { 1 } else { 0 };
    }
    p
}

pub(crate) fn instant(p: &[i64; 6]) -> i64 {
    ((((p[0] * 13 + p[1]) * 32 + p[2]) * 24 + p[3]) * 60 + p[4]) * 60 + p[5]
}

/// Year, month, day, hour, minute, second (missing parts as dateutil fills them).
pub(crate) fn parts(s: &str) -> Option<[i64; 6]> {
    // dateutil ignores surrounding blanks (tabs included).
    let s = s.trim();
    // dateutil also reads a space between date and time (`2006-01-01 00:00:00`).
    let (date, time) = s.split_once(['T', ' ']).unwrap_or((s, ""));
    let mut d = date.split('-').filter(|p| !p.is_empty());
    let year: i64 = d.next()?.parse().ok()?;
    let month: i64 = d.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = d.next().map_or(Some(1), |m| m.parse().ok())?;
    let time = time.split(['Z', '+', '-']).next().unwrap_or("");
    let mut t = time.split(':').filter(|p| !p.is_empty());
    let hour: i64 = t.next().map_or(Some(0), |m| m.parse().ok())?;
    let minute: i64 = t.next().map_or(Some(0), |m| m.parse().ok())?;
    let second: i64 = t.next().map_or(Some(0.0), |m| m.parse::<f64>().ok())? as i64;
    Some([year, month, day, hour, minute, second])
}

pub(crate) fn calendar_ok(p: &[i64; 6]) -> bool {
    let leap = (p[0] % 4 == 0 && p[0] % 100 != 0) || p[0] % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&p[1]) && p[2] >= 1 && p[2] <= days[(p[1] - 1) as usize]
}

/// A sortable instant for a (possibly partial) ISO 8601 date, as the comparisons use.
pub(crate) fn sort_key(s: &str) -> Option<i64> {
    stamp(s, None).ok()
}

/// Days since 1970-01-01 of a value's full date portion (`YYYY-MM-DD`), if it has one.
pub(crate) fn day_number(s: &str) -> Option<i64> {
    let date = s.get(..10)?;
    let b = date.as_bytes();
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (y, m, d) = (
        date[..4].parse::<i64>().ok()?,
        date[5..7].parse::<i64>().ok()?,
        date[8..].parse::<i64>().ok()?,
    );
    if !calendar_ok(&[y, m, d, 0, 0, 0]) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The comparable value of a date (or of one component of it).
pub(crate) fn stamp(s: &str, component: Option<&str>) -> Result<i64, EvalError> {
    let p = parts(s).ok_or_else(|| EvalError::Invalid(format!("unparseable date `{s}`")))?;
    Ok(match component {
        Some("year") => p[0],
        Some("month") => p[1],
        Some("day") => p[2],
        Some("hour") => p[3],
        Some("minute") => p[4],
        Some("second") => p[5],
        _ => instant(&p),
    })
}
