//! `trialbridge convert --mapping PATH --out DIR WORKBOOK...`: site workbooks → SDTM with a
//! mapping spec, or, with `--check-only`, the input checks alone.

use crate::cli::ConvertArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;
use model::{Severity, Summary};
use pipeline::sink::{DatasetSink, Refusal};
use std::path::Path;

pub fn convert(ctx: &Ctx, args: &ConvertArgs) -> Result<Outcome, Failure> {
    let out = match (&args.out, args.check_only) {
        (Some(o), false) => Some(o.as_path()),
        (_, true) => None,
        (None, false) => {
            return Err(anyhow!("--out DIR is required unless --check-only is given").into());
        }
    };
    // A bad spec stops here, before any workbook is opened: one line per problem.
    let plan = sdtm::compile_dir(&args.mapping).map_err(|e| match e {
        sdtm::SdtmError::Spec(problems) => {
            Failure(problems.iter().map(|p| anyhow!("{p}")).collect())
        }
        other => Failure(vec![anyhow!(other)]),
    })?;
    let names: Vec<(String, &Path)> = args
        .workbooks
        .iter()
        .map(|p| (p.display().to_string(), p.as_path()))
        .collect();
    let conv = sdtm::convert(&plan, &names)?;
    let mut findings = conv.findings.clone();
    if let Some(dir) = out {
        let sink = DatasetSink {
            timestamp: ctx.timestamp,
            dir,
            shown: "",
            refusal: Refusal::Fail,
        };
        for d in &conv.datasets {
            findings.extend(sink.write(d, &["xpt", "json"])?.findings);
        }
    }
    for f in &findings {
        let f = if ctx.mask { f.masked() } else { f.clone() };
        if !ctx.quiet || f.severity == Severity::Error {
            crate::out::line(&f.to_string());
        }
    }
    let s = Summary::of(&findings);
    let rows: usize = conv.datasets.iter().map(table::Table::len).sum();
    let what = match out {
        Some(dir) => format!(
            "wrote {} dataset(s), {rows} record(s) to {} (CDISC CT {})",
            conv.datasets.len(),
            dir.display(),
            conv.ct_version
        ),
        None => format!(
            "checked {} workbook(s): {} dataset(s), {rows} record(s), nothing written",
            names.len(),
            conv.datasets.len()
        ),
    };
    ctx.say(format!(
        "{what}; {} error(s), {} warning(s), {} notice(s)",
        s.error, s.warning, s.notice
    ));
    Ok(if s.error > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
