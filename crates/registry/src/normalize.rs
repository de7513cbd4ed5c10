//! Free text to normalized values: dates, ages, phases, statuses, target sizes and
//! eligibility criteria as registries other than the API v2 write them.
//!
//! These never fail: text that cannot be read comes back as `None`/`Unknown` and the caller
//! keeps the raw text, because a registry's prose is data, not an error.

use crate::codes::{AgeUnit, OverallStatus, Phase, key};
use crate::record::Age;
use model::IsoDateTime;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Reads ISO 8601 (`2010-05`, `2014-08-05`), `20141101`, `2014/11/01`, `01/11/2014`
/// (day first, as ICTRP writes it), `June 2006`, `October 9, 2009` and `9 October 2009`.
pub fn parse_date(text: &str) -> Option<IsoDateTime> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(d) = t.parse::<IsoDateTime>() {
        return Some(d);
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<u32>().ok());
        return IsoDateTime::date(n(0..4)? as i32, n(4..6)? as u8, n(6..8)? as u8);
    }
    let numeric: Vec<&str> = t.split(['/', '.', '-']).collect();
    if numeric.len() == 3
        && numeric
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        // A part too long for a number is no date, and no part may wrap into a valid one
        // (month 257 is not January); found by the registry_record fuzzer.
        let v: Option<Vec<u32>> = numeric.iter().map(|p| p.parse().ok()).collect();
        let v = v?;
        let (y, m, d) = if numeric[0].len() == 4 {
            (v[0], v[1], v[2])
        } else {
            (v[2], v[1], v[0])
        };
        let (y, m, d) = (
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        );
        return IsoDateTime::date(y, m, d);
    }
    if let [y, m] = numeric[..]
        && y.len() == 4
        && (1..=2).contains(&m.len())
        && format!("{y}{m}").bytes().all(|b| b.is_ascii_digit())
    {
        return format!("{y}-{m:0>2}").parse().ok();
    }
    word_date(t)
}

fn word_date(t: &str) -> Option<IsoDateTime> {
    let (mut year, mut month, mut day) = (None, None, None);
    for tok in t.split([' ', ',']).filter(|s| !s.is_empty()) {
        let lower = tok.to_ascii_lowercase();
        if let Some(i) = MONTHS
            .iter()
            // `get`: the first three bytes may end inside a character (a BOM, `é`); found by
            // the ctgov_xml fuzzer.
            .position(|m| lower.get(..3).is_some_and(|p| m.starts_with(p)))
        {
            month.replace(i as u8 + 1).map_or(Some(()), |_| None)?;
        } else if tok.len() == 4 && tok.bytes().all(|b| b.is_ascii_digit()) {
            year.replace(tok.parse::<i32>().ok()?)
                .map_or(Some(()), |_| None)?;
        } else if tok.len() <= 2 && tok.bytes().all(|b| b.is_ascii_digit()) {
            day.replace(tok.parse::<u8>().ok()?)
                .map_or(Some(()), |_| None)?;
        } else {
            return None;
        }
    }
    match (year?, month?, day) {
        (y, m, Some(d)) => IsoDateTime::date(y, m, d),
        (y, m, None) => format!("{y:04}-{m:02}").parse().ok(),
    }
}

/// An age limit; `None` for "N/A", "no limit" and the like.
pub fn parse_age(text: &str) -> Option<Age> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let no_limit = [
        "",
        "n/a",
        "na",
        "none",
        "no limit",
        "not applicable",
        "not stated",
        "-",
        "no",
    ];
    if no_limit.contains(&lower.as_str())
        || lower.starts_with("no limit")
        || lower.starts_with("not applicable")
    {
        return None;
    }
    let start = t.find(|c: char| c.is_ascii_digit());
    let Some(start) = start else {
        return Some(Age {
            value: None,
            unit: AgeUnit::Unknown,
            raw: t.to_owned(),
        });
    };
    let digits: String = t[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest = key(&t[start + digits.len()..]);
    let unit = if rest.is_empty() {
        AgeUnit::Years
    } else {
        AgeUnit::from_key(&rest)
            .or_else(|| rest.split('_').next().and_then(AgeUnit::from_key))
            .unwrap_or(AgeUnit::Unknown)
    };
    Some(Age {
        value: digits.parse().ok(),
        unit,
        raw: t.to_owned(),
    })
}

