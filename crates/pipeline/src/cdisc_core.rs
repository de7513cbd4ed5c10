//! CDISC CORE rules in `validate`: which rules run (bundled, `--rules`, `--select`/`--ignore`),
//! against which standard, and their findings tied back to the files they came from.

use crate::Failure;
use anyhow::anyhow;
use core_rules::{CompiledRule, Package, RuleBook, Standard, Status};
use model::Finding;
use reports::json::{Checked, RuleStatus};
use rules::Input;

/// The reason of a rule skipped because it does not cite the package's standard.
const NOT_APPLICABLE: &str = "not applicable to";

/// Where a selector's codes come from. Codes raised while reading, converting or
/// cross-checking (the registry `rules::raised`) are filtered by code prefix after the run;
/// a selector no code starts with goes to the catalogue, which refuses it with a suggestion.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Core,
    Elsewhere,
    Catalogue,
}

/// CORE ids all start with this; `--select CORE` / `--ignore CORE` take the whole family.
const FAMILY: &str = "CORE";

/// The rules one run applies: the catalogue's selection, and CORE's bundled rules that cite
/// the standard plus every `--rules` rule (a user's own rules run whatever standards they
/// cite). A selector goes to CORE when it names the `CORE` family or a `--rules` rule.
pub struct Chosen {
    pub catalogue: rules::Selection,
    /// The catalogue runs nothing: no `--select` named one of its codes.
    pub catalogue_off: bool,
    bundled: RuleBook,
    custom: RuleBook,
}

