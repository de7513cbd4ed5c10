//! `validate`: every file given is sniffed and checked as what it is (datasets against the
//! catalogue, CDISC CORE and define.xml; FHIR, registry records, workbooks through a mapping),
//! and the findings come back for a front end to report.

use crate::{Ctx, Failure, cdisc_core};
use anyhow::anyhow;
use fhir::release::{self as fhir_version, Release};
use kind::Kind;
use model::{Finding, Summary};
use rayon::prelude::*;
use reports::json::FhirChecked;
use rules::{INPUT_UNREADABLE, Input, RuleSet, Study};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod case;
pub mod kind;
pub mod merge;
mod registry;
pub mod shard;
mod versions;

/// What to check and how: the options of `trialbridge validate`.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Files and folders; folders are searched recursively.
    pub paths: Vec<PathBuf>,
    /// Mapping folder site workbooks are checked against.
    pub mapping: Option<PathBuf>,
    /// Study-wide workbooks read with each site workbook.
    pub with: Vec<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// CORE-format rule files or folders to run as well.
    pub rules: Vec<PathBuf>,
    /// The standard, e.g. `sdtmig-3.4`, instead of deciding it.
    pub standard: Option<String>,
    /// The CT version, e.g. `2022-03-25`.
    pub ct: Option<String>,
    /// Check every FHIR file as this release instead of deciding per file.
    pub fhir_version: Option<Release>,
    /// Pass over files of no kind checked (a notice each) instead of failing on them.
    pub skip_unknown: bool,
    /// Check only this share of the inputs (`--shard I/N`).
    pub shard: Option<shard::Shard>,
}

/// What a validation found, for a front end to report.
pub struct Validated {
    pub findings: Vec<Finding>,
    /// The CORE rules' statuses, standard and CT, when datasets were read.
    pub checked: Option<reports::json::Checked>,
    /// Which FHIR version each FHIR file was checked as.
    pub fhir: Vec<FhirChecked>,
    /// Every file and CORE test-case folder looked at.
    pub inputs: Vec<String>,
    /// The share of the run this was, and every input of the whole run.
    pub shard: Option<reports::json::Shard>,
}

impl Validated {
    /// Some input could not be checked at all: the tool did not do its job on it (exit 2,
    /// as the README promises), whatever the other files hold.
    pub fn incomplete(&self) -> bool {
        self.findings.iter().any(|f| {
            f.severity == model::Severity::Error
                && [INPUT_UNREADABLE, UNKNOWN_KIND].contains(&&*f.code)
        })
    }

    pub fn has_errors(&self) -> bool {
        Summary::of(&self.findings).error > 0
    }
}

/// A file of no kind `validate` checks (or a workbook named without `--mapping`).
const UNKNOWN_KIND: &str = "RL0003";
/// A file passed over unchecked: `--skip-unknown`, or a workbook found in a folder without
/// `--mapping`.
const NOT_CHECKED: &str = "RL0004";
/// Which FHIR version a file was checked as, and how that was decided.
const FHIR_VERSION_USED: &str = "FH0072";
/// A FHIR resource whose content names another version than the `package.json` beside it.
const PACKAGE_DISAGREES: &str = "FH0074";

const DATASET_EXTENSIONS: [&str; 6] = ["xpt", "json", "ndjson", "dsjc", "csv", "xml"];
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

