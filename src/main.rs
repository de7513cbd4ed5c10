//! The `trialbridge` binary: argument parsing, exit codes and error printing only.
//! Everything else lives in the crates under `crates/`.

mod cli;
mod clock;
mod cmd;
mod output;
mod progress;
mod study;

use clap::Parser;
use std::process::ExitCode;

/// What a subcommand concluded about the data it looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at error severity.
    Clean,
    /// At least one error-severity finding.
    Findings,
}

/// One or more problems that stopped the tool, each printed on its own line.
#[derive(Debug)]
pub struct Failure(pub Vec<anyhow::Error>);

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(vec![e.into()])
    }
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let verbose = cli.global.verbose;
    match cmd::dispatch(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(Failure(errors)) => {
            for e in &errors {
                print_error(e, verbose);
            }
            ExitCode::from(2)
        }
    }
}

/// One line per problem: the error and its causes joined, no debug formatting.
fn print_error(e: &anyhow::Error, verbose: bool) {
    if verbose {
        eprintln!("error: {e}");
        for cause in e.chain().skip(1) {
            eprintln!("  caused by: {cause}");
        }
    } else {
        // Errors that already quote their cause in their own message are not repeated.
        let mut line: Vec<String> = Vec::new();
        for cause in e.chain().map(ToString::to_string) {
            if !line.last().is_some_and(|prev| prev.contains(&cause)) {
                line.push(cause);
            }
        }
        eprintln!("error: {}", line.join(": "));
    }
}
