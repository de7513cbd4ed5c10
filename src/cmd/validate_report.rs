//! The report in the format asked for: the console's lines, or json, sarif, csv, html and
//! xlsx to standard output or a file, and the report folder.

use crate::Failure;
use crate::cli::ReportArgs;
use crate::cmd::Ctx;
use anyhow::anyhow;
use model::{Finding, Severity, Summary};
use pipeline::cdisc_core;
use pipeline::output;
use pipeline::report::{html, write_reports, xlsx};
use pipeline::validate::Validated;
use reports::json::Checked;
use reports::{self as report};
use std::collections::{BTreeMap, HashMap};

/// Prints or writes the report of `done`, stamped with `stamp` (the run's timestamp; for a
/// merge, the one its parts share).
pub(super) fn emit(
    ctx: &Ctx,
    args: &ReportArgs,
    done: &Validated,
    stamp: &str,
) -> Result<(), Failure> {
    let (checked, fhir) = (done.checked.as_ref(), &done.fhir[..]);
    let (inputs, findings) = (&done.inputs[..], &done.findings[..]);
    let tool = || report::json::Tool {
        name: "trialbridge",
        version: env!("CARGO_PKG_VERSION"),
        timestamp: stamp,
    };
    let json = report::json::render_part(
        tool(),
        checked,
        fhir,
        done.shard.as_ref(),
        inputs,
        findings,
        ctx.mask,
    );
    let bytes: Option<Vec<u8>> = match args.format.as_str() {
        "json" => Some(json.clone().into_bytes()),
        "sarif" => Some(
            report::sarif::render_checked(env!("CARGO_PKG_VERSION"), checked, findings, ctx.mask)
                .into_bytes(),
        ),
        "csv" => Some(report::csv::render(findings, ctx.mask)),
        "html" => Some(html(stamp, checked, inputs, findings, ctx.mask).into_bytes()),
        "xlsx" => Some(xlsx(stamp, checked, inputs, findings, ctx.mask)?),
        _ => {
            console(ctx, checked, inputs, findings);
            None
        }
    };
    match (bytes, &args.output) {
        (Some(b), Some(path)) => {
            output::write_atomic_at(path, &b)?;
            // The report went to a file: standard output says where, or the run looks mute.
            ctx.say(format!(
                "wrote the {} report to {}",
                args.format,
                path.display()
            ));
        }
        (Some(_), None) if matches!(args.format.as_str(), "xlsx" | "html") => {
            return Err(anyhow!("--format {} needs --output FILE", args.format).into());
        }
        (Some(b), None) => crate::out::bytes(&b),
        (None, _) => {}
    }
    if let Some(dir) = &args.report_dir {
        write_reports(dir, checked, inputs, &json, stamp, findings, ctx.mask)?;
    }
    Ok(())
}

/// Findings one per line (grouped by file, as they are sorted), then counts per code.
/// Findings of one code in one file the console prints before it only counts the rest.
const CONSOLE_CAP: usize = 20;

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
    // A code that fires on every record of a file would bury the rest: the console shows
    // the first few per file and code, and says how many more report.json holds.
    let mut shown: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    let mut held: BTreeMap<(Option<&str>, &str), usize> = BTreeMap::new();
    for f in findings {
        let key = (f.file.as_deref(), f.code.as_str());
        let n = shown.entry(key).or_default();
        *n += 1;
        if *n > CONSOLE_CAP {
            *held.entry(key).or_default() += 1;
            continue;
        }
        let f = if ctx.mask { f.masked() } else { f.clone() };
        ctx.say(paint(f.severity, f.to_string()));
    }
    for ((file, code), n) in &held {
        ctx.say(format!(
            "{}: {n} more {code} finding(s) not shown (--format json lists every one)",
            file.unwrap_or("(run)")
        ));
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
        ctx.say(format!("CT: {}", c.ct));
        ctx.say(cdisc_core::summary(c));
    }
    let s = Summary::of(findings);
    let files = report::json::per_file(inputs, findings);
    let failing = files.iter().filter(|f| f.summary.error > 0).count();
    if failing > 0 {
        ctx.say(format!("{failing} of {} file(s) have errors", inputs.len()));
    }
    ctx.say(format!(
        "{}: {} error(s), {} warning(s), {} notice(s)",
        counted(inputs, findings),
        s.error,
        s.warning,
        s.notice
    ));
}

/// `18 file(s)` when every file was checked; `3 file(s) checked, 1 not checked` when some
/// were not (unreadable, of no kind we check, a workbook without a mapping), so a run that
/// checked nothing never reads like a clean one.
fn counted(inputs: &[String], findings: &[Finding]) -> String {
    let unchecked = pipeline::validate::unchecked(findings).len();
    if unchecked == 0 {
        format!("{} file(s)", inputs.len())
    } else {
        format!(
            "{} file(s) checked, {unchecked} not checked",
            inputs.len().saturating_sub(unchecked)
        )
    }
}