pub fn validate(ctx: &Ctx<'_>, args: &Request) -> Result<Validated, Failure> {
    let chosen = cdisc_core::choose(&args.select, &args.ignore, &args.rules)?;
    let ruleset = if chosen.catalogue_off {
        RuleSet::from_rules(Vec::new())
    } else {
        RuleSet::compile(&chosen.catalogue)?
    };
    let forced = args
        .standard
        .as_deref()
        .map(cdisc_core::parse_standard)
        .transpose()?;
    // The spec is checked before any file is read: a bad spec is one line per problem.
    let plan = match &args.mapping {
        Some(dir) => Some(sdtm::compile_dir(dir).map_err(|e| match e {
            sdtm::SdtmError::Spec(problems) => {
                Failure(problems.iter().map(|p| anyhow!("{p}")).collect())
            }
            other => Failure(vec![anyhow!(other)]),
        })?),
        None => None,
    };
    let shared: Vec<(String, PathBuf)> = args
        .with
        .iter()
        .map(|p| (p.display().to_string(), p.clone()))
        .collect();
    let (mut files, cases) = collect(&args.paths)?;
    files.retain(|f| !args.with.iter().any(|w| same_file(w, f)));
    if files.is_empty() && cases.is_empty() {
        let what = if plan.is_some() {
            "workbooks or dataset files"
        } else {
            "dataset, define.xml, FHIR or registry files (.xpt, .json, .ndjson, .dsjc, .csv, .xml)"
        };
        return Err(anyhow!("no {what} under the given paths").into());
    }
    if plan.is_none() && cases.is_empty() && files.iter().all(|f| is_workbook(f)) {
        return Err(anyhow!(
            "{} site workbook(s) and nothing else to check: workbooks are checked against the \
             study's mapping specs, e.g. `trialbridge validate --mapping MAPPING_DIR {}`",
            files.len(),
            shown_paths(&args.paths)
        )
        .into());
    }
    let named: Vec<&PathBuf> = args.paths.iter().filter(|p| p.is_file()).collect();
    let mut kinds: Vec<Kind> = files
        .par_iter()
        .map(|p| {
            if plan.is_some() && is_workbook(p) {
                Kind::Workbook
            } else {
                kind::sniff(p)
            }
        })
        .collect();
    let mut cases = cases;
    // A shard keeps its share, and the whole run's inputs for `merge` to order the parts by.
    let mut whole_run = None;
    if let Some(part) = args.shard {
        whole_run = Some(reports::json::Shard {
            index: part.index,
            count: part.count,
            of_inputs: files
                .iter()
                .chain(&cases)
                .map(|p| p.display().to_string())
                .collect(),
        });
        let (mine, study) = shard::share(part, &files, &kinds, &cases, &args.paths);
        (files, kinds) = files
            .into_iter()
            .zip(kinds)
            .zip(mine)
            .filter_map(|(file_kind, ours)| ours.then_some(file_kind))
            .unzip();
        if !study {
            cases.clear();
        }
    }
    let packages = package_hints(&files, &kinds);
    let bar = ctx.console.progress("read", files.len() as u64);
    let read: Vec<(Option<Input>, Vec<Finding>, Option<FhirChecked>)> = files
        .par_iter()
        .zip(kinds.par_iter())
        .map(|(path, kind)| {
            let shown = path.display().to_string();
            let mut used = None;
            let (input, found) = match kind {
                Kind::Workbook => match plan.as_ref() {
                    Some(plan) => check_workbook(plan, &shared, &shown, path),
                    None => {
                        let direct = named.iter().any(|n| same_file(n, path));
                        (None, vec![workbook_unchecked(&shown, direct, args)])
                    }
                },
                Kind::Define => (None, Vec::new()),
                Kind::FhirPackage => (None, check_package(path, &shown)),
                Kind::Fhir => {
                    let hint = path.parent().and_then(|d| packages.get(d)).cloned();
                    let forced = args.fhir_version;
                    let (found, decided) = check_fhir(path, &shown, forced, &hint.flatten());
                    used = decided;
                    (None, found)
                }
                Kind::Registry(format) => (None, registry::check(path, &shown, *format)),
                Kind::Unknown(what) => (None, vec![unknown(&shown, what, args.skip_unknown)]),
                Kind::Dataset => read_dataset(path, shown),
            };
            bar.inc();
            (input, found, used)
        })
        .collect();
    drop(bar);
    let mut findings = Vec::new();
    let mut inputs = Vec::new();
    let mut fhir_used = Vec::new();
    for (input, notes, used) in read {
        inputs.extend(input);
        findings.extend(notes);
        fhir_used.extend(used);
    }
    let mut case_standard = None;
    for dir in &cases {
        match case::read(dir) {
            Ok((read, standard)) => {
                inputs.extend(read);
                case_standard = case_standard.or(standard);
            }
            Err(f) => findings.push(*f),
        }
    }
    let defines: Vec<PathBuf> = files
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Kind::Define)
        .map(|(p, _)| p.clone())
        .collect();
    let versions = versions::decide(
        forced.as_ref(),
        args.ct.as_deref(),
        case_standard.as_ref(),
        &defines,
    );
    let adam_flags: Vec<bool> = inputs.iter().map(rules::is_adam).collect();
    let families = (adam_flags.contains(&false), adam_flags.contains(&true));
    // CORE runs one standard: the ADaM one for a package of ADaM datasets only.
    let claim = versions.of(families.1 && !families.0);
    let (standard, from) = (versions::core_standard(claim), claim.from.clone());
    findings.extend(versions::notices(&versions, &ruleset, families));
    // Only datasets have CORE rules: a run on FHIR files or workbooks alone skips them.
    let core_bar = ctx.console.busy("CDISC CORE rules");
    let checked = (!inputs.is_empty()).then(|| {
        let ct = claim.ct_versions();
        let (found, checked) = cdisc_core::run(&chosen, &standard, &from, ct, &inputs);
        findings.extend(found);
        checked
    });
    // define.xml documents are checked against the datasets read in the same run.
    drop(core_bar);
    let define_bar = ctx.console.busy("define.xml against the datasets");
    for path in &defines {
        findings.extend(check_define(path, &inputs));
    }
    drop(define_bar);
    let rules_bar = ctx.console.progress("rules", 0);
    let tick = |done: usize, total: usize| rules_bar.set(done as u64, total as u64);
    let study = Study::new(inputs).with_versions(versions);
    findings.extend(ruleset.run_with(&study, &tick));
    drop(rules_bar);
    cdisc_core::dedupe(&mut findings);
    cdisc_core::filter(&mut findings, &args.select, &args.ignore);
    findings.sort();
    findings.dedup();
    let mut inputs: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    inputs.extend(cases.iter().map(|p| p.display().to_string()));
    Ok(Validated {
        findings,
        checked,
        fhir: fhir_used,
        inputs,
        shard: whole_run,
    })
}

