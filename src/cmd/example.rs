//! `trialbridge example --out DIR`: the embedded example study, written out.

use crate::cli::ExampleArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};

pub fn example(ctx: &Ctx, args: &ExampleArgs) -> Result<Outcome, Failure> {
    let study = crate::example::write_to(&args.out)?;
    ctx.say(format!(
        "wrote {} files; run them with: trialbridge run {}",
        crate::example::files().len(),
        study.display()
    ));
    Ok(Outcome::Clean)
}
