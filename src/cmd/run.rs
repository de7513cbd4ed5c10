//! `trialbridge run`: loads the study (the embedded example when none is named), runs the
//! pipeline's stages and prints what each did.

use crate::cli::RunArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;
use pipeline::run::Shown;
use std::path::Path;
use study::Study;

const EXAMPLE_ORIGIN: &str = "embedded example study (fixtures/umin000015469.study.toml)";

pub fn run(ctx: &Ctx, args: &RunArgs) -> Result<Outcome, Failure> {
    // Lives until the run ends: the embedded example's inputs are read from it.
    let example_dir = match args.study {
        Some(_) => None,
        None => Some(
            tempfile::Builder::new()
                .prefix("trialbridge-example")
                .tempdir()
                .map_err(|e| {
                    anyhow!("cannot create a temporary folder for the example study: {e}")
                })?,
        ),
    };
    let example = example_dir.as_ref().map(|d| d.path());
    let study = load(args.study.as_deref(), example)?;
    let shown = Shown {
        root: example.map(Path::to_owned),
    };
    let ran = pipeline::run::run(&ctx.stage(), &study, &args.out, &shown)?;
    for s in &ran.stages {
        ctx.say(format!("  {:<10} {}", s.name, s.status));
    }
    ctx.say(format!(
        "wrote {} file(s) under {}",
        ran.written.len(),
        args.out.display()
    ));
    if ran.summary.error > 0 {
        ctx.say(format!(
            "see {} for the {} error(s)",
            ran.report_html.display(),
            ran.summary.error
        ));
    }
    Ok(if ran.summary.error > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn load(path: Option<&Path>, example_dir: Option<&Path>) -> Result<Study, Failure> {
    let result = match (path, example_dir) {
        (Some(p), _) => Study::load(p),
        (None, Some(dir)) => {
            let file = crate::example::write_to(dir)?;
            let text =
                std::fs::read_to_string(&file).map_err(|e| anyhow!("{}: {e}", file.display()))?;
            let base = file.parent().unwrap_or(dir);
            Study::from_text(&text, EXAMPLE_ORIGIN, base)
        }
        (None, None) => return Err(anyhow!("no study file and no example folder").into()),
    };
    result.map_err(|errors| Failure(errors.into_iter().map(anyhow::Error::from).collect()))
}