/// The files the findings say were not checked: unreadable, of no kind, passed over.
pub fn unchecked(findings: &[Finding]) -> std::collections::BTreeSet<&str> {
    findings
        .iter()
        .filter(|f| [INPUT_UNREADABLE, UNKNOWN_KIND, NOT_CHECKED].contains(&&*f.code))
        .filter_map(|f| f.file.as_deref())
        .collect()
}

fn shown_paths(paths: &[PathBuf]) -> String {
    let v: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    v.join(" ")
}

fn read_dataset(path: &Path, shown: String) -> (Option<Input>, Vec<Finding>) {
    if kind::extension(path) == "csv" && is_blank(path) {
        let f = Finding::error(
            INPUT_UNREADABLE,
            "the file is empty: no header row, no records",
        );
        return (None, vec![f.in_file(shown)]);
    }
    match formats::transcode::read_table(path) {
        Ok((ds, mut notes)) => {
            if formats::dataset_json::Flavor::from_path(path).is_some() {
                // The official schema, and what it cannot express, beside the rows read.
                notes.extend(formats::dataset_json::schema::validate_file(path));
            }
            let notes = notes
                .into_iter()
                .map(|f| f.in_file(shown.clone()))
                .collect();
            (Some(Input::new(shown, ds)), notes)
        }
        Err(e) => (
            None,
            vec![Finding::error(INPUT_UNREADABLE, e.to_string()).in_file(shown)],
        ),
    }
}

