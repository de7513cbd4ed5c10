//! How a stage talks to the person running it. The binary prints to a terminal; another
//! front end (`serve`) can record the same lines instead.

use model::Timestamp;

/// Where a stage's progress lines go.
pub trait Console: Sync {
    /// A line of ordinary output.
    fn say(&self, line: &str);
    /// Whether detail (each input, each file written) is wanted.
    fn verbose(&self) -> bool {
        false
    }
    /// Shows that a step of unknown length is under way until the returned guard is dropped.
    fn busy(&self, what: &str) -> Box<dyn Busy> {
        let _ = what;
        Box::new(())
    }

    /// Shows how far a step of `total` parts has come (0: not known yet) until the returned
    /// guard is dropped.
    fn progress(&self, what: &str, total: u64) -> Box<dyn Progress> {
        let _ = (what, total);
        Box::new(())
    }
}

/// A step under way; dropping it ends the indication.
pub trait Busy {}

impl Busy for () {}

/// A counted step under way, advanced from any thread; dropping it ends the indication.
pub trait Progress: Sync {
    /// One more part done.
    fn inc(&self) {}
    /// `done` of `total` parts done.
    fn set(&self, done: u64, total: u64) {
        let _ = (done, total);
    }
}

impl Progress for () {}

/// A console that prints nothing: for tests and callers that only want the outputs.
pub struct Silent;

impl Console for Silent {
    fn say(&self, _: &str) {}
}

/// What every stage is given: where to talk, and the settings that shape every output.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub console: &'a dyn Console,
    /// Subject values are hidden in messages and reports.
    pub mask: bool,
    /// The run's one instant, stamped into every output so reruns are byte-identical.
    pub timestamp: Timestamp,
}

impl Ctx<'_> {
    pub fn say(&self, line: impl AsRef<str>) {
        self.console.say(line.as_ref());
    }

    pub fn verbose(&self) -> bool {
        self.console.verbose()
    }
}
