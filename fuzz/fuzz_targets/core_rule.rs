//! CORE rule YAML text → schema check → compiled plan, and a plan that compiles run on a
//! small DM with blank, numeric and text values: any rule text a user passes to `--rules`.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The DM every rule runs on, shared with the corpus replay in tests/cli/corpus_lib.rs.
include!("../core_rule_dm.rs");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match core_rules::RuleBook::from_text("fuzz.yml", text) {
        Ok(book) => {
            let package = core_rules::Package {
                standard: core_rules::Standard::new("SDTMIG", "3.4"),
                datasets: vec![fuzz_dm().into()],
            };
            let _ = book.run_all(&package);
        }
        Err(errors) => {
            let _ = errors.iter().map(ToString::to_string).count();
        }
    }
});
