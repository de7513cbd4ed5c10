//! CT.gov legacy XML and WHO ICTRP XML text → StudyRecord (both readers, same input).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = registry::ctgov_xml::read_str(text) {
            let _ = (e.to_string(), e.position());
        }
        let _ = registry::ictrp::read_all(text).map_err(|e| e.to_string());
        let _ = registry::sniff(text);
    }
});