pub fn choose(
    select: &[String],
    ignore: &[String],
    custom: &[std::path::PathBuf],
) -> Result<Chosen, Failure> {
    let mut problems = Vec::new();
    let mut own = Vec::new();
    for path in custom {
        match RuleBook::load(path) {
            Ok(book) => own.extend(book.rules().iter().cloned()),
            Err(errors) => problems.extend(errors.into_iter().map(|e| anyhow!("{e}"))),
        }
    }
    if !problems.is_empty() {
        return Err(Failure(problems));
    }
    let bundled = RuleBook::bundled();
    let starts = |r: &CompiledRule, s: &str| r.id().to_ascii_uppercase().starts_with(s);
    let kind = |s: &str| {
        if s.starts_with(FAMILY) || own.iter().any(|r| starts(r, s)) {
            Kind::Core
        } else if !rules::codes::TABLE.iter().any(|e| e.code.starts_with(s))
            && rules::raised::all().iter().any(|r| r.code.starts_with(s))
        {
            Kind::Elsewhere
        } else {
            Kind::Catalogue
        }
    };
    let part = |list: &[String], k: Kind| -> Vec<String> {
        list.iter()
            .map(|s| s.to_ascii_uppercase())
            .filter(|s| kind(s) == k)
            .collect()
    };
    let (core_select, core_ignore) = (part(select, Kind::Core), part(ignore, Kind::Core));
    for s in core_select.iter().chain(&core_ignore) {
        if !bundled.rules().iter().chain(&own).any(|r| starts(r, s)) {
            problems.push(anyhow!(
                "no CORE rule id starts with `{s}`; `trialbridge rules` lists them"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Failure(problems));
    }
    // `--select` naming only catalogue codes runs no CORE rule, and the other way round.
    let core_off = !select.is_empty() && core_select.is_empty();
    let keep = |r: &&CompiledRule| {
        !core_off
            && (core_select.is_empty() || core_select.iter().any(|s| starts(r, s)))
            && !core_ignore.iter().any(|s| starts(r, s))
    };
    let pick = |rules: &[CompiledRule]| rules.iter().filter(keep).cloned().collect::<Vec<_>>();
    let catalogue_select = part(select, Kind::Catalogue);
    Ok(Chosen {
        catalogue_off: !select.is_empty() && catalogue_select.is_empty(),
        catalogue: rules::Selection {
            select: catalogue_select,
            ignore: part(ignore, Kind::Catalogue),
            preview: false,
        },
        bundled: RuleBook::from_rules(pick(bundled.rules())),
        custom: RuleBook::from_rules(pick(&own)),
    })
}

/// `--standard sdtmig-3.4` (also `SDTMIG 3.4`, `sdtmig-3-4`).
pub fn parse_standard(text: &str) -> Result<Standard, Failure> {
    let text = text.trim();
    let (name, version) = text
        .split_once(['-', ' '])
        .filter(|(n, v)| !n.is_empty() && !v.is_empty())
        .ok_or_else(|| {
            anyhow!("--standard `{text}`: expected a name and version, e.g. sdtmig-3.4")
        })?;
    Ok(Standard::new(
        name.to_ascii_uppercase(),
        version.trim().replace('-', "."),
    ))
}

/// Runs the chosen rules on the datasets read; findings name the file each dataset came from.
pub fn run(
    chosen: &Chosen,
    standard: &Standard,
    source: &str,
    ct: String,
    inputs: &[Input],
) -> (Vec<Finding>, Checked) {
    let runs = |r: &CompiledRule| r.applies_to(standard);
    // A standard's rules see the datasets of that standard only: SDTMIG rules on an ADSL
    // raised "DM dataset is missing" and label-case errors on every ADaM package.
    let adam_standard = standard.name.eq_ignore_ascii_case("ADaMIG");
    let ours: Vec<bool> = inputs
        .iter()
        .map(|i| rules::is_adam(i) == adam_standard)
        .collect();
    let any = ours.contains(&true)
        && (chosen.bundled.rules().iter().any(runs) || !chosen.custom.rules().is_empty());
    // Tables share their Arrow arrays: the package's copies cost no data, and a run with no
    // rule to apply builds nothing.
    let package = Package {
        standard: standard.clone(),
        datasets: if any {
            inputs
                .iter()
                .zip(&ours)
                .filter(|(_, ours)| **ours)
                .map(|(i, _)| i.dataset.clone())
                .collect()
        } else {
            Vec::new()
        },
    };
    let (mut outcome, own) = if any {
        (
            chosen.bundled.run(&package),
            chosen.custom.run_all(&package),
        )
    } else {
        let none = || core_rules::RunOutcome {
            statuses: Vec::new(),
            findings: Vec::new(),
        };
        (none(), none())
    };
    outcome.statuses.extend(own.statuses);
    outcome.findings.extend(own.findings);
    // Every bundled rule has a status: those for other standards are skipped, saying so.
    for r in chosen
        .bundled
        .rules()
        .iter()
        .filter(|r| !r.applies_to(standard))
    {
        let reason = format!("{NOT_APPLICABLE} {} {}", standard.name, standard.version);
        outcome
            .statuses
            .push((r.id().to_owned(), Status::Skipped { reason }));
    }
    outcome.statuses.sort_by(|a, b| a.0.cmp(&b.0));
    let findings = outcome
        .findings
        .into_iter()
        .map(|f| located(f, inputs))
        .collect();
    let rules = outcome
        .statuses
        .iter()
        .map(|(id, status)| {
            let (word, reason, n) = match status {
                Status::Passed => ("passed", None, 0),
                Status::Failed { findings } => ("failed", None, findings.len()),
                Status::Skipped { reason } => ("skipped", Some(reason.clone()), 0),
                Status::Error { cause } => ("error", Some(cause.clone()), 0),
            };
            RuleStatus {
                id: id.clone(),
                status: word.to_owned(),
                reason,
                findings: n,
            }
        })
        .collect();
    let checked = Checked {
        standard: format!("{} {}", standard.name, standard.version)
            .trim_end()
            .to_owned(),
        standard_from: source.to_owned(),
        ct,
        core_rules_commit: core_rules::RULES_COMMIT.to_owned(),
        rules,
    };
    (findings, checked)
}

/// Ties a CORE finding to the file its dataset was read from and, when the dataset came from
/// a workbook, to the cell behind its first variable's value.
fn located(f: Finding, inputs: &[Input]) -> Finding {
    let Some(input) = f
        .dataset
        .as_deref()
        .and_then(|d| inputs.iter().find(|i| i.name().eq_ignore_ascii_case(d)))
    else {
        return f;
    };
    let cell = f.record.zip(f.variables.first()).and_then(|(record, var)| {
        let row = usize::try_from(record).ok()?.checked_sub(1)?;
        input.dataset.source(row, var)
    });
    let mut f = f.or_in_file(&input.file);
    if f.source.is_none() {
        f.source = cell;
    }
    f
}

/// "CORE rules for SDTMIG 3.4 (default): 120 passed, 14 failed, 80 skipped, 0 error(s);
/// 300 for other standards".
pub fn summary(checked: &Checked) -> String {
    let count = |w: &str, other: bool| {
        checked
            .rules
            .iter()
            .filter(|r| r.status == w)
            .filter(|r| {
                r.reason
                    .as_deref()
                    .is_some_and(|t| t.starts_with(NOT_APPLICABLE))
                    == other
            })
            .count()
    };
    format!(
        "CORE rules for {} ({}): {} passed, {} failed, {} skipped, {} error(s); {} for other standards",
        checked.standard,
        checked.standard_from,
        count("passed", false),
        count("failed", false),
        count("skipped", false),
        count("error", false),
        count("skipped", true),
    )
}

/// A CORE rule's description as one short line, for counts per code.
pub fn summary_of(id: &str) -> String {
    let Some(rule) = RuleBook::bundled().get(id) else {
        return String::new();
    };
    let line = rule
        .description()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match line.char_indices().nth(90) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// Drops a CORE finding when a catalogue finding that cites the same CORE rule in its refs
/// was raised on the same dataset and record: one problem is reported once, by the rule that
/// can name the workbook cell it came from.
pub fn dedupe(findings: &mut Vec<Finding>) {
    use std::collections::HashSet;
    let cited: HashSet<(Option<String>, Option<u64>, String)> = findings
        .iter()
        .filter(|f| !f.code.starts_with(FAMILY))
        .flat_map(|f| {
            f.refs
                .iter()
                .filter(|r| r.starts_with(FAMILY))
                .map(|r| (f.dataset.clone(), f.record, r.clone()))
        })
        .collect();
    findings.retain(|f| {
        !f.code.starts_with(FAMILY)
            || !cited.contains(&(f.dataset.clone(), f.record, f.code.clone()))
    });
}

/// Applies `--select`/`--ignore` to every finding by code prefix, so they work for codes raised
/// while reading too. Engine findings (`RL`, e.g. an unreadable file) are kept unless ignored
/// by name: a selection must not hide that an input was never checked.
pub fn filter(findings: &mut Vec<Finding>, select: &[String], ignore: &[String]) {
    let upper = |l: &[String]| l.iter().map(|s| s.to_ascii_uppercase()).collect::<Vec<_>>();
    let (select, ignore) = (upper(select), upper(ignore));
    findings.retain(|f| {
        let hit = |l: &[String]| l.iter().any(|s| f.code.starts_with(s.as_str()));
        let selected = select.is_empty() || hit(&select) || f.code.starts_with("RL");
        selected && !hit(&ignore)
    });
}
