//! SAS transport (v5/v8) bytes → every member, every row, every finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((datasets, findings)) = formats::xpt::read_all_members(data) {
        for ds in &datasets {
            for row in &ds.rows {
                assert_eq!(row.len(), ds.meta.variables.len(), "row width");
            }
        }
        let _ = findings.iter().map(ToString::to_string).count();
    }
});
