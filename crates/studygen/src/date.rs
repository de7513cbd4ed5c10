//! A civil date small enough to need no date crate: days since 1970-01-01.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i64);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// Howard Hinnant's days_from_civil.
    pub fn ymd(y: i64, m: u32, d: u32) -> Date {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(m) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date(era * 146_097 + doe - 719_468)
    }

    pub fn parts(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }

    pub fn plus(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    pub fn days_since(self, other: Date) -> i64 {
        self.0 - other.0
    }

    /// Excel 1900-system serial number (valid after 1900-03-01).
    pub fn excel_serial(self) -> f64 {
        (self.0 + 25_569) as f64
    }

    pub fn dmy_slash(self) -> String {
        let (y, m, d) = self.parts();
        format!("{d:02}/{m:02}/{y}")
    }

    pub fn d_mon_yy(self) -> String {
        let (y, m, d) = self.parts();
        format!("{d}-{}-{:02}", MONTHS[m as usize - 1], y % 100)
    }

    pub fn year_month(self) -> String {
        let (y, m, _) = self.parts();
        format!("{y}-{m:02}")
    }

    pub fn unk_month_year(self) -> String {
        let (y, m, _) = self.parts();
        format!("UNK-{m:02}-{y}")
    }

    /// Whole years between a birth date and a later date.
    pub fn years_until(self, later: Date) -> i64 {
        let (y0, m0, d0) = self.parts();
        let (y1, m1, d1) = later.parts();
        let mut age = y1 - y0;
        if (m1, d1) < (m0, d0) {
            age -= 1;
        }
        age
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.parts();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_formats() {
        let d = Date::ymd(2016, 3, 7);
        assert_eq!(d.parts(), (2016, 3, 7));
        assert_eq!(d.to_string(), "2016-03-07");
        assert_eq!(d.dmy_slash(), "07/03/2016");
        assert_eq!(d.d_mon_yy(), "7-Mar-16");
        assert_eq!(d.unk_month_year(), "UNK-03-2016");
        assert_eq!(Date::ymd(1970, 1, 1).0, 0);
        assert_eq!(Date::ymd(2016, 3, 7).excel_serial(), 42436.0);
        assert_eq!(
            Date::ymd(1950, 5, 20).years_until(Date::ymd(2016, 5, 19)),
            65
        );
    }
}
