//! Dataset-JSON metadata and how it maps onto `model`'s variables and values.

use model::{IsoDateTime, VarType, Variable};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `dataType`: the logical type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataType {
    String,
    Integer,
    Decimal,
    Float,
    Double,
    Boolean,
    Datetime,
    Date,
    Time,
    #[serde(rename = "URI")]
    Uri,
}

impl DataType {
    pub fn as_str(self) -> &'static str {
        match self {
            DataType::String => "string",
            DataType::Integer => "integer",
            DataType::Decimal => "decimal",
            DataType::Float => "float",
            DataType::Double => "double",
            DataType::Boolean => "boolean",
            DataType::Datetime => "datetime",
            DataType::Date => "date",
            DataType::Time => "time",
            DataType::Uri => "URI",
        }
    }

    /// Parses the spelling of the spec; v1.0 files and Define-XML also say `text`.
    pub fn parse(s: &str) -> Option<DataType> {
        Some(match s {
            "string" | "text" => DataType::String,
            "integer" => DataType::Integer,
            "decimal" => DataType::Decimal,
            "float" => DataType::Float,
            "double" => DataType::Double,
            "boolean" => DataType::Boolean,
            "datetime" => DataType::Datetime,
            "date" => DataType::Date,
            "time" => DataType::Time,
            "URI" => DataType::Uri,
            _ => return None,
        })
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `targetDataType`: what the receiver must convert the JSON value into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetDataType {
    Integer,
    Decimal,
}

/// One entry of `columns`, fields in the order the spec recommends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    #[serde(rename = "itemOID")]
    pub item_oid: String,
    pub name: String,
    pub label: String,
    pub data_type: DataType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_data_type: Option<TargetDataType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_sequence: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSystem {
    pub name: String,
    pub version: String,
}

/// The top-level attributes of a file, as read. Attributes that come after `rows` in the
/// object are only filled in once the reader has reached the end of the rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub creation_date_time: Option<String>,
    pub version: Option<String>,
    pub file_oid: Option<String>,
    pub db_last_modified_date_time: Option<String>,
    pub originator: Option<String>,
    pub source_system: Option<SourceSystem>,
    pub study_oid: Option<String>,
    pub metadata_version_oid: Option<String>,
    pub metadata_ref: Option<String>,
    pub item_group_oid: Option<String>,
    pub records: Option<u64>,
    pub name: Option<String>,
    pub label: Option<String>,
    pub columns: Option<Vec<Column>>,
}

impl Header {
    /// Key variables in `keySequence` order, ready for [`super::DsjOptions::keys`].
    pub fn keys(&self) -> Vec<String> {
        let mut keyed: Vec<(u64, &str)> = self
            .columns
            .iter()
            .flatten()
            .filter_map(|c| Some((c.key_sequence?, c.name.as_str())))
            .collect();
        keyed.sort();
        keyed.into_iter().map(|(_, n)| n.to_owned()).collect()
    }
}

/// How values of one column travel between `model::Value` and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// JSON string, `Value::Char`.
    Text,
    /// JSON integer, `Value::Num`.
    Integer,
    /// JSON number, `Value::Num`.
    Number,
    /// JSON string holding a decimal (numbers accepted on read, as v1.0 wrote them).
    Decimal,
    /// JSON true/false, `Value::Num` 1/0.
    Boolean,
    /// ISO 8601 text in JSON, a SAS date/datetime/time number in `model`.
    SasDate,
    SasDateTime,
    SasTime,
}

/// The JSON side of a column as read from a file: `Kind` and the `model` variable.
pub(crate) fn column_to_variable(c: &Column) -> (Variable, Kind) {
    let numeric_date = c.target_data_type == Some(TargetDataType::Integer);
    let kind = match c.data_type {
        DataType::String | DataType::Uri => Kind::Text,
        DataType::Integer => Kind::Integer,
        DataType::Float | DataType::Double => Kind::Number,
        DataType::Decimal => Kind::Decimal,
        DataType::Boolean => Kind::Boolean,
        DataType::Date if numeric_date => Kind::SasDate,
        DataType::Datetime if numeric_date => Kind::SasDateTime,
        DataType::Time if numeric_date => Kind::SasTime,
        DataType::Date | DataType::Datetime | DataType::Time => Kind::Text,
    };
    let vtype = if kind == Kind::Text {
        VarType::Char
    } else {
        VarType::Num
    };
    let mut v = Variable::new(c.name.clone(), c.label.clone(), vtype);
    v.length = c.length.and_then(|l| usize::try_from(l).ok());
    v.format = c.display_format.clone();
    v.data_type = Some(c.data_type.as_str().to_owned());
    (v, kind)
}

