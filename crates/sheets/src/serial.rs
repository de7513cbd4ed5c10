//! Excel serial date/times to calendar values, done here rather than through chrono so that
//! the 1900 leap-year bug is reported instead of silently shifted.

use model::IsoDateTime;

/// Which epoch a workbook counts its serial dates from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSystem {
    /// Serial 1 is 1900-01-01 and serial 60 is the non-existent 1900-02-29 (Lotus 1-2-3 compatibility).
    Excel1900,
    /// Serial 0 is 1904-01-01 (old Mac workbooks).
    Excel1904,
}

/// A serial the calendar cannot represent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SerialError {
    /// Serial 60 in the 1900 system: 1900-02-29, a day that never was.
    PhantomLeapDay,
    /// Negative, not finite, after 9999-12-31, or serial 0 of the 1900 system with no time
    /// ("1900-01-00", what Excel shows for a formula over an empty cell).
    OutOfRange(f64),
}

/// Days from 1970-01-01 back to 1899-12-30, the day before serial 1 once the phantom day is
/// skipped; and to 1904-01-01.
const EPOCH_1900: i64 = -25_569;
const EPOCH_1904: i64 = -24_107;
/// 9999-12-31 in each system.
const MAX_1900: f64 = 2_958_466.0;
const MAX_1904: f64 = 2_957_004.0;
const MS_PER_DAY: f64 = 86_400_000.0;

/// Converts a serial to a date, a date-time, or (serial below 1 in the 1900 system) a time on
/// an unknown date.
///
/// A whole serial gives a date only: Excel cannot tell "a date" from "midnight", and SDTM
/// must not invent a time that was never collected. Times are rounded to the millisecond, as
/// Excel stores them; seconds and fractions are written only when not zero.
pub fn serial_to_iso(serial: f64, system: DateSystem) -> Result<IsoDateTime, SerialError> {
    let max = match system {
        DateSystem::Excel1900 => MAX_1900,
        DateSystem::Excel1904 => MAX_1904,
    };
    if !serial.is_finite() || serial < 0.0 || serial >= max {
        return Err(SerialError::OutOfRange(serial));
    }
    // Rounding the whole value first lets 0.99999999 become the next midnight, as Excel does.
    let total_ms = (serial * MS_PER_DAY).round() as i64;
    let days = total_ms.div_euclid(86_400_000);
    let ms_of_day = total_ms.rem_euclid(86_400_000);
    let date = match system {
        DateSystem::Excel1900 if days == 60 => return Err(SerialError::PhantomLeapDay),
        DateSystem::Excel1900 if days == 0 => None,
        DateSystem::Excel1900 if days < 60 => {
            Some(IsoDateTime::from_epoch_days(EPOCH_1900 + days + 1))
        }
        DateSystem::Excel1900 => Some(IsoDateTime::from_epoch_days(EPOCH_1900 + days)),
        DateSystem::Excel1904 => Some(IsoDateTime::from_epoch_days(EPOCH_1904 + days)),
    };
    if ms_of_day == 0 {
        return date.ok_or(SerialError::OutOfRange(serial));
    }
    let date_text = date.map_or_else(|| "-----".to_owned(), |d| d.to_string());
    let (h, m, s, ms) = (
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000,
    );
    let mut text = format!("{date_text}T{h:02}:{m:02}");
    if s != 0 || ms != 0 {
        text.push_str(&format!(":{s:02}"));
    }
    if ms != 0 {
        text.push_str(format!(".{ms:03}").trim_end_matches('0'));
    }
    text.parse().map_err(|_| SerialError::OutOfRange(serial))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateSystem::{Excel1900, Excel1904};

    fn iso(serial: f64, system: DateSystem) -> String {
        serial_to_iso(serial, system)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn the_1900_system_and_its_phantom_leap_day() {
        assert_eq!(iso(1.0, Excel1900), "1900-01-01");
        assert_eq!(iso(59.0, Excel1900), "1900-02-28");
        assert_eq!(iso(60.0, Excel1900), "PhantomLeapDay");
        assert_eq!(iso(61.0, Excel1900), "1900-03-01");
        assert_eq!(iso(42_430.0, Excel1900), "2016-03-01");
        assert_eq!(iso(2_958_465.0, Excel1900), "9999-12-31");
        assert_eq!(iso(2_958_466.0, Excel1900), "OutOfRange(2958466.0)");
    }

    #[test]
    fn the_1904_system() {
        assert_eq!(iso(0.0, Excel1904), "1904-01-01");
        assert_eq!(iso(40_968.0, Excel1904), "2016-03-01");
        assert_eq!(iso(0.5, Excel1904), "1904-01-01T12:00");
    }

    #[test]
    fn times_keep_only_the_precision_present() {
        assert_eq!(iso(42_430.354_166_666_7, Excel1900), "2016-03-01T08:30");
        assert_eq!(
            iso(42_430.0 + 30_615.0 / 86_400.0, Excel1900),
            "2016-03-01T08:30:15"
        );
        assert_eq!(
            iso(42_430.0 + 30_615.25 / 86_400.0, Excel1900),
            "2016-03-01T08:30:15.25"
        );
        assert_eq!(
            iso(0.354_166_666_7, Excel1900),
            "-----T08:30",
            "a time-only cell"
        );
        assert_eq!(
            iso(42_430.999_999_999, Excel1900),
            "2016-03-02",
            "rounds up to midnight"
        );
    }

    #[test]
    fn impossible_serials_are_errors() {
        assert_eq!(iso(0.0, Excel1900), "OutOfRange(0.0)");
        assert_eq!(iso(-1.0, Excel1904), "OutOfRange(-1.0)");
        assert!(serial_to_iso(f64::NAN, Excel1900).is_err());
    }
}
