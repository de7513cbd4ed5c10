use super::*;
use std::cmp::Ordering::{Equal, Greater, Less};

fn d(s: &str) -> IsoDateTime {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn prints_back_every_precision_it_parses() {
    for s in [
        "2019",
        "2019-03",
        "2019-03-07",
        "2019-03-07T14",
        "2019-03-07T14:05",
        "2019-03-07T14:05:09",
        "2019-03-07T14:05:09.123",
        "2019-03-07T14:05:09Z",
        "2019-03-07T14:05+09:00",
        "2019-03-07T14-05:30",
        "2019---07",
        "--03-07",
        "-----T07:15",
        "2019-03-07T-:15",
    ] {
        assert_eq!(d(s).to_string(), s, "round trip of {s}");
    }
}

#[test]
fn keeps_partial_dates_partial() {
    let v = d("2019-03");
    assert_eq!((v.year, v.month, v.day), (Some(2019), Some(3), None));
    assert!(!v.is_full_date());
    assert_eq!(v.epoch_days(), None);
    let gap = d("2019---07");
    assert_eq!((gap.month, gap.day), (None, Some(7)));
}

#[test]
fn reads_offsets_with_and_without_colon() {
    assert_eq!(d("2019-03-07T14:05+0900").tz, Some(TimeZone::Offset(540)));
    assert_eq!(d("2019-03-07T14:05-05").tz, Some(TimeZone::Offset(-300)));
    assert_eq!(d("2019-03-07T14:05Z").tz, Some(TimeZone::Utc));
}

#[test]
fn rejects_impossible_and_non_extended_values() {
    for s in [
        "",
        "2019-02-30",
        "2019-13",
        "2019-00",
        "2019-04-31",
        "2019-03-07T24:00",
        "2019-03-07T14:60",
        "2019-03-07T14:05:61",
        "20190307",
        "2019-3-7",
        "2019-",
        "2019--",
        "2019-03-07T",
        "07/03/2019",
        "2019-03-07 14:05",
        "2019-03-07T14:05+15:00",
        "2019-03-07T14:05:09.",
        "UNK-03-2016",
        "2019-03-07x",
    ] {
        assert!(s.parse::<IsoDateTime>().is_err(), "{s:?} must be rejected");
    }
}

#[test]
fn knows_leap_years() {
    assert!("2020-02-29".parse::<IsoDateTime>().is_ok());
    assert!("2000-02-29".parse::<IsoDateTime>().is_ok());
    assert!("1900-02-29".parse::<IsoDateTime>().is_err());
    assert!("2019-02-29".parse::<IsoDateTime>().is_err());
    assert!(
        "--02-29".parse::<IsoDateTime>().is_ok(),
        "some year has a 29 February"
    );
}

#[test]
fn error_says_where() {
    let e = "2019-3-07".parse::<IsoDateTime>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "`2019-3-07` is not ISO 8601 (at character 6: month must be two digits)"
    );
    let e = "2019-02-30".parse::<IsoDateTime>().unwrap_err();
    assert_eq!(e.to_string(), "`2019-02-30`: day `30` is out of range");
}

#[test]
fn compares_only_what_is_known() {
    assert_eq!(d("2019-03-07").compare(&d("2019-03-08")), Some(Less));
    assert_eq!(d("2019").compare(&d("2020-03")), Some(Less));
    assert_eq!(d("2019-04").compare(&d("2019-03-31")), Some(Greater));
    assert_eq!(d("2019-03-07").compare(&d("2019-03-07")), Some(Equal));
    // Same year, different precision: neither before, after nor equal.
    assert_eq!(d("2019").compare(&d("2019-03")), None);
    assert_eq!(d("2019-03-07").compare(&d("2019-03-07T10:00")), None);
    // An unknown month makes the days incomparable, and two such values are not known equal.
    assert_eq!(d("2019---07").compare(&d("2019---08")), None);
    assert_eq!(d("2019---07").compare(&d("2019---07")), None);
    assert!(!d("2019").is_before(&d("2019-03")));
    assert!(d("2019-03-07T09:59").is_before(&d("2019-03-07T10:00")));
}

#[test]
fn compares_fractions_as_decimals() {
    assert_eq!(
        d("2019-03-07T10:00:00.5").compare(&d("2019-03-07T10:00:00.45")),
        Some(Greater)
    );
    assert_eq!(
        d("2019-03-07T10:00:00.50").compare(&d("2019-03-07T10:00:00.5")),
        Some(Equal)
    );
    assert_eq!(
        d("2019-03-07T10:00:00").compare(&d("2019-03-07T10:00:00.5")),
        None
    );
}

#[test]
fn normalises_time_zones_when_it_can() {
    assert_eq!(
        d("2019-03-07T10:00Z").compare(&d("2019-03-07T19:00+09:00")),
        Some(Equal)
    );
    assert_eq!(
        d("2019-03-07T10:00Z").compare(&d("2019-03-07T18:00+09:00")),
        Some(Greater)
    );
    assert_eq!(
        d("2019-03-08T01:00+09:00").compare(&d("2019-03-07T17:00Z")),
        Some(Less)
    );
    // One zone unknown: a day apart proves nothing, a week apart does.
    assert_eq!(d("2019-03-07T10:00").compare(&d("2019-03-08T10:00Z")), None);
    assert_eq!(
        d("2019-03-01T10:00").compare(&d("2019-03-08T10:00Z")),
        Some(Less)
    );
}

#[test]
fn study_day_has_no_day_zero() {
    let rf = d("2019-03-07");
    assert_eq!(study_day(&rf, &d("2019-03-07")), Some(1));
    assert_eq!(study_day(&rf, &d("2019-03-08")), Some(2));
    assert_eq!(study_day(&rf, &d("2019-03-06")), Some(-1));
    assert_eq!(
        study_day(&rf, &d("2020-03-07")),
        Some(367),
        "2020 is a leap year"
    );
    assert_eq!(study_day(&rf, &d("2019-03")), None);
    assert_eq!(
        study_day(&d("2019-03-07T23:59"), &d("2019-03-08T00:01")),
        Some(2),
        "days, not hours"
    );
    for day in [-400, -2, -1, 1, 2, 365] {
        let date = date_of_study_day(&rf, day).unwrap();
        assert_eq!(study_day(&rf, &date), Some(day));
    }
    assert_eq!(date_of_study_day(&rf, 0), None);
}

#[test]
fn converts_sas_and_epoch_days() {
    assert_eq!(d("1960-01-01").sas_date(), Some(0));
    assert_eq!(d("1970-01-01").epoch_days(), Some(0));
    assert_eq!(IsoDateTime::from_sas_date(21_981).to_string(), "2020-03-07");
    assert_eq!(d("2020-03-07").sas_date(), Some(21_981));
    assert_eq!(IsoDateTime::from_epoch_days(-1).to_string(), "1969-12-31");
    assert!(IsoDateTime::date(2019, 2, 29).is_none());
}

#[test]
fn serde_uses_the_text_form() {
    let v: IsoDateTime = serde_json::from_str("\"2019-03\"").unwrap();
    assert_eq!(serde_json::to_string(&v).unwrap(), "\"2019-03\"");
    assert!(serde_json::from_str::<IsoDateTime>("\"2019-13\"").is_err());
}
