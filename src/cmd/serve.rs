//! `trialbridge serve`: starts the upload service and prints where it listens.

use crate::cli::ServeArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;

pub fn serve(ctx: &Ctx, args: &ServeArgs) -> Result<Outcome, Failure> {
    let study = serve::StudyCheck::load(&args.study).map_err(|e| anyhow!(e))?;
    let mut config = serve::Config::new(study);
    // From the environment too, so the token need not show in a process listing.
    config.token = args
        .token
        .clone()
        .or_else(|| std::env::var("TRIALBRIDGE_TOKEN").ok())
        .filter(|t| !t.is_empty());
    config.max_upload = args.max_upload_mb.saturating_mul(1 << 20);
    config.mask = ctx.mask;
    if !args.addr.ip().is_loopback() && config.token.is_none() {
        return Err(anyhow!(
            "{} is reachable from other machines: give --token (or $TRIALBRIDGE_TOKEN) so every API call needs it",
            args.addr
        )
        .into());
    }
    let id = config.study.id.clone();
    serve::serve(config, args.db.clone(), args.addr, |addr| {
        ctx.say(format!(
            "serving study {id} on http://{addr}/api/ (database {}); Ctrl-C stops",
            args.db.display()
        ));
    })
    .map_err(|e| anyhow!(e))?;
    Ok(Outcome::Clean)
}