/// Nothing but whitespace (and a byte-order mark): a CSV with no header is no dataset.
fn is_blank(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok()
        && head.len() < 4096
        && String::from_utf8_lossy(&head)
            .trim_start_matches('\u{feff}')
            .trim()
            .is_empty()
}

fn unknown(shown: &str, what: &str, skip: bool) -> Finding {
    let text = format!("not a define.xml, FHIR resource, registry record or dataset; {what}");
    if skip {
        Finding::notice(NOT_CHECKED, format!("not checked (--skip-unknown): {text}"))
    } else {
        Finding::error(
            UNKNOWN_KIND,
            format!("{text} (--skip-unknown passes over such files)"),
        )
    }
    .in_file(shown.to_owned())
}

/// A workbook with no mapping to check it against: an error when named on the command line,
/// a notice when found in a folder beside files that are checked.
fn workbook_unchecked(shown: &str, named: bool, args: &Request) -> Finding {
    let how = format!(
        "a site workbook is checked against the study's mapping specs: `trialbridge validate \
         --mapping MAPPING_DIR {shown}`"
    );
    if named && !args.skip_unknown {
        Finding::error(UNKNOWN_KIND, format!("not checked: {how}"))
    } else {
        Finding::notice(NOT_CHECKED, format!("not checked: {how}"))
    }
    .in_file(shown.to_owned())
}

/// The FHIR version each folder's `package.json` names, for the FHIR files in it.
fn package_hints(
    files: &[PathBuf],
    kinds: &[Kind],
) -> BTreeMap<PathBuf, fhir_version::PackageHint> {
    let mut out = BTreeMap::new();
    for (path, _) in files.iter().zip(kinds).filter(|(_, k)| **k == Kind::Fhir) {
        let Some(dir) = path.parent() else { continue };
        out.entry(dir.to_path_buf()).or_insert_with(|| {
            let manifest = dir.join("package.json");
            fhir_version::package_release(&manifest).map(|r| (r, manifest.display().to_string()))
        });
    }
    out
}

/// One workbook through the mapping plan on its own; only its findings are kept, so memory
/// stays that of the workbooks being checked at the moment, however many there are.
fn check_workbook(
    plan: &sdtm::MappingPlan,
    shared: &[(String, PathBuf)],
    shown: &str,
    path: &Path,
) -> (Option<Input>, Vec<Finding>) {
    let mut books: Vec<(String, &Path)> = shared
        .iter()
        .map(|(n, p)| (n.clone(), p.as_path()))
        .collect();
    books.push((shown.to_owned(), path));
    match sdtm::convert(plan, &books) {
        // Problems in the shared workbooks would repeat once per site workbook: keep the site's own.
        Ok(conversion) => (
            None,
            conversion
                .findings
                .into_iter()
                .filter(|f| f.file.as_deref() == Some(shown))
                .collect(),
        ),
        Err(e) => (
            None,
            vec![Finding::error(INPUT_UNREADABLE, e.to_string()).in_file(shown.to_owned())],
        ),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// One FHIR file, checked as the version it is (see [`fhir_version`]); a notice says which
/// and why, so a reader can tell a false error of a wrong guess from a real one.
fn check_fhir(
    path: &Path,
    shown: &str,
    forced: Option<Release>,
    package: &fhir_version::PackageHint,
) -> (Vec<Finding>, Option<FhirChecked>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            let f = Finding::error(INPUT_UNREADABLE, format!("cannot read: {e}"));
            return (vec![f.in_file(shown.to_owned())], None);
        }
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        // Not JSON: the validator's FH0050 says where; the version does not matter.
        let found = fhir::validate_json(&text, fhir::FhirVersion::R5)
            .into_iter()
            .map(|f| f.in_file(shown.to_owned()))
            .collect();
        return (found, None);
    };
    let decision = fhir_version::decide(&value, path, forced, package);
    let layer = match decision.release {
        Release::R4 | Release::R4b => " (the R4 schema and the R4B checks)",
        Release::R5 => "",
    };
    let mut out = fhir::validate_json(&text, decision.release.checked_as());
    // The resource's own content outranks the package; a package that says otherwise
    // misleads every tool that trusts it.
    if let Some((named, manifest)) = package
        && *named != decision.release
        && forced.is_none()
    {
        out.push(
            Finding::warning(
                PACKAGE_DISAGREES,
                format!(
                    "{manifest} says FHIR {}, but the resource is FHIR {} ({})",
                    named.label(),
                    decision.release.label(),
                    decision.how
                ),
            )
            .with_variable(String::new()),
        );
    }
    out.push(
        Finding::notice(
            FHIR_VERSION_USED,
            format!(
                "checked as FHIR {}{layer}: {}",
                decision.release.label(),
                decision.how
            ),
        )
        .with_variable(String::new()),
    );
    let used = FhirChecked {
        file: shown.to_owned(),
        version: decision.release.label().to_owned(),
        checked_as: decision.release.checked_as().label().to_owned(),
        decided_by: decision.how,
    };
    let found = out.into_iter().map(|f| f.in_file(shown.to_owned()));
    (found.collect(), Some(used))
}

