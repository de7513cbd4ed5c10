//! The `trialbridge` binary: argument parsing, exit codes and error printing only.
//! Everything else lives in the crates under `crates/`.

mod cli;
mod clock;
mod cmd;
mod example;
mod out;
mod progress;

use clap::Parser;
use std::process::ExitCode;

/// What a subcommand concluded about the data it looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at error severity.
    Clean,
    /// At least one error-severity finding.
    Findings,
    /// The report is out, but some inputs could not be checked at all (exit 2).
    Incomplete,
}

pub use pipeline::Failure;

std::thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let verbose = cli.global.verbose;
    let mask = cli.global.mask;
    // Readers and rules catch panics from hostile input and turn them into findings; the
    // default hook would still print a backtrace-style message first. Keep the message for
    // the one case it matters: a panic nothing caught, reported below as one line. A
    // `println!` into a closed pipe is no internal error and stays quiet in every mode.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info.to_string();
        if verbose && !out::is_println_broken_pipe(&msg) {
            default_hook(info);
        }
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cmd::dispatch(cli)));
    let result = match result {
        Ok(r) => r,
        Err(payload) => {
            // A panic on a worker thread left its message in that thread's slot: the payload
            // carries it too.
            let msg = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            if let Some(closed) = payload.downcast_ref::<out::Closed>() {
                if closed.is_broken_pipe() {
                    return ExitCode::SUCCESS;
                }
                eprintln!("error: cannot write to standard output: {}", closed.0);
                return ExitCode::from(2);
            }
            if out::is_println_broken_pipe(&msg) {
                return ExitCode::SUCCESS;
            }
            let line = msg.lines().next().unwrap_or("unknown").to_owned();
            eprintln!("error: internal error, please report it: {line}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Incomplete) => ExitCode::from(2),
        Err(Failure(errors)) => {
            for e in &errors {
                print_error(e, verbose, mask);
            }
            ExitCode::from(2)
        }
    }
}

/// One line per problem: the error and its causes joined, no debug formatting.
fn print_error(e: &anyhow::Error, verbose: bool, mask: bool) {
    let shown = |s: String| if mask { masked(&s) } else { s };
    if verbose {
        eprintln!("error: {}", shown(e.to_string()));
        for cause in e.chain().skip(1) {
            eprintln!("  caused by: {}", shown(cause.to_string()));
        }
    } else {
        // Errors that already quote their cause in their own message are not repeated.
        let mut line: Vec<String> = Vec::new();
        for cause in e.chain().map(ToString::to_string) {
            if !line.last().is_some_and(|prev| prev.contains(&cause)) {
                line.push(cause);
            }
        }
        eprintln!("error: {}", shown(line.join(": ")));
    }
}

/// Errors quote the values they stop at (`` `sixty-one` ``, `"S1-002"`); under `--mask`
/// every quoted span is hidden, file names and positions stay.
fn masked(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut open: Option<char> = None;
    for c in line.chars() {
        match open {
            Some(q) if c == q => {
                out.push_str(model::finding::MASK);
                out.push(c);
                open = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '`' || c == '"' {
                    open = Some(c);
                }
            }
        }
    }
    if open.is_some() {
        out.push_str(model::finding::MASK);
    }
    out
}
