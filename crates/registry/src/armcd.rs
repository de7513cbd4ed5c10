//! ARMCD from an arm's label: the one rule, here because both `sdtm` (TA, TE, the
//! registry-vs-DM cross-checks) and `fhir` (comparison groups, ResearchSubject links, FH0016)
//! read it, and two rules gave two different codes for the same arm.

/// Words that say nothing about what distinguishes one arm from another.
const FILLER: [&str; 21] = [
    "A",
    "AN",
    "THE",
    "OF",
    "AND",
    "OR",
    "PLUS",
    "WITH",
    "IN",
    "ON",
    "FOR",
    "TO",
    "BY",
    "AT",
    "VS",
    "VERSUS",
    "ARM",
    "GROUP",
    "COHORT",
    "PATIENTS",
    "PARTICIPANTS",
];

/// Codes SDTMIG reserves for subjects outside any planned arm.
const RESERVED: [&str; 2] = ["SCRNFAIL", "NOTASSGN"];

/// The longest ARMCD SDTMIG allows.
pub const ARMCD_MAX: usize = 20;

/// The ARMCD for an arm label.
///
/// The rule, applied in order:
/// 1. The label is made ASCII by [`model::ascii::transliterate`] (`é` → `e`, `µ` → `u`,
///    other scripts → `?`); anything but a letter or digit separates words; letters are
///    upper-cased. Case changes do not split a word, so `CsA` stays one word.
/// 2. Filler words are dropped: articles and conjunctions (`A`, `THE`, `AND`, `PLUS`,
///    `WITH`, `VS`, ...) and the words that only say "this is an arm" (`ARM`, `GROUP`,
///    `COHORT`, `PATIENTS`, `PARTICIPANTS`).
/// 3. Each remaining word is cut to its first 4 characters; numbers are kept whole.
/// 4. Words are joined with `_` while the code stays within 20 characters.
/// 5. A label with no word left gives `ARM`.
///
/// So `TAC group` → `TAC`, `CsA group` → `CSA`, `Tacrolimus + prednisolone` → `TACR_PRED`,
/// `Dupilumab 300 mg qw` → `DUPI_300_MG_QW`. The code depends on the label alone; use
/// [`armcds_for`] to make the codes of one study unique.
pub fn armcd_for(label: &str) -> String {
    let mut code = String::new();
    for word in words(label) {
        if FILLER.contains(&word.as_str()) {
            continue;
        }
        let part: String = if word.bytes().all(|b| b.is_ascii_digit()) {
            word
        } else {
            word.chars().take(4).collect()
        };
        let needed = part.len() + usize::from(!code.is_empty());
        if code.len() + needed > ARMCD_MAX {
            if code.is_empty() {
                code = part.chars().take(ARMCD_MAX).collect();
            }
            break;
        }
        if !code.is_empty() {
            code.push('_');
        }
        code.push_str(&part);
    }
    if code.is_empty() {
        "ARM".to_owned()
    } else {
        code
    }
}

/// ARMCDs for all arms of one study, in label order: [`armcd_for`] of each, with `_2`,
/// `_3`, ... added (the base cut so the code stays within 20 characters) to the second and
/// later labels that give a code already taken or reserved (`SCRNFAIL`, `NOTASSGN`).
pub fn armcds_for<S: AsRef<str>>(labels: &[S]) -> Vec<String> {
    let mut taken: Vec<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        let base = armcd_for(label.as_ref());
        let code = unique(&base, &taken, ARMCD_MAX);
        taken.push(code.clone());
        out.push(code);
    }
    out
}

/// `base`, or `base_n` with the smallest n ≥ 2 not in `taken`, within `max` bytes.
pub fn unique(base: &str, taken: &[String], max: usize) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| {
            let suffix = format!("_{n}");
            let keep = max.saturating_sub(suffix.len()).min(base.len());
            format!("{}{suffix}", base[..keep].trim_end_matches('_'))
        })
        .find(|c| !taken.iter().any(|t| t == c))
        .unwrap_or_else(|| base.to_owned())
}

/// The FHIR `id` for an ARMCD (R5 `comparisonGroup.linkId`, ResearchSubject
/// `assignedComparisonGroup`): `_` becomes `-`, since an `id` allows only letters, digits,
/// `-` and `.`. [`armcd_for`] writes only `A–Z`, `0–9` and `_`, so the two are one-to-one.
pub fn link_id(armcd: &str) -> String {
    armcd
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' => c,
            _ => '-',
        })
        .collect()
}

/// Upper-case ASCII words of `text` (see [`armcd_for`] step 1).
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in model::ascii::transliterate(text).chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_uppercase());
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

    #[test]
    fn the_documented_examples() {
        assert_eq!(armcd_for("TAC group"), "TAC");
        assert_eq!(armcd_for("CsA group"), "CSA");
        assert_eq!(armcd_for("Tacrolimus + prednisolone"), "TACR_PRED");
        assert_eq!(armcd_for("Dupilumab 300 mg qw"), "DUPI_300_MG_QW");
        assert_eq!(armcd_for("Group"), "ARM");
        assert_eq!(armcd_for("Hôpital élargi"), "HOPI_ELAR");
        assert_eq!(armcd_for("AP303 50 μg"), "AP30_50_UG");
        assert_eq!(armcd_for("ステロイド"), "ARM");
    }

    #[test]
    fn long_labels_stop_at_a_word_within_20() {
        let c = armcd_for("Group 1: European Standard of care with extra words");
        assert!(c.len() <= ARMCD_MAX, "{c}");
        assert_eq!(c, "1_EURO_STAN_CARE");
        assert_eq!(
            armcd_for("123456789012345678901234"),
            "12345678901234567890"
        );
    }

    #[test]
    fn duplicates_get_suffixes() {
        let codes = armcds_for(&["Placebo", "placebo arm", "Tacrolimus", "Placebo group"]);
        assert_eq!(codes, ["PLAC", "PLAC_2", "TACR", "PLAC_3"]);
        assert_eq!(
            unique("NOTASSGN", &["NOTASSGN".to_owned()], 20),
            "NOTASSGN_2"
        );
        let long = "ABCDEFGHIJKLMNOPQRST";
        assert_eq!(unique(long, &[long.to_owned()], 20), "ABCDEFGHIJKLMNOPQR_2");
    }

    #[test]
    fn link_ids_are_fhir_ids() {
        assert_eq!(link_id("TACR_PRED"), "TACR-PRED");
        assert_eq!(link_id("PLAC_2"), "PLAC-2");
        assert_eq!(link_id("TAC"), "TAC");
    }
}
