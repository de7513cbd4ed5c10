//! `trialbridge transcode IN OUT`: one dataset from any supported format to any other.

use crate::cli::TranscodeArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;
use formats::transcode::{self, Kind, WriteOptions};
use pipeline::output::AtomicFile;
use std::io::Write;

pub fn transcode(ctx: &Ctx, args: &TranscodeArgs) -> Result<Outcome, Failure> {
    let kind = Kind::from_path(&args.output).ok_or_else(|| {
        anyhow!(
            "{}: unknown output format (use .xpt, .json, .ndjson, .dsjc or .csv)",
            args.output.display()
        )
    })?;
    if args.input == args.output {
        return Err(anyhow!(
            "input and output are the same file: {}",
            args.input.display()
        )
        .into());
    }
    let source = args.input.display().to_string();
    let mut reader = transcode::open(&args.input)?;
    let opts = WriteOptions {
        timestamp: ctx.timestamp,
        file_name: args
            .output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let mut file = AtomicFile::create(&args.output)?;
    let findings = match transcode::copy(&mut reader, &source, kind, file.writer(), &opts) {
        Ok(f) => f,
        Err(e) => {
            let refused = transcode::refusal_findings(&e).to_vec();
            if refused.is_empty() {
                return Err(e.into());
            }
            // The target cannot hold the data: every reason, one line each, and nothing written.
            let mut errors: Vec<anyhow::Error> = vec![anyhow!(
                "{} not written: {} problem(s)",
                args.output.display(),
                refused.len()
            )];
            errors.extend(
                refused
                    .iter()
                    .map(|f| anyhow!("{}", if ctx.mask { f.masked() } else { f.clone() })),
            );
            return Err(Failure(errors));
        }
    };
    file.writer()
        .flush()
        .map_err(|e| anyhow!("cannot write {}: {e}", args.output.display()))?;
    let written = file.commit()?;
    if kind == Kind::Csv {
        formats::csv::write_sidecar(&written, reader.meta()).map_err(|e| anyhow!(e))?;
    }
    for f in &findings {
        eprintln!("{}", if ctx.mask { f.masked() } else { f.clone() });
    }
    ctx.say(format!("wrote {}", written.display()));
    Ok(
        if findings
            .iter()
            .any(|f| f.severity == model::Severity::Error)
        {
            Outcome::Findings
        } else {
            Outcome::Clean
        },
    )
}
