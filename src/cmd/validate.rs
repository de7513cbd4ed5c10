//! `trialbridge validate PATH...`: the pipeline checks every file given; this prints or
//! writes the report and turns it into an exit code. `trialbridge merge` does the same for
//! the parts of a sharded run.

use crate::cli::{MergeArgs, ValidateArgs};
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use pipeline::validate::Request;

pub fn validate(ctx: &Ctx, args: &ValidateArgs) -> Result<Outcome, Failure> {
    let request = Request {
        paths: args.paths.clone(),
        mapping: args.mapping.clone(),
        with: args.with.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        rules: args.rules.clone(),
        standard: args.standard.clone(),
        ct: args.ct.clone(),
        fhir_version: args.fhir_version.map(Into::into),
        skip_unknown: args.skip_unknown,
        shard: args.shard,
    };
    let done = pipeline::validate::validate(&ctx.stage(), &request)?;
    super::validate_report::emit(ctx, &args.report, &done, &ctx.timestamp.iso_utc())?;
    Ok(outcome(&done))
}

/// `trialbridge merge PART...`: the parts of a sharded run joined and reported as the single
/// run would be, with the same exit code.
pub fn merge(ctx: &Ctx, args: &MergeArgs) -> Result<Outcome, Failure> {
    let merged = pipeline::validate::merge::merge(&args.parts)?;
    super::validate_report::emit(ctx, &args.report, &merged.validated, &merged.timestamp)?;
    Ok(outcome(&merged.validated))
}

fn outcome(done: &pipeline::validate::Validated) -> Outcome {
    if done.incomplete() {
        Outcome::Incomplete
    } else if done.has_errors() {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
