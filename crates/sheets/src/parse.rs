//! Typed readings of one cell, for the mapper. A problem is returned, not reported: the
//! mapper knows which variable wanted the value and turns it into a finding.

use crate::codes::Code;
use crate::datefmt::{DateFormat, Token};
use crate::value::{RawCell, RawValue};
use model::{Finding, IsoDateTime, SourceCell};
use std::borrow::Cow;

/// Why a cell does not hold the value wanted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CellProblem {
    #[error("the cell is empty")]
    Empty,
    /// Already reported as `SI0001` when the table was read.
    #[error("the cell holds the Excel error `{kind}`")]
    ExcelError { kind: String },
    #[error("`{text}` is not a date in the declared formats ({})", formats.join(", "))]
    NotInFormats { text: String, formats: Vec<String> },
    #[error("`{text}` is not a real date: {why}")]
    ImpossibleDate { text: String, why: String },
    #[error("`{text}` reads as different dates in the declared formats: {}", readings.join(" or "))]
    AmbiguousDate { text: String, readings: Vec<String> },
    #[error("`{text}` has no known date component")]
    NoKnownComponent { text: String },
    #[error("`{text}` is not a number{}", hint(text))]
    NotANumber { text: String },
    #[error("expected {expected}, found {found}")]
    WrongType {
        expected: &'static str,
        found: String,
    },
}

fn hint(text: &str) -> &'static str {
    match text.trim_start().chars().next() {
        Some('<' | '>' | '≤' | '≥') => {
            " (a limit such as `<0.5` is not a value; map it to a character result)"
        }
        _ if text.contains(',') => " (commas are not accepted: a decimal comma must be declared)",
        _ => "",
    }
}

impl CellProblem {
    pub fn code(&self) -> Option<Code> {
        Some(match self {
            CellProblem::Empty => return None,
            CellProblem::ExcelError { .. } => Code::ExcelErrorCell,
            CellProblem::NotInFormats { .. } | CellProblem::NoKnownComponent { .. } => {
                Code::DateNotInDeclaredFormats
            }
            CellProblem::ImpossibleDate { .. } => Code::ImpossibleDate,
            CellProblem::AmbiguousDate { .. } => Code::AmbiguousDate,
            CellProblem::NotANumber { .. } => Code::NotANumber,
            CellProblem::WrongType { .. } => Code::WrongCellType,
        })
    }

    /// The finding for this problem at `source`; `None` for an empty cell (whether that is a
    /// problem is the mapper's call) and for an Excel error (reported when the table was read).
    pub fn finding(&self, source: SourceCell) -> Option<Finding> {
        let code = self.code().filter(|c| *c != Code::ExcelErrorCell)?;
        let f = code.at(source, self.to_string());
        Some(match self {
            CellProblem::NotInFormats { text, .. }
            | CellProblem::ImpossibleDate { text, .. }
            | CellProblem::AmbiguousDate { text, .. }
            | CellProblem::NoKnownComponent { text }
            | CellProblem::NotANumber { text } => f.with_value(text.clone()),
            _ => f,
        })
    }
}

/// The cell as text: trimmed, whitespace runs collapsed to one space; numbers as they print
/// (`63`, `12.5`), booleans as Excel shows them, dates in ISO 8601, errors as their kind.
pub fn text(cell: &RawCell) -> Cow<'_, str> {
    value_text(&cell.value)
}

pub(crate) fn value_text(value: &RawValue) -> Cow<'_, str> {
    match value {
        RawValue::Empty => Cow::Borrowed(""),
        RawValue::Text(s) => normalize_space(s),
        RawValue::Number(n) => Cow::Owned(n.to_string()),
        RawValue::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        RawValue::Date(d) => Cow::Owned(d.value.to_string()),
        RawValue::Error(e) => Cow::Borrowed(e),
    }
}

