//! The run's timestamp: one instant used by every output so reruns are byte-identical.

use anyhow::{Context, bail};
use model::IsoDateTime;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the UNIX epoch, from `--timestamp`, else `SOURCE_DATE_EPOCH`, else now.
pub fn run_timestamp(option: Option<&str>) -> anyhow::Result<i64> {
    if let Some(text) = option {
        return parse(text).with_context(|| format!("--timestamp `{text}`"));
    }
    if let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") {
        return parse(&text).with_context(|| format!("SOURCE_DATE_EPOCH `{text}`"));
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .context("system clock is before 1970")?;
    Ok(i64::try_from(now.as_secs()).unwrap_or(i64::MAX))
}

fn parse(text: &str) -> anyhow::Result<i64> {
    if let Ok(secs) = text.trim().parse::<i64>() {
        return Ok(secs);
    }
    let t: IsoDateTime = text.trim().parse()?;
    let (Some(days), Some(h), Some(m)) = (t.epoch_days(), t.hour, t.minute) else {
        bail!("needs a full date and time, e.g. 2024-01-31T12:00:00Z");
    };
    let offset = match t.tz {
        Some(model::TimeZone::Offset(o)) => i64::from(o) * 60,
        Some(model::TimeZone::Utc) => 0,
        None => bail!("needs a time zone, e.g. Z"),
    };
    Ok(
        days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(t.second.unwrap_or(0))
            - offset,
    )
}

/// `2024-01-31T12:00:00Z`.
pub fn iso_utc(secs: i64) -> String {
    let day = IsoDateTime::from_epoch_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_seconds_and_rfc3339() {
        assert_eq!(parse("0").unwrap(), 0);
        assert_eq!(parse("2024-01-31T12:00:00Z").unwrap(), 1_706_702_400);
        assert_eq!(parse("2024-01-31T21:00:00+09:00").unwrap(), 1_706_702_400);
        assert!(parse("2024-01-31").is_err());
        assert!(parse("2024-01-31T12:00").is_err());
        assert_eq!(iso_utc(1_706_702_400), "2024-01-31T12:00:00Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59Z");
    }
}
