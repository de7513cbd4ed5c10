//! ISO 8601 text → IsoDateTime; what parses must print and parse back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use model::IsoDateTime;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(v) = text.parse::<IsoDateTime>() else {
        return;
    };
    let printed = v.to_string();
    let again: IsoDateTime = printed
        .parse()
        .unwrap_or_else(|e| panic!("{text:?} printed as {printed:?}, which does not parse: {e}"));
    assert_eq!(again, v, "{text:?} printed as {printed:?}");
    let _ = (
        v.epoch_days(),
        v.sas_date(),
        v.date_part(),
        v.compare(&again),
    );
});
