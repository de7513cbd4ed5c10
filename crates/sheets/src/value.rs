//! Cell values as the sheet holds them, before any mapping decides what they mean.

use crate::serial::{DateSystem, SerialError, serial_to_iso};
use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
use model::{CellRef, IsoDateTime};

/// A date cell: the calendar value, and the Excel serial it came from (none for ODS, which
/// stores ISO text).
#[derive(Debug, Clone, PartialEq)]
pub struct CellDate {
    pub value: IsoDateTime,
    pub serial: Option<(f64, DateSystem)>,
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RawValue {
    #[default]
    Empty,
    /// Text as written, untrimmed (see [`crate::text`] for the normalized form).
    Text(String),
    /// A number; a duration cell (`[h]:mm`) is its number of days.
    Number(f64),
    Bool(bool),
    /// A date, date-time or time-of-day cell (ODS time-only cells are durations, kept as text).
    /// Boxed: a date is three times the size of the other kinds, and a table holds a value
    /// per cell (reading the benchmark's 200,000-row lab sheet peaked at 140 MB unboxed,
    /// 108 MB boxed).
    Date(Box<CellDate>),
    /// An Excel error value, as Excel prints it: `#N/A`, `#DIV/0!`, `#VALUE!`, ...
    Error(String),
}

impl RawValue {
    /// Empty, or text that is only whitespace: what a reader of the sheet sees as blank.
    pub fn is_blank(&self) -> bool {
        match self {
            RawValue::Empty => true,
            RawValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// A short description for messages: `text \`abc\``, `number 12.5`, `date 2016-03-01`.
    pub fn describe(&self) -> String {
        match self {
            RawValue::Empty => "an empty cell".to_owned(),
            RawValue::Text(s) => format!("text `{s}`"),
            RawValue::Number(n) => format!("number `{n}`"),
            RawValue::Bool(b) => format!("boolean `{}`", if *b { "TRUE" } else { "FALSE" }),
            RawValue::Date(d) => format!("date `{}`", d.value),
            RawValue::Error(e) => format!("error `{e}`"),
        }
    }
}

/// A value and the cell it was read from. The file and sheet live once on the
/// [`crate::RawTable`]; [`crate::RawTable::source`] makes a [`model::SourceCell`] on demand.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCell {
    pub value: RawValue,
    pub cell: CellRef,
}

/// Why a calamine value could not become a [`RawValue`] as is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ConvertIssue {
    Serial(SerialError),
}

/// Moves a calamine value into ours. A serial the calendar cannot hold stays a number, with
/// the issue returned so the caller can point a finding at the cell.
pub(crate) fn from_data(data: Data) -> (RawValue, Option<ConvertIssue>) {
    match data {
        Data::Empty => (RawValue::Empty, None),
        Data::String(s) if s.is_empty() => (RawValue::Empty, None),
        Data::String(s) => (RawValue::Text(s), None),
        Data::Int(i) => (RawValue::Number(i as f64), None),
        Data::Float(f) => (RawValue::Number(f), None),
        Data::Bool(b) => (RawValue::Bool(b), None),
        Data::Error(e) => (RawValue::Error(e.to_string()), None),
        Data::DateTime(dt) if dt.is_duration() => (RawValue::Number(dt.as_f64()), None),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            let system = date_system(&dt);
            match serial_to_iso(serial, system) {
                Ok(value) => (
                    RawValue::Date(Box::new(CellDate {
                        value,
                        serial: Some((serial, system)),
                    })),
                    None,
                ),
                Err(e) => (RawValue::Number(serial), Some(ConvertIssue::Serial(e))),
            }
        }
        Data::DateTimeIso(s) => match iso_from_ods(&s) {
            Some(value) => (
                RawValue::Date(Box::new(CellDate {
                    value,
                    serial: None,
                })),
                None,
            ),
            None => (RawValue::Text(s), None),
        },
        // ODS durations (`PT08H30M00S`) are kept as written: a duration is not a date.
        Data::DurationIso(s) => (RawValue::Text(s), None),
    }
}

/// calamine keeps the 1904 flag private, but equality compares it, so rebuilding the value
/// under the 1904 system tells which one it is.
fn date_system(dt: &ExcelDateTime) -> DateSystem {
    if *dt == ExcelDateTime::new(dt.as_f64(), ExcelDateTimeType::DateTime, true) {
        DateSystem::Excel1904
    } else {
        DateSystem::Excel1900
    }
}

/// ODS writes `2016-03-01` or `2016-03-01T08:30:00`; a midnight time is dropped for the same
/// reason as for Excel serials (see [`serial_to_iso`]).
fn iso_from_ods(s: &str) -> Option<IsoDateTime> {
    let trimmed = s.strip_suffix("T00:00:00").unwrap_or(s);
    let trimmed = trimmed
        .strip_suffix(":00")
        .filter(|t| t.len() == 16)
        .unwrap_or(trimmed);
    trimmed.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_a_string_and_its_address() {
        // A table holds one per cell: what this grows by, every sheet read grows by.
        assert_eq!(std::mem::size_of::<RawValue>(), 32);
        assert_eq!(std::mem::size_of::<RawCell>(), 40);
    }

    #[test]
    fn knows_the_date_system_of_a_calamine_value() {
        let v = |is_1904| {
            Data::DateTime(ExcelDateTime::new(
                0.5,
                ExcelDateTimeType::DateTime,
                is_1904,
            ))
        };
        let RawValue::Date(d) = from_data(v(true)).0 else {
            panic!("a date")
        };
        assert_eq!(d.value.to_string(), "1904-01-01T12:00");
        assert_eq!(d.serial, Some((0.5, DateSystem::Excel1904)));
        let RawValue::Date(d) = from_data(v(false)).0 else {
            panic!("a date")
        };
        assert_eq!(d.value.to_string(), "-----T12:00");
    }

    #[test]
    fn phantom_day_stays_a_number_with_an_issue() {
        let v = Data::DateTime(ExcelDateTime::new(60.0, ExcelDateTimeType::DateTime, false));
        assert_eq!(
            from_data(v),
            (
                RawValue::Number(60.0),
                Some(ConvertIssue::Serial(SerialError::PhantomLeapDay))
            )
        );
    }

    #[test]
    fn ods_dates_become_dates() {
        for (s, want) in [
            ("2016-03-01", "2016-03-01"),
            ("2016-03-01T00:00:00", "2016-03-01"),
            ("2016-03-01T08:30:00", "2016-03-01T08:30"),
        ] {
            let RawValue::Date(d) = from_data(Data::DateTimeIso(s.into())).0 else {
                panic!("{s}")
            };
            assert_eq!(d.value.to_string(), want);
        }
        assert_eq!(
            from_data(Data::DateTimeIso("junk".into())).0,
            RawValue::Text("junk".into())
        );
    }
}
