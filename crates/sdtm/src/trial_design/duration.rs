//! Registry durations: age limits as ISO 8601 durations (AGEMIN `P18Y`) and outcome time
//! frames ("52 weeks", "Week 52", "Baseline to 12 months") in days.

use registry::{Age, AgeUnit};

/// An age limit as SDTM writes it: `P18Y`, `P6M`, `P2W`, `P10D`, `PT12H`, `PT30M`.
/// `None` when the number or the unit is unknown.
pub fn age_duration(age: &Age) -> Option<String> {
    let n = age.value?;
    Some(match age.unit {
        AgeUnit::Years => format!("P{n}Y"),
        AgeUnit::Months => format!("P{n}M"),
        AgeUnit::Weeks => format!("P{n}W"),
        AgeUnit::Days => format!("P{n}D"),
        AgeUnit::Hours => format!("PT{n}H"),
        AgeUnit::Minutes => format!("PT{n}M"),
        AgeUnit::Unknown => return None,
    })
}

/// Days in one unit, or `None` for a word that is not a time unit. Months and years are
/// their Gregorian averages, which is what "12 months" means in a time frame.
fn unit_days(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "minute" | "min" => 1.0 / 1440.0,
        "hour" | "hr" | "h" => 1.0 / 24.0,
        "day" | "d" => 1.0,
        "week" | "wk" | "w" => 7.0,
        "month" | "mo" | "mth" => 365.25 / 12.0,
        "year" | "yr" | "y" => 365.25,
        _ => return None,
    })
}

/// The longest duration a time frame states, in days: `52 weeks` → 364, `Week 52` → 364,
/// `Baseline to 12 months` → 365.25, `up to 2 years` → 730.5, `Day 28` → 28. `None` when the
/// text names no number with a time unit (e.g. "through study completion").
pub fn time_frame_days(text: &str) -> Option<f64> {
    let tokens = tokens(text);
    let mut best: Option<f64> = None;
    for (i, t) in tokens.iter().enumerate() {
        let Ok(n) = t.parse::<f64>() else { continue };
        // "52 weeks" (unit after) or "Week 52" (unit before).
        let unit = tokens
            .get(i + 1)
            .and_then(|u| unit_days(u))
            .or_else(|| i.checked_sub(1).and_then(|p| unit_days(&tokens[p])));
        if let Some(u) = unit {
            let days = n * u;
            best = Some(best.map_or(days, |b: f64| b.max(days)));
        }
    }
    best
}

/// Numbers and words of `text`; a number glued to its unit (`52weeks`, `12-month`) is split.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut digits = false;
    for c in text.chars() {
        let is_num = c.is_ascii_digit() || (c == '.' && digits && !cur.is_empty());
        if c.is_alphanumeric() || is_num {
            if !cur.is_empty() && is_num != digits {
                out.push(std::mem::take(&mut cur));
            }
            digits = is_num;
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(value: Option<u32>, unit: AgeUnit) -> Age {
        Age {
            value,
            unit,
            raw: String::new(),
        }
    }

    #[test]
    fn ages() {
        assert_eq!(
            age_duration(&age(Some(18), AgeUnit::Years)).as_deref(),
            Some("P18Y")
        );
        assert_eq!(
            age_duration(&age(Some(6), AgeUnit::Months)).as_deref(),
            Some("P6M")
        );
        assert_eq!(
            age_duration(&age(Some(30), AgeUnit::Minutes)).as_deref(),
            Some("PT30M")
        );
        assert_eq!(age_duration(&age(None, AgeUnit::Years)), None);
        assert_eq!(age_duration(&age(Some(3), AgeUnit::Unknown)), None);
    }

    #[test]
    fn time_frames() {
        assert_eq!(time_frame_days("52 weeks"), Some(364.0));
        assert_eq!(time_frame_days("Week 52"), Some(364.0));
        assert_eq!(time_frame_days("Baseline to 52 weeks"), Some(364.0));
        assert_eq!(time_frame_days("Baseline, Week 4, Week 16"), Some(112.0));
        assert_eq!(time_frame_days("12 months"), Some(365.25));
        assert_eq!(time_frame_days("12-month"), Some(365.25));
        assert_eq!(time_frame_days("up to 2 years"), Some(730.5));
        assert_eq!(time_frame_days("Day 28"), Some(28.0));
        assert_eq!(time_frame_days("1.5 years"), Some(547.875));
        assert_eq!(time_frame_days("through study completion"), None);
        assert_eq!(time_frame_days("3 visits"), None);
    }
}
