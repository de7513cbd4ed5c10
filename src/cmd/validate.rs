//! `trialbridge validate PATH...`: the pipeline checks every file given; this prints or
//! writes the report and turns it into an exit code.

use crate::cli::ValidateArgs;
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
    };
    let done = pipeline::validate::validate(&ctx.stage(), &request)?;
    super::validate_report::emit(ctx, args, &done)?;
    Ok(if done.incomplete() {
        Outcome::Incomplete
    } else if done.has_errors() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
