//! Partial ISO 8601 date/times as SDTM stores them in `--DTC` variables.
//!
//! SDTMIG §4.4 allows truncation (`2019-03`) and, with a hyphen placeholder, unknown middle
//! components (`2019---07` is "the 7th of an unknown month of 2019"; `-----T07:15` is a time
//! on an unknown date). Only the extended format is accepted: `20190307` is not SDTM.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A time-zone designator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeZone {
    Utc,
    /// Offset east of UTC in minutes (`+09:00` is 540).
    Offset(i16),
}

impl TimeZone {
    fn minutes(self) -> i64 {
        match self {
            TimeZone::Utc => 0,
            TimeZone::Offset(m) => i64::from(m),
        }
    }
}

/// A date/time where any component may be unknown. Equality is structural; ordering is
/// [`IsoDateTime::compare`], which refuses to guess.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct IsoDateTime {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub hour: Option<u8>,
    pub minute: Option<u8>,
    pub second: Option<u8>,
    /// Decimal fraction of the second, digits only, kept as written so printing is exact.
    pub fraction: Option<String>,
    pub tz: Option<TimeZone>,
    /// Whether a `T` time part was written (it is, whenever any time component is known).
    has_time: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IsoError {
    #[error("empty date/time")]
    Empty,
    #[error("`{text}` is not ISO 8601 (at character {pos}: {why})")]
    Syntax {
        text: String,
        pos: usize,
        why: &'static str,
    },
    #[error("`{text}`: {component} `{value}` is out of range")]
    Range {
        text: String,
        component: &'static str,
        value: u32,
    },
}

impl IsoDateTime {
    /// A complete calendar date; `None` when the date does not exist.
    pub fn date(year: i32, month: u8, day: u8) -> Option<IsoDateTime> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(Some(year), month)).then_some(())?;
        Some(IsoDateTime {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            ..Default::default()
        })
    }

    /// The calendar date `days` days after 1970-01-01.
    pub fn from_epoch_days(days: i64) -> IsoDateTime {
        let (y, m, d) = civil_from_days(days);
        IsoDateTime {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            ..Default::default()
        }
    }

    /// A SAS date (days since 1960-01-01) as a calendar date.
    pub fn from_sas_date(days: i64) -> IsoDateTime {
        IsoDateTime::from_epoch_days(days - SAS_EPOCH_OFFSET)
    }

    pub fn has_time(&self) -> bool {
        self.has_time
    }

    /// True when year, month and day are all known.
    pub fn is_full_date(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// True when nothing is unknown down to the day and any time written has no gaps.
    pub fn is_complete_date_time(&self) -> bool {
        self.is_full_date() && self.hour.is_some() && self.minute.is_some()
    }

    /// Only the date part.
    pub fn date_part(&self) -> IsoDateTime {
        IsoDateTime {
            year: self.year,
            month: self.month,
            day: self.day,
            ..Default::default()
        }
    }

    /// Days since 1970-01-01, when the date is complete.
    pub fn epoch_days(&self) -> Option<i64> {
        Some(days_from_civil(self.year?, self.month?, self.day?))
    }

    /// SAS date value (days since 1960-01-01), when the date is complete.
    pub fn sas_date(&self) -> Option<i64> {
        self.epoch_days().map(|d| d + SAS_EPOCH_OFFSET)
    }

    /// Orders two values when, and only when, the known components decide it.
    ///
    /// `2019` vs `2019-03` is `None` (March may be before or after "some time in 2019"
    /// ... it is inside it), `2019` vs `2020-03` is `Less`, and equality needs the same
    /// precision. Different time zones are normalised when both values are complete to the
    /// minute; otherwise they are compared only when their dates are three or more days apart.
    pub fn compare(&self, other: &IsoDateTime) -> Option<Ordering> {
        if self.tz != other.tz {
            return self.compare_across_zones(other);
        }
        let a = self.components();
        let b = other.components();
        for i in 0..a.len() {
            match (a[i], b[i]) {
                (Some(x), Some(y)) if x != y => return Some(x.cmp(&y)),
                (Some(_), Some(_)) => {}
                _ => {
                    let rest_unknown = a[i..].iter().chain(&b[i..]).all(Option::is_none);
                    return (rest_unknown && self.fraction == other.fraction)
                        .then_some(Ordering::Equal);
                }
            }
        }
        compare_fractions(self.fraction.as_deref(), other.fraction.as_deref())
    }

    /// True only when `self` is known to be strictly before `other`.
    pub fn is_before(&self, other: &IsoDateTime) -> bool {
        self.compare(other) == Some(Ordering::Less)
    }

    /// True only when `self` is known to be strictly after `other`.
    pub fn is_after(&self, other: &IsoDateTime) -> bool {
        self.compare(other) == Some(Ordering::Greater)
    }

    fn components(&self) -> [Option<i64>; 6] {
        [
            self.year.map(i64::from),
            self.month.map(i64::from),
            self.day.map(i64::from),
            self.hour.map(i64::from),
            self.minute.map(i64::from),
            self.second.map(i64::from),
        ]
    }

    fn utc_minutes(&self) -> Option<i64> {
        let days = self.epoch_days()?;
        let (h, m) = (i64::from(self.hour?), i64::from(self.minute?));
        Some(days * 1440 + h * 60 + m - self.tz?.minutes())
    }

    fn compare_across_zones(&self, other: &IsoDateTime) -> Option<Ordering> {
        if let (Some(a), Some(b)) = (self.utc_minutes(), other.utc_minutes()) {
            if a != b {
                return Some(a.cmp(&b));
            }
            let sec = |d: &IsoDateTime| d.second.map(i64::from);
            return match (sec(self), sec(other)) {
                (Some(x), Some(y)) if x != y => Some(x.cmp(&y)),
                (Some(_), Some(_)) => {
                    compare_fractions(self.fraction.as_deref(), other.fraction.as_deref())
                }
                (None, None) => Some(Ordering::Equal),
                _ => None,
            };
        }
        let (a, b) = (self.epoch_days()?, other.epoch_days()?);
        ((a - b).abs() >= 3).then(|| a.cmp(&b))
    }
}

