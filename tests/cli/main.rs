//! End-to-end tests of the `trialbridge` binary: one module per subcommand, a fresh temp
//! folder per test, assertions on exit codes, standard streams and files written.

#![allow(clippy::unwrap_used)] // a failed step in a test should panic with its error
mod adam;
mod batch;
mod browser;
mod cdisc_core;
mod convert;
mod corpus;
mod corpus_lib;
mod crate_graph;
mod define;
mod help;
mod readme;
mod reference_copies;
mod registry;
mod report_html;
mod rules;
mod run;
mod serve;
mod shard;
mod transcode;
mod validate;
mod validate_accuracy;
mod validate_inputs;

use std::path::Path;
use std::process::{Command, Output};

/// The binary under test, with a fixed timestamp so outputs are comparable.
pub fn trialbridge(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trialbridge"));
    cmd.current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("CI");
    cmd
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The codes of a JSON report's findings, in report order.
pub fn codes(report: &serde_json::Value) -> Vec<&str> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["code"].as_str()).collect())
        .unwrap_or_default()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The repository root, where the example study's fixtures live.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
