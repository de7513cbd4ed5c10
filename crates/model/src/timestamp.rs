//! The run's instant, and every way it is written into an output.
//!
//! Reruns on the same input must give the same bytes, so every output stamps the one instant
//! a run was given (`--timestamp`, else `SOURCE_DATE_EPOCH`, else the clock) and each format
//! spells it its own way: ISO 8601 in UTC with `Z` (define.xml, FHIR, reports, run.json),
//! without a zone (Dataset-JSON's `datasetJSONCreationDateTime`), and `ddMMMyy:hh:mm:ss`
//! (SAS XPORT headers). One type and one calendar, so the spellings cannot drift apart.

use crate::iso8601::{IsoDateTime, TimeZone};
use std::fmt;

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

/// Text that is not an instant: what was wrong, for a message after the option's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TimestampError(String);

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

impl Timestamp {
    pub const fn from_unix(seconds: i64) -> Timestamp {
        Timestamp(seconds)
    }

    pub const fn unix(self) -> i64 {
        self.0
    }

    /// The system clock; `None` before 1970.
    pub fn now() -> Option<Timestamp> {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Timestamp(i64::try_from(d.as_secs()).unwrap_or(i64::MAX)))
    }

    /// Seconds since 1970 (`1706702400`), or an ISO 8601 date and time with a zone
    /// (`2024-01-31T12:00:00Z`, `2024-01-31T21:00:00+09:00`).
    pub fn parse(text: &str) -> Result<Timestamp, TimestampError> {
        let text = text.trim();
        if let Ok(secs) = text.parse::<i64>() {
            return Ok(Timestamp(secs));
        }
        let t: IsoDateTime = text
            .parse()
            .map_err(|e: crate::IsoError| TimestampError(e.to_string()))?;
        let (Some(days), Some(h), Some(m)) = (t.epoch_days(), t.hour, t.minute) else {
            return Err(TimestampError(
                "needs a full date and time, e.g. 2024-01-31T12:00:00Z".into(),
            ));
        };
        let offset = match t.tz {
            Some(TimeZone::Offset(o)) => i64::from(o) * 60,
            Some(TimeZone::Utc) => 0,
            None => return Err(TimestampError("needs a time zone, e.g. Z".into())),
        };
        let clock = i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(t.second.unwrap_or(0));
        Ok(Timestamp(days * 86_400 + clock - offset))
    }

    fn split(self) -> (IsoDateTime, i64, i64, i64) {
        let day = IsoDateTime::from_epoch_days(self.0.div_euclid(86_400));
        let s = self.0.rem_euclid(86_400);
        (day, s / 3600, s / 60 % 60, s % 60)
    }

    /// `2024-01-31T12:00:00Z`.
    pub fn iso_utc(self) -> String {
        format!("{}Z", self.iso_local())
    }

    /// `2024-01-31T12:00:00`, the UTC clock without a zone (Dataset-JSON's creation time).
    pub fn iso_local(self) -> String {
        let (day, h, m, s) = self.split();
        format!("{day}T{h:02}:{m:02}:{s:02}")
    }

    /// `31JAN24:12:00:00` (16 bytes), as SAS stamps XPORT headers: two-digit year, UTC.
    pub fn sas(self) -> String {
        let (day, h, m, s) = self.split();
        let (y, mo, d) = (
            day.year.unwrap_or(0),
            day.month.unwrap_or(1),
            day.day.unwrap_or(1),
        );
        let month = MONTHS[usize::from(mo.clamp(1, 12)) - 1];
        format!("{d:02}{month}{:02}:{h:02}:{m:02}:{s:02}", y.rem_euclid(100))
    }
}

impl From<i64> for Timestamp {
    fn from(seconds: i64) -> Timestamp {
        Timestamp(seconds)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso_utc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_seconds_and_zoned_iso() {
        let t = |s: &str| Timestamp::parse(s).map(Timestamp::unix);
        assert_eq!(t("0"), Ok(0));
        assert_eq!(t(" 1706702400 "), Ok(1_706_702_400));
        assert_eq!(t("2024-01-31T12:00:00Z"), Ok(1_706_702_400));
        assert_eq!(t("2024-01-31T21:00:00+09:00"), Ok(1_706_702_400));
        assert!(
            t("2024-01-31")
                .unwrap_err()
                .0
                .contains("full date and time")
        );
        assert!(t("2024-01-31T12:00").unwrap_err().0.contains("time zone"));
        assert!(t("yesterday").is_err());
    }

    #[test]
    fn every_spelling_of_one_instant() {
        let t = Timestamp::from_unix(1_706_702_400);
        assert_eq!(t.iso_utc(), "2024-01-31T12:00:00Z");
        assert_eq!(t.iso_local(), "2024-01-31T12:00:00");
        assert_eq!(t.sas(), "31JAN24:12:00:00");
        assert_eq!(t.to_string(), t.iso_utc());
        assert_eq!(Timestamp::from_unix(-1).iso_utc(), "1969-12-31T23:59:59Z");
        assert_eq!(Timestamp::from_unix(-1).sas(), "31DEC69:23:59:59");
        assert_eq!(Timestamp::from_unix(951_782_400).sas(), "29FEB00:00:00:00");
        assert_eq!(
            Timestamp::from_unix(1_772_000_000).sas(),
            "25FEB26:06:13:20"
        );
        assert_eq!(Timestamp::from_unix(0).sas(), "01JAN70:00:00:00");
        assert_eq!(Timestamp::from_unix(0).sas().len(), 16);
    }

    #[test]
    fn what_is_written_reads_back() {
        for secs in [0, -1, 951_782_400, 1_772_000_000, 4_102_444_799] {
            let t = Timestamp::from_unix(secs);
            assert_eq!(Timestamp::parse(&t.iso_utc()), Ok(t));
        }
    }
}