fn normalize_space(s: &str) -> Cow<'_, str> {
    let clean =
        s.trim() == s && !s.contains(|c: char| c.is_whitespace() && c != ' ') && !s.contains("  ");
    if clean {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// A number cell, or text that is a plain decimal number (`12.5`, ` -3 `, `1e-3`).
///
/// Commas are refused: `1,234` is a thousand in one country and one point two in another.
/// Use [`parse_number_decimal_comma`] where the spec declares a decimal comma.
pub fn parse_number(cell: &RawCell) -> Result<f64, CellProblem> {
    number(cell, false)
}

/// As [`parse_number`], but `12,5` is 12.5 (and `12.5` is still accepted).
pub fn parse_number_decimal_comma(cell: &RawCell) -> Result<f64, CellProblem> {
    number(cell, true)
}

fn number(cell: &RawCell, decimal_comma: bool) -> Result<f64, CellProblem> {
    let text = match &cell.value {
        RawValue::Number(n) => return Ok(*n),
        RawValue::Text(s) if s.trim().is_empty() => return Err(CellProblem::Empty),
        RawValue::Text(s) => s.trim(),
        other => return Err(non_text(other, "a number")),
    };
    let not_a_number = || CellProblem::NotANumber {
        text: text.to_owned(),
    };
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    let candidate = if decimal_comma && text.matches(',').count() == 1 && !text.contains('.') {
        Cow::Owned(text.replace(',', "."))
    } else {
        Cow::Borrowed(text)
    };
    let plain = plain
        || (decimal_comma
            && candidate
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)));
    let value: f64 = if plain {
        candidate.parse().map_err(|_| not_a_number())?
    } else {
        return Err(not_a_number());
    };
    value.is_finite().then_some(value).ok_or_else(not_a_number)
}

fn non_text(value: &RawValue, expected: &'static str) -> CellProblem {
    match value {
        RawValue::Empty => CellProblem::Empty,
        RawValue::Error(kind) => CellProblem::ExcelError { kind: kind.clone() },
        other => CellProblem::WrongType {
            expected,
            found: other.describe(),
        },
    }
}

/// A date cell as is, or text in one of `formats`.
///
/// Partial dates stay partial: `2016-03` (format `YYYY-MM-DD` cut short), `UNK-03-2016`
/// (`DD-MM-YYYY` with an unknown day, written `UN`, `UNK`, `UK`, `NK`, `XX` or `--`) is
/// `2016-03`, `UN-UNK-2016` is `2016`. When two formats read the text as different dates,
/// the cell is ambiguous: no format is preferred.
pub fn parse_date(cell: &RawCell, formats: &[DateFormat]) -> Result<IsoDateTime, CellProblem> {
    let text = match &cell.value {
        RawValue::Date(d) => return Ok(d.value.clone()),
        RawValue::Text(s) if s.trim().is_empty() => return Err(CellProblem::Empty),
        RawValue::Text(s) => s.trim(),
        other => return Err(non_text(other, "a date")),
    };
    let mut readings: Vec<IsoDateTime> = Vec::new();
    let mut first_problem = None;
    for format in formats {
        match read_with(format, text) {
            Some(Ok(d)) if !readings.contains(&d) => readings.push(d),
            Some(Ok(_)) => {}
            Some(Err(p)) => {
                first_problem.get_or_insert(p);
            }
            None => {}
        }
    }
    match readings.len() {
        1 => Ok(readings.remove(0)),
        0 => Err(first_problem.unwrap_or_else(|| CellProblem::NotInFormats {
            text: text.to_owned(),
            formats: formats.iter().map(|f| f.pattern().to_owned()).collect(),
        })),
        _ => Err(CellProblem::AmbiguousDate {
            text: text.to_owned(),
            readings: readings.iter().map(ToString::to_string).collect(),
        }),
    }
}

const UNKNOWN: [&str; 7] = ["UNK", "UN", "UK", "NK", "XXX", "XX", "--"];
const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const FULL_MONTHS: [&str; 12] = [
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];

