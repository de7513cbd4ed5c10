//! Rule documentation, extracted from each rule file's `//!` comment at build time.

include!(concat!(env!("OUT_DIR"), "/docs.rs"));

/// The sections every rule's documentation has, in order.
pub const DOC_SECTIONS: [&str; 4] = [
    "## What it checks",
    "## Why it matters",
    "## Example",
    "## References",
];

/// The documentation of a rule by its file name (`RuleMeta::name`).
pub fn docs_of(name: &str) -> Option<&'static str> {
    DOCS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}
