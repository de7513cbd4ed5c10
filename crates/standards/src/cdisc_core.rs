//! CDISC CORE's published conformance rules and the rule schema, embedded at build time
//! from the standards folder's `cdisc-core/` (MIT: cdisc-org/cdisc-open-rules and
//! cdisc-org/cdisc-rules-engine; licence texts below). Stored deflated, inflated once on
//! first use; nothing is read from disk at run time.

use flate2::read::DeflateDecoder;
use std::io::Read;
use std::sync::OnceLock;

const RULES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cdisc-core-rules.deflate"));
const SCHEMA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cdisc-core-schema.deflate"));

/// The cdisc-org/cdisc-open-rules commit the rules were taken at.
pub const RULES_COMMIT: &str = env!("TRIALBRIDGE_CORE_RULES_COMMIT");
/// The cdisc-org/cdisc-rules-engine commit the rule schema was taken at.
pub const ENGINE_COMMIT: &str = env!("TRIALBRIDGE_CORE_ENGINE_COMMIT");
/// Licence of the rules (MIT), as published with them.
pub const RULES_LICENCE: &str = include_str!(concat!(env!("OUT_DIR"), "/LICENSE-cdisc-open-rules"));
/// Licence of the rule schema (MIT), as published with it.
pub const ENGINE_LICENCE: &str =
    include_str!(concat!(env!("OUT_DIR"), "/LICENSE-cdisc-rules-engine"));

/// One embedded file: its name (a CORE id for rules, a file name for the schema) and text.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    pub name: &'static str,
    pub text: &'static str,
}

/// Every published rule (`rule.yml`), by CORE id, in id order.
pub fn rules() -> &'static [Embedded] {
    static ALL: OnceLock<Vec<Embedded>> = OnceLock::new();
    ALL.get_or_init(|| unpack(RULES))
}

/// The rule schema's files (`CORE-base.json`, `Operator.json`, ...), by file name.
pub fn schema() -> &'static [Embedded] {
    static ALL: OnceLock<Vec<Embedded>> = OnceLock::new();
    ALL.get_or_init(|| unpack(SCHEMA))
}

/// build.rs packed these bytes from UTF-8 files: inflating cannot fail.
fn unpack(deflated: &[u8]) -> Vec<Embedded> {
    let mut text = String::new();
    DeflateDecoder::new(deflated)
        .read_to_string(&mut text)
        .expect("CORE files packed by build.rs inflate to UTF-8");
    // Lives as long as the program: the rules are read-only reference data.
    let text: &'static str = Box::leak(text.into_boxed_str());
    text.split_terminator('\u{1e}')
        .filter_map(|entry| entry.split_once('\u{1f}'))
        .map(|(name, text)| Embedded { name, text })
        .collect()
}
