//! Progress bars for long steps: drawn on a terminal, silent when piped or in CI.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub fn bar(len: u64, what: &str, quiet: bool) -> ProgressBar {
    let visible = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let pb = ProgressBar::with_draw_target(
        Some(len),
        if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    if let Ok(style) = ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg}") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_prefix(what.to_owned());
    pb
}

/// A spinner with the elapsed time, for a step whose length is not known in advance.
pub fn spinner(what: &str, quiet: bool) -> ProgressBar {
    let pb = bar(0, what, quiet);
    if let Ok(style) = ProgressStyle::with_template("{prefix:>10} {spinner} {elapsed} {msg}") {
        pb.set_style(style);
    }
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// A spinner the pipeline holds while a stage works; dropping it clears the line.
pub struct Busy(pub ProgressBar);

impl pipeline::Busy for Busy {}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

impl pipeline::Progress for Busy {
    fn inc(&self) {
        self.0.inc(1);
    }

    fn set(&self, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }
}
