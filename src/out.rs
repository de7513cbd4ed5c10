//! Standard output that a closed reader ends quietly: `trialbridge ... | head` stops when
//! `head` has what it wants, as ripgrep does, instead of reporting an internal error.
//!
//! Writes that fail unwind with a [`Closed`] payload (no panic hook runs for it); `main`
//! catches it, exits 0 on a broken pipe and 2 on any other write error. Unwinding rather
//! than returning keeps the many `ctx.say` call sites simple, and destructors still run,
//! so an atomic output file being written is removed, not left half-written.

use std::io::{self, Write};

/// Why standard output stopped accepting writes.
#[derive(Debug)]
pub struct Closed(pub io::Error);

impl Closed {
    pub fn is_broken_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Writes one line to standard output.
pub fn line(text: &str) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        std::panic::resume_unwind(Box::new(Closed(e)));
    }
}

/// Writes bytes (a report) to standard output.
pub fn bytes(data: &[u8]) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(data).and_then(|()| out.flush()) {
        std::panic::resume_unwind(Box::new(Closed(e)));
    }
}

/// Whether a panic message is the standard library's for a `println!` into a closed pipe
/// (code that does not go through this module yet).
pub fn is_println_broken_pipe(message: &str) -> bool {
    message.contains("failed printing to stdout") && message.contains("Broken pipe")
}