/// Phases from free text: "Phase 2", "Phase II", "2-3", "Phase 1/Phase 2", "Not Applicable",
/// and the EU register's "Therapeutic exploratory (Phase II): yes ... (Phase III): no".
pub fn phases_free_text(text: &str) -> Vec<Phase> {
    let k = key(text);
    if k.is_empty() {
        return Vec::new();
    }
    if let Some(p) = Phase::from_key(&k) {
        return vec![p];
    }
    if ["NONE", "NOT_SPECIFIED"].contains(&k.as_str()) {
        return vec![Phase::NotApplicable];
    }
    let tokens: Vec<&str> = k.split('_').collect();
    let yes_no = tokens.iter().any(|t| *t == "YES" || *t == "NO");
    let mut out = Vec::new();
    let mut pending = Vec::new();
    let mut early = false;
    for tok in &tokens {
        match *tok {
            "EARLY" => early = true,
            "YES" => out.append(&mut pending),
            "NO" => pending.clear(),
            t => {
                let num = t.strip_prefix("PHASE").unwrap_or(t);
                let phase = match num {
                    "0" => Some(Phase::EarlyPhase1),
                    "1" | "I" | "1A" | "1B" => Some(if early {
                        Phase::EarlyPhase1
                    } else {
                        Phase::Phase1
                    }),
                    "2" | "II" | "2A" | "2B" | "IIA" | "IIB" => Some(Phase::Phase2),
                    "3" | "III" | "3A" | "3B" | "IIIA" | "IIIB" => Some(Phase::Phase3),
                    "4" | "IV" => Some(Phase::Phase4),
                    _ => None,
                };
                if let Some(p) = phase {
                    early = false;
                    if yes_no { pending.push(p) } else { out.push(p) }
                }
            }
        }
    }
    out.dedup();
    if out.is_empty() && !yes_no {
        out.push(Phase::Unknown);
    }
    out
}

/// The overall status as the reader of `format` reads `text`: API v2 tokens exactly, the
/// CT.gov labels (legacy XML, classic JSON) in [`key`] form, free text (ICTRP, study TOML)
/// by [`status_free_text`]. `None` where that reader refuses the value. The documented
/// table (`docs/registry.md`) is checked against this function row by row.
pub fn overall_status(format: crate::Format, text: &str) -> Option<OverallStatus> {
    use crate::Format;
    match format {
        Format::CtgovJson => OverallStatus::from_key(text),
        Format::CtgovXml | Format::CtgovClassicJson => OverallStatus::from_key(&key(text)),
        Format::Ictrp | Format::StudyToml => Some(status_free_text(text)),
    }
}

/// A recruitment status from any registry's wording.
pub fn status_free_text(text: &str) -> OverallStatus {
    let k = key(text);
    if let Some(s) = OverallStatus::from_key(&k) {
        return s;
    }
    match k.as_str() {
        "PREINITIATION" | "NOT_YET_RECRUITING_PENDING" => OverallStatus::NotYetRecruiting,
        "OPEN_PUBLIC_RECRUITING" | "LIMITED_PUBLIC_RECRUITING" | "OPEN" => {
            OverallStatus::Recruiting
        }
        "NO_LONGER_RECRUITING" | "RECRUITMENT_COMPLETED" | "CLOSED_TO_RECRUITMENT" => {
            OverallStatus::ActiveNotRecruiting
        }
        "MAIN_RESULTS_ALREADY_PUBLISHED" | "COMPLETED_RESULTS_PUBLISHED" => {
            OverallStatus::Completed
        }
        "ENROLLING_BY_INVITATION_ONLY" => OverallStatus::EnrollingByInvitation,
        "STOPPED" | "STOPPED_EARLY_TERMINATED" => OverallStatus::Terminated,
        // JPRN / UMIN-CTR wording, as ICTRP passes it on (issue 16: this was "unknown").
        "COMPLETE_FOLLOW_UP_COMPLETE" => OverallStatus::Completed,
        "COMPLETE_FOLLOW_UP_CONTINUING" => OverallStatus::ActiveNotRecruiting,
        // CTRI.
        "OPEN_TO_RECRUITMENT" => OverallStatus::Recruiting,
        "CLOSED_TO_RECRUITMENT_OF_PARTICIPANTS" => OverallStatus::ActiveNotRecruiting,
        // DRKS.
        "RECRUITING_PLANNED" => OverallStatus::NotYetRecruiting,
        "RECRUITING_ONGOING" => OverallStatus::Recruiting,
        "RECRUITING_COMPLETE_STUDY_COMPLETE" => OverallStatus::Completed,
        "RECRUITING_COMPLETE_FOLLOW_UP_CONTINUING" => OverallStatus::ActiveNotRecruiting,
        "RECRUITING_STOPPED_AFTER_RECRUITING_STARTED" => OverallStatus::Terminated,
        "RECRUITING_WITHDRAWN_BEFORE_RECRUITING_STARTED" => OverallStatus::Withdrawn,
        "RECRUITING_SUSPENDED_ON_TEMPORARY_HOLD" => OverallStatus::Suspended,
        _ => OverallStatus::Unknown,
    }
}

