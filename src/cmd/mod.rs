//! One module per subcommand. Each takes its arguments and the run context and returns an
//! [`Outcome`] or the problems that stopped it.

pub mod adam;
mod convert;
pub mod define;
mod example;
mod registry;
mod rules;
mod run;
mod serve;
mod transcode;
pub mod validate;
mod validate_report;

use crate::cli::{Cli, Command};
use crate::{Failure, Outcome, clock};

/// Settings every subcommand shares.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub verbose: bool,
    pub quiet: bool,
    pub mask: bool,
    /// The run's instant, stamped into every output.
    pub timestamp: model::Timestamp,
}

impl Ctx {
    /// Prints a line of ordinary output unless `--quiet`.
    pub fn say(&self, line: impl AsRef<str>) {
        if !self.quiet {
            crate::out::line(line.as_ref());
        }
    }

    /// The context the pipeline's stages take, talking through this console.
    pub fn stage(&self) -> pipeline::Ctx<'_> {
        pipeline::Ctx {
            console: self,
            mask: self.mask,
            timestamp: self.timestamp,
        }
    }
}

impl pipeline::Console for Ctx {
    fn say(&self, line: &str) {
        Ctx::say(self, line);
    }

    fn verbose(&self) -> bool {
        self.verbose
    }

    fn busy(&self, what: &str) -> Box<dyn pipeline::Busy> {
        Box::new(crate::progress::Busy(crate::progress::spinner(
            what, self.quiet,
        )))
    }

    fn progress(&self, what: &str, total: u64) -> Box<dyn pipeline::Progress> {
        Box::new(crate::progress::Busy(crate::progress::bar(
            total, what, self.quiet,
        )))
    }
}

pub fn dispatch(cli: Cli) -> Result<Outcome, Failure> {
    let g = &cli.global;
    let ctx = Ctx {
        verbose: g.verbose,
        quiet: g.quiet,
        mask: g.mask,
        timestamp: clock::run_timestamp(g.timestamp.as_deref())?,
    };
    match cli.command {
        Command::Run(args) => run::run(&ctx, &args),
        Command::Convert(args) => convert::convert(&ctx, &args),
        Command::Registry(args) => registry::registry(&ctx, &args),
        Command::Adam(args) => adam::adam(&ctx, &args),
        Command::Serve(args) => serve::serve(&ctx, &args),
        Command::Validate(args) => validate::validate(&ctx, &args),
        Command::Merge(args) => validate::merge(&ctx, &args),
        Command::Transcode(args) => transcode::transcode(&ctx, &args),
        Command::Define(args) => define::define(&ctx, &args),
        Command::Rules(args) => rules::rules(&ctx, &args),
        Command::Example(args) => example::example(&ctx, &args),
    }
}