/// A FHIR package manifest: its own problems (FH0073, in the fhir crate).
fn check_package(path: &Path, shown: &str) -> Vec<Finding> {
    match std::fs::read_to_string(path) {
        Ok(text) => fhir::package::check_manifest(&text),
        Err(e) => vec![Finding::error(
            INPUT_UNREADABLE,
            format!("cannot read: {e}"),
        )],
    }
    .into_iter()
    .map(|f| f.in_file(shown.to_owned()))
    .collect()
}

fn check_define(path: &Path, inputs: &[Input]) -> Vec<Finding> {
    let shown = path.display().to_string();
    match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(define::read::decode)
    {
        Ok(xml) => {
            // Only the datasets beside this define.xml are the ones it describes; they are
            // borrowed, not copied (a copy doubled the memory of a large LB).
            let dir = path.parent().unwrap_or(Path::new("."));
            let beside: Vec<(&str, &table::Table)> = inputs
                .iter()
                .filter(|i| Path::new(&i.file).parent() == Some(dir))
                .map(|i| (i.file.as_str(), &i.dataset))
                .collect();
            define::check::against_data(&xml, &shown, &beside, Some(dir))
        }
        Err(e) => {
            vec![Finding::error(INPUT_UNREADABLE, format!("cannot read: {e}")).in_file(shown)]
        }
    }
}

fn is_workbook(path: &Path) -> bool {
    WORKBOOK_EXTENSIONS.contains(&kind::extension(path).as_str())
}

/// Files named directly, or found under folders (sorted, sidecars skipped): datasets and
/// the other documents we check, workbooks (checked with a mapping, else listed as not
/// checked); and the folders laid out as CORE test cases.
fn collect(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Failure> {
    let mut out = Vec::new();
    let mut cases = Vec::new();
    let mut missing = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, &mut cases)
                .map_err(|e| anyhow!("cannot read folder {}: {e}", p.display()))?;
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            missing.push(anyhow!("{}: no such file or folder", p.display()));
        }
    }
    if !missing.is_empty() {
        return Err(Failure(missing));
    }
    out.sort();
    out.dedup();
    cases.sort();
    cases.dedup();
    Ok((out, cases))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, cases: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if let Some(data) = case::data_dir(dir) {
        cases.push(data);
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
        if path.is_dir() {
            walk(&path, out, cases)?;
        } else if is_dataset(&path) || (is_workbook(&path) && !hidden) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_dataset(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let ext = kind::extension(path);
    DATASET_EXTENSIONS.contains(&ext.as_str())
        && !name.ends_with(".meta.json")
        && !name.starts_with('.')
}