/// The column a variable is written as. Numeric variables without a `data_type` are
/// `float` (as Define-XML calls SAS numerics), or a date/datetime/time when their SAS
/// format says so, so ADaM numeric dates come out as ISO 8601 with `targetDataType`.
pub(crate) fn variable_to_column(
    dataset: &str,
    v: &Variable,
    key: Option<u64>,
) -> Result<(Column, Kind), String> {
    let declared = match v.data_type.as_deref() {
        Some(s) => {
            Some(DataType::parse(s).ok_or_else(|| format!("{}: unknown dataType `{s}`", v.name))?)
        }
        None => None,
    };
    let (data_type, target, kind) = match (v.vtype, declared) {
        (VarType::Char, None) => (DataType::String, None, Kind::Text),
        (
            VarType::Char,
            Some(
                d @ (DataType::String
                | DataType::Uri
                | DataType::Date
                | DataType::Datetime
                | DataType::Time),
            ),
        ) => (d, None, Kind::Text),
        (VarType::Char, Some(DataType::Decimal)) => {
            (DataType::Decimal, Some(TargetDataType::Decimal), Kind::Text)
        }
        (VarType::Char, Some(d)) => {
            return Err(format!("{}: a character variable cannot be {d}", v.name));
        }
        (VarType::Num, None) => match sas_format_kind(v.format.as_deref()) {
            Some(Kind::SasDate) => (DataType::Date, Some(TargetDataType::Integer), Kind::SasDate),
            Some(Kind::SasDateTime) => (
                DataType::Datetime,
                Some(TargetDataType::Integer),
                Kind::SasDateTime,
            ),
            Some(Kind::SasTime) => (DataType::Time, Some(TargetDataType::Integer), Kind::SasTime),
            _ => (DataType::Float, None, Kind::Number),
        },
        (VarType::Num, Some(DataType::Integer)) => (DataType::Integer, None, Kind::Integer),
        (VarType::Num, Some(d @ (DataType::Float | DataType::Double))) => (d, None, Kind::Number),
        (VarType::Num, Some(DataType::Decimal)) => (
            DataType::Decimal,
            Some(TargetDataType::Decimal),
            Kind::Decimal,
        ),
        (VarType::Num, Some(DataType::Boolean)) => (DataType::Boolean, None, Kind::Boolean),
        (VarType::Num, Some(DataType::Date)) => {
            (DataType::Date, Some(TargetDataType::Integer), Kind::SasDate)
        }
        (VarType::Num, Some(DataType::Datetime)) => (
            DataType::Datetime,
            Some(TargetDataType::Integer),
            Kind::SasDateTime,
        ),
        (VarType::Num, Some(DataType::Time)) => {
            (DataType::Time, Some(TargetDataType::Integer), Kind::SasTime)
        }
        (VarType::Num, Some(d)) => {
            return Err(format!("{}: a numeric variable cannot be {d}", v.name));
        }
    };
    let column = Column {
        item_oid: super::item_oid(dataset, &v.name),
        name: v.name.clone(),
        label: v.label.clone(),
        data_type,
        target_data_type: target,
        // The schema demands length >= 1; a zero length says nothing, so it is left out.
        length: v.length.filter(|&l| l > 0).map(|l| l as u64),
        display_format: v.format.clone(),
        key_sequence: key,
    };
    Ok((column, kind))
}

fn sas_format_kind(format: Option<&str>) -> Option<Kind> {
    let f = format?.trim().to_ascii_uppercase();
    let stem: String = f.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    match stem.as_str() {
        "DATETIME" | "E8601DT" | "IS8601DT" | "B8601DT" => Some(Kind::SasDateTime),
        "TIME" | "TOD" | "E8601TM" | "IS8601TM" | "HHMM" => Some(Kind::SasTime),
        "DATE" | "E8601DA" | "IS8601DA" | "B8601DA" | "YYMMDD" | "MMDDYY" | "DDMMYY"
        | "YYMMDDN" => Some(Kind::SasDate),
        _ => None,
    }
}

const DAY: f64 = 86_400.0;

/// `hh:mm:ss[.ffffff]` for seconds since midnight, to the microsecond.
fn clock(seconds: f64) -> String {
    let micros = (seconds * 1e6).round() as i64;
    let (whole, frac) = (micros / 1_000_000, micros % 1_000_000);
    let mut s = format!(
        "{:02}:{:02}:{:02}",
        whole / 3600,
        whole / 60 % 60,
        whole % 60
    );
    if frac != 0 {
        let digits = format!("{frac:06}");
        s.push('.');
        s.push_str(digits.trim_end_matches('0'));
    }
    s
}

