//! `trialbridge validate PATH...`: read every dataset, run the rule catalogue, report.

use crate::cli::ValidateArgs;
use crate::cmd::{Ctx, cdisc_core};
use crate::{Failure, Outcome, clock, output};
use anyhow::anyhow;
use model::{Finding, Severity, Summary};
use rayon::prelude::*;
use rules::report::{self, json::Checked};
use rules::{INPUT_UNREADABLE, Input, RuleSet, Study};
use std::path::{Path, PathBuf};

mod case;

const DATASET_EXTENSIONS: [&str; 6] = ["xpt", "json", "ndjson", "dsjc", "csv", "xml"];
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

pub fn validate(ctx: &Ctx, args: &ValidateArgs) -> Result<Outcome, Failure> {
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
    let (mut files, cases) = collect(&args.paths, plan.is_some())?;
    files.retain(|f| !args.with.iter().any(|w| same_file(w, f)));
    if files.is_empty() && cases.is_empty() {
        let what = if plan.is_some() {
            "workbooks or dataset files"
        } else {
            "dataset, define.xml or FHIR files (.xpt, .json, .ndjson, .dsjc, .csv, .xml)"
        };
        return Err(anyhow!("no {what} under the given paths").into());
    }
    let bar = crate::progress::bar(files.len() as u64, "read", ctx.quiet);
    let read: Vec<(Option<Input>, Vec<Finding>)> = files
        .par_iter()
        .map(|path| {
            let shown = path.display().to_string();
            if let Some(plan) = plan.as_ref().filter(|_| is_workbook(path)) {
                let r = check_workbook(plan, &shared, &shown, path);
                bar.inc(1);
                return r;
            }
            match sniff(path) {
                Kind::Define | Kind::OtherXml => {
                    bar.inc(1);
                    return (None, Vec::new());
                }
                Kind::Fhir(version) => {
                    bar.inc(1);
                    return (None, check_fhir(path, &shown, version));
                }
                Kind::Dataset => {}
            }
            let r = match formats::transcode::read_dataset(path) {
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
            };
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut findings = Vec::new();
    let mut inputs = Vec::new();
    for (input, notes) in read {
        inputs.extend(input);
        findings.extend(notes);
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
    let (standard, from) = match (forced, case_standard) {
        (Some(s), _) => (s, "--standard"),
        (None, Some(s)) => (s, "the case's .env"),
        (None, None) => (core_rules::Standard::new("SDTMIG", "3.4"), "default"),
    };
    // Only datasets have CORE rules: a run on FHIR files or workbooks alone skips them.
    let checked = (!inputs.is_empty()).then(|| {
        let (found, checked) = cdisc_core::run(&chosen, &standard, from, &mut inputs);
        findings.extend(found);
        checked
    });
    // define.xml documents are checked against the datasets read in the same run.
    let datasets: Vec<(String, model::Dataset)> = inputs
        .iter()
        .map(|i| (i.file.clone(), i.dataset.clone()))
        .collect();
    for path in files.iter().filter(|p| sniff(p) == Kind::Define) {
        findings.extend(check_define(path, &datasets));
    }
    findings.extend(ruleset.run(&Study::new(inputs)));
    cdisc_core::dedupe(&mut findings);
    cdisc_core::filter(&mut findings, &args.select, &args.ignore);
    findings.sort();
    findings.dedup();
    let mut names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    names.extend(cases.iter().map(|p| p.display().to_string()));
    emit(ctx, args, checked.as_ref(), &names, &findings)?;
    Ok(if Summary::of(&findings).error > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn emit(
    ctx: &Ctx,
    args: &ValidateArgs,
    checked: Option<&Checked>,
    inputs: &[String],
    findings: &[Finding],
) -> Result<(), Failure> {
    let stamp = clock::iso_utc(ctx.timestamp);
    let tool = || report::json::Tool {
        name: "trialbridge",
        version: env!("CARGO_PKG_VERSION"),
        timestamp: &stamp,
    };
    let json = report::json::render_checked(tool(), checked, inputs, findings, ctx.mask);
    let bytes: Option<Vec<u8>> = match args.format.as_str() {
        "json" => Some(json.clone().into_bytes()),
        "sarif" => {
            Some(report::sarif::render(env!("CARGO_PKG_VERSION"), findings, ctx.mask).into_bytes())
        }
        "csv" => Some(report::csv::render(findings, ctx.mask)),
        "html" => Some(
            report::html::render_checked(
                "trialbridge validation report",
                &stamp,
                checked,
                findings,
                ctx.mask,
            )
            .into_bytes(),
        ),
        "xlsx" => Some(xlsx(&stamp, checked, inputs, findings, ctx.mask)?),
        _ => {
            console(ctx, checked, inputs, findings);
            None
        }
    };
    match (bytes, &args.output) {
        (Some(b), Some(path)) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            output::write_atomic(dir, &name, &b)?;
        }
        (Some(_), None) if matches!(args.format.as_str(), "xlsx" | "html") => {
            return Err(anyhow!("--format {} needs --output FILE", args.format).into());
        }
        (Some(b), None) => {
            use std::io::Write;
            std::io::stdout()
                .write_all(&b)
                .map_err(|e| anyhow!("cannot write the report: {e}"))?;
        }
        (None, _) => {}
    }
    if let Some(dir) = &args.report_dir {
        write_reports(dir, checked, inputs, &json, &stamp, findings, ctx.mask)?;
    }
    Ok(())
}

/// Findings one per line (grouped by file, as they are sorted), then counts per code.
fn console(ctx: &Ctx, checked: Option<&Checked>, inputs: &[String], findings: &[Finding]) {
    use std::io::IsTerminal;
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let paint = |sev: Severity, text: String| -> String {
        if !colour {
            return text;
        }
        let code = match sev {
            Severity::Error => "31",
            Severity::Warning => "33",
            Severity::Notice => "2",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    };
    for f in findings {
        let f = if ctx.mask { f.masked() } else { f.clone() };
        ctx.say(paint(f.severity, f.to_string()));
    }
    let per_code = report::counts::by_code(findings);
    if !per_code.is_empty() {
        ctx.say(String::new());
        for (code, sev, n) in &per_code {
            let summary = rules::summary_of(code)
                .map(str::to_owned)
                .unwrap_or_else(|| cdisc_core::summary_of(code));
            ctx.say(format!(
                "{:>7} × {code:<8} {:<8} {summary}",
                n,
                paint(*sev, sev.to_string())
            ));
        }
    }
    if let Some(c) = checked {
        ctx.say(cdisc_core::summary(c));
    }
    let s = Summary::of(findings);
    let files = report::json::per_file(inputs, findings);
    let failing = files.iter().filter(|f| f.summary.error > 0).count();
    if failing > 0 {
        ctx.say(format!("{failing} of {} file(s) have errors", inputs.len()));
    }
    ctx.say(format!(
        "{} file(s): {} error(s), {} warning(s), {} notice(s)",
        inputs.len(),
        s.error,
        s.warning,
        s.notice
    ));
}

fn xlsx(
    stamp: &str,
    checked: Option<&Checked>,
    inputs: &[String],
    findings: &[Finding],
    mask: bool,
) -> Result<Vec<u8>, Failure> {
    let meta = report::xlsx::Meta {
        tool_version: env!("CARGO_PKG_VERSION"),
        timestamp: stamp,
        inputs,
        checked,
    };
    Ok(report::xlsx::render(&meta, findings, mask)
        .map_err(|e| anyhow!("cannot build the xlsx report: {e}"))?)
}

/// Writes report.json, report.html and report.xlsx into `dir`.
pub fn write_reports(
    dir: &Path,
    checked: Option<&Checked>,
    inputs: &[String],
    json: &str,
    stamp: &str,
    findings: &[Finding],
    mask: bool,
) -> Result<(), Failure> {
    output::write_atomic(dir, "report.json", json.as_bytes())?;
    let html = report::html::render_checked(
        "trialbridge validation report",
        stamp,
        checked,
        findings,
        mask,
    );
    output::write_atomic(dir, "report.html", html.as_bytes())?;
    output::write_atomic(
        dir,
        "report.xlsx",
        &xlsx(stamp, checked, inputs, findings, mask)?,
    )?;
    Ok(())
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

/// What a file is, by content where the extension is ambiguous (`.json`, `.xml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dataset,
    Define,
    OtherXml,
    Fhir(fhir::FhirVersion),
}

fn sniff(path: &Path) -> Kind {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if ext != "json" && ext != "xml" {
        return Kind::Dataset;
    }
    let mut head = vec![0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    if ext == "xml" {
        return if head.contains("<ODM") {
            Kind::Define
        } else {
            Kind::OtherXml
        };
    }
    if head.contains("\"resourceType\"") {
        // R4B spells arms and enrollment the R4 way; file names written by trialbridge say it.
        let name = path.to_string_lossy().to_ascii_lowercase();
        let r4b =
            name.contains("r4b") || head.contains("\"arm\"") || head.contains("\"enrollment\"");
        return Kind::Fhir(if r4b {
            fhir::FhirVersion::R4B
        } else {
            fhir::FhirVersion::R5
        });
    }
    Kind::Dataset
}

fn check_fhir(path: &Path, shown: &str, version: fhir::FhirVersion) -> Vec<Finding> {
    match std::fs::read_to_string(path) {
        Ok(text) => fhir::validate_json(&text, version)
            .into_iter()
            .map(|f| f.in_file(shown.to_owned()))
            .collect(),
        Err(e) => vec![
            Finding::error(INPUT_UNREADABLE, format!("cannot read: {e}")).in_file(shown.to_owned()),
        ],
    }
}

fn check_define(path: &Path, datasets: &[(String, model::Dataset)]) -> Vec<Finding> {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(xml) => {
            // Only the datasets beside this define.xml are the ones it describes.
            let dir = path.parent().unwrap_or(Path::new("."));
            let beside: Vec<(String, model::Dataset)> = datasets
                .iter()
                .filter(|(f, _)| Path::new(f).parent() == Some(dir))
                .cloned()
                .collect();
            define::check::against_data(&xml, &shown, &beside, Some(dir))
        }
        Err(e) => {
            vec![Finding::error(INPUT_UNREADABLE, format!("cannot read: {e}")).in_file(shown)]
        }
    }
}

fn is_workbook(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    WORKBOOK_EXTENSIONS.contains(&ext.as_str())
}

/// Files named directly, or found under folders (sorted, sidecars skipped): datasets, and
/// workbooks too when a mapping is given; and the folders laid out as CORE test cases.
fn collect(paths: &[PathBuf], workbooks: bool) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Failure> {
    let mut out = Vec::new();
    let mut cases = Vec::new();
    let mut missing = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, workbooks, &mut out, &mut cases)
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

fn walk(
    dir: &Path,
    workbooks: bool,
    out: &mut Vec<PathBuf>,
    cases: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
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
            walk(&path, workbooks, out, cases)?;
        } else if is_dataset(&path) || (workbooks && is_workbook(&path) && !hidden) {
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
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    DATASET_EXTENSIONS.contains(&ext.as_str())
        && !name.ends_with(".meta.json")
        && !name.starts_with('.')
}