/// A target size from "58", "58;", "Japan: 58" or "Group A:30;Group B:28;" (summed).
pub fn target_size(text: &str) -> Option<u32> {
    let parts: Vec<&str> = text
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    parts.iter().try_fold(0u32, |sum, part| {
        let n = part.rsplit(':').next()?.trim().replace(',', "");
        sum.checked_add(n.parse::<u32>().ok()?)
    })
}

/// Splits eligibility text into inclusion and exclusion criteria, one entry per top-level
/// item. Bullets (`*`, `-`, `•`) and numbers (`1.`, `1)`) start items; deeper-indented lines
/// and wrapped lines join the item above. Items numbered inline ("1. Age ≥ 18 2. Signed
/// consent") are split on the running number.
pub fn split_criteria(text: &str) -> (Vec<String>, Vec<String>) {
    let mut inclusion = Vec::new();
    let mut exclusion = Vec::new();
    let mut section: Option<bool> = None;
    let mut lines: Vec<&str> = Vec::new();
    let mut flush = |section: Option<bool>, lines: &mut Vec<&str>| {
        let items = items(lines);
        match section {
            Some(true) => inclusion.extend(items),
            Some(false) => exclusion.extend(items),
            None => {}
        }
        lines.clear();
    };
    for line in text.lines() {
        let lower = line.trim().to_ascii_lowercase();
        let heading = lower.len() < 80
            && lower.contains("criteria")
            && (lower.ends_with(':') || lower.ends_with("criteria"));
        let head_inline = lower
            .find("criteria:")
            .filter(|_| lower.starts_with("inclusion") || lower.starts_with("exclusion"));
        if heading || head_inline.is_some() {
            let kind = if lower.contains("exclusion") {
                Some(false)
            } else if lower.contains("inclusion") {
                Some(true)
            } else {
                None
            };
            if kind.is_some() {
                flush(section, &mut lines);
                section = kind;
                if let Some(i) = head_inline.filter(|_| !heading) {
                    lines.push(&line.trim()[i + "criteria:".len()..]);
                }
                continue;
            }
        }
        lines.push(line);
    }
    flush(section, &mut lines);
    (inclusion, exclusion)
}

/// The items of one criteria list given on its own (ICTRP has separate inclusion and
/// exclusion fields); a leading "Inclusion criteria:" heading is dropped.
pub fn criteria_items(text: &str) -> Vec<String> {
    let (inc, exc) = split_criteria(text);
    match (inc.is_empty(), exc.is_empty()) {
        (false, _) => inc,
        (true, false) => exc,
        (true, true) => items(&text.lines().collect::<Vec<_>>()),
    }
}

fn marker_len(s: &str) -> Option<usize> {
    for b in ["* ", "- ", "• ", "· ", "-\t", "*\t"] {
        if s.starts_with(b) {
            return Some(b.len());
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let after = s.as_bytes().get(digits).copied();
    let space = s.as_bytes().get(digits + 1).copied();
    (digits > 0
        && digits <= 3
        && matches!(after, Some(b'.' | b')'))
        && matches!(space, Some(b' ' | b'\t')))
    .then_some(digits + 1)
}

fn items(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut base: Option<usize> = None;
    let has_markers = lines.iter().any(|l| marker_len(l.trim_start()).is_some());
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.trim().is_empty() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let marker = marker_len(trimmed);
        let starts_item = match (marker, base) {
            (Some(_), None) => true,
            (Some(_), Some(b)) => indent <= b + 1,
            (None, _) => !has_markers,
        };
        if starts_item {
            base.get_or_insert(indent);
            out.push(trimmed[marker.unwrap_or(0)..].trim().to_owned());
        } else if let Some(last) = out.last_mut() {
            last.push(' ');
            last.push_str(trimmed.trim());
        } else {
            out.push(trimmed.trim().to_owned());
        }
    }
    if out.len() == 1 {
        let first = lines
            .iter()
            .map(|l| l.trim_start())
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        if first.starts_with("1.") || first.starts_with("1)") {
            out = inline_numbered(&out[0]);
        }
    }
    out.into_iter()
        .map(|s| unescape_markdown(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

fn inline_numbered(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut next = 2;
    loop {
        let found = [format!(" {next}. "), format!(" {next}) ")]
            .into_iter()
            .filter_map(|p| rest.find(&p))
            .min();
        match found {
            Some(i) => {
                out.push(rest[..i].trim().to_owned());
                rest = rest[i..].trim_start();
                rest = &rest[next.to_string().len() + 1..];
                next += 1;
            }
            None => {
                out.push(rest.trim().to_owned());
                return out;
            }
        }
    }
}

/// API v2 criteria are Markdown: `\<5%` means `<5%`.
fn unescape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