/// Formats a SAS date, datetime or time number as ISO 8601; `None` when it cannot be one.
pub(crate) fn sas_to_iso(kind: Kind, n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    match kind {
        Kind::SasDate => (n.fract() == 0.0 && n.abs() < 1e8)
            .then(|| IsoDateTime::from_sas_date(n as i64).to_string()),
        Kind::SasDateTime if n.abs() < 1e13 => {
            let days = (n / DAY).floor();
            let date = IsoDateTime::from_sas_date(days as i64);
            Some(format!("{date}T{}", clock(n - days * DAY)))
        }
        Kind::SasTime => (0.0..DAY).contains(&n).then(|| clock(n)),
        _ => None,
    }
}

/// `hh:mm[:ss[.f]]` to seconds.
fn parse_clock(s: &str) -> Option<f64> {
    let mut parts = s.splitn(3, ':');
    let h: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let m: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let sec: f64 = match parts.next() {
        Some(p) if p.len() >= 2 && p.bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
            p.parse().ok()?
        }
        Some(_) => return None,
        None => 0.0,
    };
    (h < 24 && m < 60 && sec < 60.0).then(|| f64::from(h * 3600 + m * 60) + sec)
}

/// Reads ISO 8601 text back into a SAS date, datetime or time number.
pub(crate) fn iso_to_sas(kind: Kind, s: &str) -> Option<f64> {
    match kind {
        Kind::SasDate => {
            let d: IsoDateTime = s.parse().ok()?;
            (!d.has_time()).then_some(())?;
            Some(d.sas_date()? as f64)
        }
        Kind::SasDateTime => {
            let (date, time) = s.split_once('T')?;
            let d: IsoDateTime = date.parse().ok()?;
            // A zone designator is dropped: SAS datetimes carry none.
            let time = time.trim_end_matches('Z');
            let time = time.find(['+', '-']).map_or(time, |i| &time[..i]);
            Some(d.sas_date()? as f64 * DAY + parse_clock(time)?)
        }
        Kind::SasTime => parse_clock(s),
        _ => None,
    }
}

/// A decimal written as text, `.` for the point and `,` optionally grouping thousands.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let t = s.trim();
    let plain: String = t.chars().filter(|&c| c != ',').collect();
    let ok = !plain.is_empty()
        && plain
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    let n: f64 = if ok { plain.parse().ok()? } else { return None };
    n.is_finite().then_some(n)
}

/// Checks the pattern the schema gives for `datasetJSONCreationDateTime`.
pub(crate) fn valid_timestamp(s: &str) -> bool {
    let Some((date, time)) = s.split_once('T') else {
        return false;
    };
    let date_ok = date.len() == 10
        && date
            .parse::<IsoDateTime>()
            .is_ok_and(|d| d.is_full_date() && !d.has_time());
    let (clock_part, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => (time, ""),
    };
    let zone_ok =
        zone.is_empty() || zone == "Z" || (zone.len() == 6 && parse_clock(&zone[1..]).is_some());
    let clock_ok = clock_part.len() >= 8
        && clock_part.as_bytes()[2] == b':'
        && parse_clock(clock_part).is_some();
    date_ok && clock_ok && zone_ok && !clock_part.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sas_dates_round_trip_through_iso() {
        assert_eq!(
            sas_to_iso(Kind::SasDate, 0.0).as_deref(),
            Some("1960-01-01")
        );
        assert_eq!(iso_to_sas(Kind::SasDate, "2014-01-02"), Some(19725.0));
        let dt = 19725.0 * DAY + 3723.5;
        assert_eq!(
            sas_to_iso(Kind::SasDateTime, dt).as_deref(),
            Some("2014-01-02T01:02:03.5")
        );
        assert_eq!(
            iso_to_sas(Kind::SasDateTime, "2014-01-02T01:02:03.5"),
            Some(dt)
        );
        assert_eq!(
            sas_to_iso(Kind::SasTime, 45_296.0).as_deref(),
            Some("12:34:56")
        );
        assert_eq!(iso_to_sas(Kind::SasTime, "12:34"), Some(45_240.0));
        assert_eq!(sas_to_iso(Kind::SasDate, 1.5), None);
        assert_eq!(iso_to_sas(Kind::SasDate, "2014-02"), None);
    }

    #[test]
    fn decimals_accept_grouping() {
        assert_eq!(parse_decimal("1,234.5"), Some(1234.5));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("NaN"), None);
    }
}
