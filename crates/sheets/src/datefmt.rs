//! Date formats a mapping spec declares for text dates: `DD/MM/YYYY`, `D-MMM-YY`,
//! `YYYY-MM-DD HH:MM`. Only declared formats are tried, so `03/04/2016` is never guessed.

use crate::SheetsError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// `YYYY`
    Year4,
    /// `YY`, expanded with the format's century pivot.
    Year2,
    /// `MM` (two digits) or `M` (one or two).
    Month {
        exact: bool,
    },
    /// `MMM`: English month abbreviation, any case (`Mar`, `MAR`).
    MonthName,
    Day {
        exact: bool,
    },
    Hour,
    Minute,
    Second,
    Literal(char),
}

/// A declared date format. Letters: `YYYY`, `YY`, `MM`, `M`, `MMM`, `DD`, `D`, `HH`, and
/// after an hour `MM` for minutes and `SS`; anything else must appear literally.
///
/// Two-digit years: `00`–`29` are 2000–2029 and `30`–`99` are 1930–1999, Excel's own rule,
/// so a date reads the same here as in the workbook; [`DateFormat::with_pivot`] moves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    pattern: String,
    pub(crate) tokens: Vec<Token>,
    pivot: u8,
}

/// Excel's two-digit-year cut-over: `YY` below this is 20YY.
pub const DEFAULT_PIVOT: u8 = 30;

impl DateFormat {
    pub fn parse(pattern: &str) -> Result<DateFormat, SheetsError> {
        let err = |pos: usize, why| SheetsError::DateFormat {
            pattern: pattern.to_owned(),
            pos: pos + 1,
            why,
        };
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let run = chars[i..].iter().take_while(|&&d| d == c).count();
            let after_hour = tokens.last() == Some(&Token::Hour)
                || tokens.ends_with(&[Token::Hour, Token::Literal(':')]);
            let token = match (c, run) {
                ('Y', 4) => Token::Year4,
                ('Y', 2) => Token::Year2,
                ('M', 2) if after_hour => Token::Minute,
                ('M', 1 | 2) => Token::Month { exact: run == 2 },
                ('M', 3) => Token::MonthName,
                ('D', 1 | 2) => Token::Day { exact: run == 2 },
                ('H', 2) => Token::Hour,
                ('S', 2) => Token::Second,
                ('Y' | 'M' | 'D' | 'H' | 'S', _) => {
                    return Err(err(
                        i,
                        "unknown field; use YYYY, YY, MM, M, MMM, DD, D, HH, MM or SS",
                    ));
                }
                _ => {
                    i += 1;
                    tokens.push(Token::Literal(c));
                    continue;
                }
            };
            tokens.push(token);
            i += run;
        }
        let has = |t: fn(&Token) -> bool| tokens.iter().any(t);
        if !has(|t| matches!(t, Token::Year4 | Token::Year2)) {
            return Err(err(0, "a date format needs a year"));
        }
        if has(|t| matches!(t, Token::Day { .. }))
            && !has(|t| matches!(t, Token::Month { .. } | Token::MonthName))
        {
            return Err(err(0, "a day needs a month"));
        }
        Ok(DateFormat {
            pattern: pattern.to_owned(),
            tokens,
            pivot: DEFAULT_PIVOT,
        })
    }

    /// Two-digit years below `pivot` are 20YY, the others 19YY.
    pub fn with_pivot(mut self, pivot: u8) -> DateFormat {
        self.pivot = pivot.min(100);
        self
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub(crate) fn expand_year(&self, yy: u32) -> i32 {
        let yy = yy as i32;
        if yy < i32::from(self.pivot) {
            2000 + yy
        } else {
            1900 + yy
        }
    }
}

impl std::str::FromStr for DateFormat {
    type Err = SheetsError;
    fn from_str(s: &str) -> Result<DateFormat, SheetsError> {
        DateFormat::parse(s)
    }
}

impl<'de> serde::Deserialize<'de> for DateFormat {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DateFormat, D::Error> {
        let s = String::deserialize(d)?;
        DateFormat::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_follow_hours() {
        let f = DateFormat::parse("DD/MM/YYYY HH:MM").unwrap();
        assert!(f.tokens.contains(&Token::Month { exact: true }));
        assert_eq!(f.tokens.last(), Some(&Token::Minute));
    }

    #[test]
    fn bad_formats_say_where() {
        let e = DateFormat::parse("DDD/MM/YYYY").unwrap_err();
        assert_eq!(
            e.to_string(),
            "date format `DDD/MM/YYYY` at character 1: unknown field; use YYYY, YY, MM, M, MMM, DD, D, HH, MM or SS"
        );
        assert!(DateFormat::parse("DD/MM").is_err());
    }

    #[test]
    fn pivot_follows_excel() {
        let f = DateFormat::parse("YY").unwrap();
        assert_eq!((f.expand_year(29), f.expand_year(30)), (2029, 1930));
        assert_eq!(f.with_pivot(50).expand_year(45), 2045);
    }
}