/// `None`: the text does not have the format's shape. `Some(Err)`: it has, but the date is
/// impossible or wholly unknown.
fn read_with(format: &DateFormat, text: &str) -> Option<Result<IsoDateTime, CellProblem>> {
    let upper = text.to_ascii_uppercase();
    let s = upper.as_bytes();
    let mut pos = 0;
    // year, month, day, hour, minute, second; `None` = unknown or not in the format.
    let mut parts: [Option<u32>; 6] = [None; 6];
    for (i, token) in format.tokens.iter().enumerate() {
        if pos == s.len() {
            // Cut short at a separator: the rest is unknown, as ISO 8601 truncation says.
            // Only smaller units may be cut: `03/2016` is not `DD/MM/YYYY` without a year.
            let year_read = format.tokens[..i]
                .iter()
                .any(|t| matches!(t, Token::Year4 | Token::Year2));
            if year_read && matches!(token, Token::Literal(_)) {
                break;
            }
            return None;
        }
        if let Token::Literal(c) = token {
            let len = c.len_utf8();
            if upper.get(pos..pos + len)? != c.to_uppercase().to_string() {
                return None;
            }
            pos += len;
            continue;
        }
        if let Some(u) = UNKNOWN.iter().find(|u| s[pos..].starts_with(u.as_bytes())) {
            let next = s.get(pos + u.len());
            if next.is_none_or(|b| !b.is_ascii_alphanumeric()) {
                pos += u.len();
                continue;
            }
        }
        let digits = |min: usize, max: usize, pos: &mut usize| -> Option<u32> {
            let n = s[*pos..]
                .iter()
                .take(max)
                .take_while(|b| b.is_ascii_digit())
                .count();
            (n >= min).then_some(())?;
            let v = upper[*pos..*pos + n].parse().ok();
            *pos += n;
            v
        };
        let (slot, value) = match token {
            Token::Year4 => (0, digits(4, 4, &mut pos)?),
            Token::Year2 => (0, format.expand_year(digits(2, 2, &mut pos)?) as u32),
            Token::Month { exact } => (1, digits(if *exact { 2 } else { 1 }, 2, &mut pos)?),
            Token::MonthName => {
                let n = s[pos..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
                let word = &upper[pos..pos + n];
                let m = MONTHS
                    .iter()
                    .position(|m| *m == word)
                    .or_else(|| FULL_MONTHS.iter().position(|m| *m == word))?;
                pos += n;
                (1, m as u32 + 1)
            }
            Token::Day { exact } => (2, digits(if *exact { 2 } else { 1 }, 2, &mut pos)?),
            Token::Hour => (3, digits(2, 2, &mut pos)?),
            Token::Minute => (4, digits(2, 2, &mut pos)?),
            Token::Second => (5, digits(2, 2, &mut pos)?),
            Token::Literal(_) => continue,
        };
        parts[slot] = Some(value);
    }
    if pos != s.len() {
        return None;
    }
    Some(assemble(text, parts))
}

fn assemble(text: &str, parts: [Option<u32>; 6]) -> Result<IsoDateTime, CellProblem> {
    if parts.iter().all(Option::is_none) {
        return Err(CellProblem::NoKnownComponent {
            text: text.to_owned(),
        });
    }
    let two = |v: Option<u32>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:02}"));
    let year = parts[0].map_or_else(|| "-".to_owned(), |y| format!("{y:04}"));
    let has_time = parts[3..].iter().any(Option::is_some);
    let iso = if has_time {
        let mut t = format!(
            "{year}-{}-{}T{}:{}",
            two(parts[1]),
            two(parts[2]),
            two(parts[3]),
            two(parts[4])
        );
        if parts[5].is_some() {
            t.push_str(&format!(":{}", two(parts[5])));
        }
        t
    } else {
        let last = parts[..3].iter().rposition(Option::is_some).unwrap_or(0);
        let mut d = year;
        for p in &parts[1..=last] {
            d.push('-');
            d.push_str(&two(*p));
        }
        d
    };
    iso.parse()
        .map_err(|e: model::IsoError| CellProblem::ImpossibleDate {
            text: text.to_owned(),
            why: e.to_string(),
        })
}
