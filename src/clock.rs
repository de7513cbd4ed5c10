//! The run's timestamp: one instant used by every output so reruns are byte-identical.

use anyhow::Context;
use model::Timestamp;

/// From `--timestamp`, else `SOURCE_DATE_EPOCH`, else now.
pub fn run_timestamp(option: Option<&str>) -> anyhow::Result<Timestamp> {
    if let Some(text) = option {
        return Timestamp::parse(text).with_context(|| format!("--timestamp `{text}`"));
    }
    if let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") {
        return Timestamp::parse(&text).with_context(|| format!("SOURCE_DATE_EPOCH `{text}`"));
    }
    Timestamp::now().context("system clock is before 1970")
}