/// SDTM study day of `date` relative to `reference` (usually RFSTDTC): the reference day is
/// day 1, the day before it is day −1; there is no day 0. `None` unless both dates are complete.
pub fn study_day(reference: &IsoDateTime, date: &IsoDateTime) -> Option<i64> {
    let diff = date.epoch_days()? - reference.epoch_days()?;
    Some(if diff >= 0 { diff + 1 } else { diff })
}

/// The calendar date of a study day (the inverse of [`study_day`]); `None` for day 0.
pub fn date_of_study_day(reference: &IsoDateTime, day: i64) -> Option<IsoDateTime> {
    let offset = match day.cmp(&0) {
        Ordering::Greater => day - 1,
        Ordering::Less => day,
        Ordering::Equal => return None,
    };
    Some(IsoDateTime::from_epoch_days(
        reference.epoch_days()? + offset,
    ))
}

/// Days between 1960-01-01 (SAS) and 1970-01-01 (Unix).
const SAS_EPOCH_OFFSET: i64 = 3653;

fn compare_fractions(a: Option<&str>, b: Option<&str>) -> Option<Ordering> {
    match (a, b) {
        (None, None) => Some(Ordering::Equal),
        (Some(x), Some(y)) => {
            let n = x.len().max(y.len());
            Some(format!("{x:0<n$}").cmp(&format!("{y:0<n$}")))
        }
        _ => None,
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// With the year unknown, 29 February is allowed: some year has it.
fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_none_or(is_leap) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn err(&self, why: &'static str) -> IsoError {
        IsoError::Syntax {
            text: self.text.to_owned(),
            pos: self.pos + 1,
            why,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.pos += usize::from(hit);
        hit
    }

    fn digits(&mut self, n: usize, what: &'static str) -> Result<u32, IsoError> {
        let end = self.pos + n;
        let s = self
            .bytes
            .get(self.pos..end)
            .filter(|s| s.iter().all(u8::is_ascii_digit));
        let s = s.ok_or_else(|| self.err(what))?;
        self.pos = end;
        Ok(s.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    }

    /// A component or its `-` placeholder. `Ok(None)` means the placeholder.
    fn component(&mut self, n: usize, what: &'static str) -> Result<Option<u32>, IsoError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
            return Ok(None);
        }
        self.digits(n, what).map(Some)
    }

    fn at_end_of_date(&self) -> bool {
        matches!(self.peek(), None | Some(b'T'))
    }

    fn at_end_of_time(&self) -> bool {
        matches!(self.peek(), None | Some(b'Z' | b'+' | b'-'))
    }

    fn tz(&mut self) -> Result<Option<TimeZone>, IsoError> {
        match self.peek() {
            None => Ok(None),
            Some(b'Z') => {
                self.pos += 1;
                Ok(Some(TimeZone::Utc))
            }
            Some(sign @ (b'+' | b'-')) => {
                self.pos += 1;
                let h = self.digits(2, "time-zone hours must be two digits")?;
                let colon = self.eat(b':');
                let m = if colon || self.peek().is_some() {
                    self.digits(2, "time-zone minutes must be two digits")?
                } else {
                    0
                };
                if h > 14 || m > 59 {
                    return Err(self.err("time-zone offset out of range"));
                }
                let total = (h * 60 + m) as i16;
                Ok(Some(TimeZone::Offset(if sign == b'-' {
                    -total
                } else {
                    total
                })))
            }
            Some(_) => Err(self.err("unexpected character")),
        }
    }
}

impl FromStr for IsoDateTime {
    type Err = IsoError;

    fn from_str(text: &str) -> Result<IsoDateTime, IsoError> {
        if text.is_empty() {
            return Err(IsoError::Empty);
        }
        let mut p = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        };
        let mut v = IsoDateTime::default();
        // Each slot records whether the component was written as a placeholder, so that a
        // trailing placeholder (`2019-`) can be rejected: truncation is written by omission.
        let year = if p.peek() == Some(b'-') {
            p.pos += 1;
            None
        } else {
            Some(p.digits(4, "year must be four digits")?)
        };
        v.year = year.map(|y| y as i32);
        let mut last_known = year.is_some();
        if !p.at_end_of_date() {
            if !(p.eat(b'-')) {
                return Err(p.err("expected `-` after the year"));
            }
            let month = p.component(2, "month must be two digits")?;
            last_known = month.is_some();
            v.month = month.map(|m| m as u8);
            if !p.at_end_of_date() {
                if !p.eat(b'-') {
                    return Err(p.err("expected `-` after the month"));
                }
                let day = p.component(2, "day must be two digits")?;
                last_known = day.is_some();
                v.day = day.map(|d| d as u8);
            }
        }
        if p.eat(b'T') {
            v.has_time = true;
            let hour = p.component(2, "hour must be two digits")?;
            last_known = hour.is_some();
            v.hour = hour.map(|h| h as u8);
            if !p.at_end_of_time() || (hour.is_none() && p.peek() == Some(b':')) {
                if !p.eat(b':') {
                    return Err(p.err("expected `:` after the hour"));
                }
                let minute = p.component(2, "minute must be two digits")?;
                last_known = minute.is_some();
                v.minute = minute.map(|m| m as u8);
                if !p.at_end_of_time() || (minute.is_none() && p.peek() == Some(b':')) {
                    if !p.eat(b':') {
                        return Err(p.err("expected `:` after the minute"));
                    }
                    let second = p.digits(2, "second must be two digits")?;
                    last_known = true;
                    v.second = Some(second as u8);
                    if p.eat(b'.') {
                        let start = p.pos;
                        while p.peek().is_some_and(|b| b.is_ascii_digit()) {
                            p.pos += 1;
                        }
                        if p.pos == start {
                            return Err(p.err("expected digits after the decimal point"));
                        }
                        v.fraction = Some(text[start..p.pos].to_owned());
                    }
                }
            }
            if last_known {
                v.tz = p.tz()?;
            }
        }
        if p.peek().is_some() {
            return Err(p.err("unexpected character"));
        }
        if !last_known {
            return Err(p.err("a date/time cannot end with an unknown component"));
        }
        v.check_ranges(text)?;
        Ok(v)
    }
}

impl IsoDateTime {
    fn check_ranges(&self, text: &str) -> Result<(), IsoError> {
        let range = |component, value: u32| IsoError::Range {
            text: text.to_owned(),
            component,
            value,
        };
        if let Some(m) = self.month.filter(|m| !(1..=12).contains(m)) {
            return Err(range("month", m.into()));
        }
        if let Some(d) = self.day {
            let max = self.month.map_or(31, |m| days_in_month(self.year, m));
            if d == 0 || d > max {
                return Err(range("day", d.into()));
            }
        }
        if let Some(h) = self.hour.filter(|h| *h > 23) {
            return Err(range("hour", h.into()));
        }
        if let Some(m) = self.minute.filter(|m| *m > 59) {
            return Err(range("minute", m.into()));
        }
        if let Some(s) = self.second.filter(|s| *s > 59) {
            return Err(range("second", s.into()));
        }
        Ok(())
    }
}

impl fmt::Display for IsoDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Print up to the last known component; unknown ones before it become `-`.
        let date = [self.month.is_some(), self.day.is_some()];
        let date_len = if self.has_time {
            2
        } else {
            date.iter().rposition(|k| *k).map_or(0, |i| i + 1)
        };
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("-")?,
        }
        for c in [self.month, self.day].iter().take(date_len) {
            match c {
                Some(n) => write!(f, "-{n:02}")?,
                None => f.write_str("--")?,
            }
        }
        if self.has_time {
            let time = [self.hour, self.minute, self.second];
            let time_len = time.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
            f.write_str("T")?;
            for (i, c) in time.iter().take(time_len).enumerate() {
                if i > 0 {
                    f.write_str(":")?;
                }
                match c {
                    Some(n) => write!(f, "{n:02}")?,
                    None => f.write_str("-")?,
                }
            }
            if let Some(frac) = &self.fraction {
                write!(f, ".{frac}")?;
            }
            match self.tz {
                None => {}
                Some(TimeZone::Utc) => f.write_str("Z")?,
                Some(TimeZone::Offset(m)) => {
                    let sign = if m < 0 { '-' } else { '+' };
                    let a = m.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)?;
                }
            }
        }
        Ok(())
    }
}

impl Serialize for IsoDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IsoDateTime, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
