//! The rule book: every rule loaded and compiled, run in parallel on a package.

use crate::error::LoadError;
use crate::exec::{self, Status};
use crate::load;
use crate::package::Package;
use crate::plan::CompiledRule;
use model::Finding;
use rayon::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// A set of compiled CORE rules, sorted by id.
#[derive(Debug, Clone)]
pub struct RuleBook {
    rules: Vec<CompiledRule>,
}

/// What running a book produced: each rule's status (by rule id) and all findings.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutcome {
    pub statuses: Vec<(String, Status)>,
    pub findings: Vec<Finding>,
}

impl RuleBook {
    /// CDISC's published rules, embedded in the binary, compiled once. A rule that does not
    /// load is a defect of this crate (the bundled-rules test fails); it is left out here.
    pub fn bundled() -> &'static RuleBook {
        static BOOK: OnceLock<RuleBook> = OnceLock::new();
        BOOK.get_or_init(|| {
            let (book, _errors) = RuleBook::bundled_with_errors();
            book
        })
    }

    /// The bundled rules and the load errors of any that failed (none expected).
    pub fn bundled_with_errors() -> (RuleBook, Vec<LoadError>) {
        let results: Vec<Result<CompiledRule, Vec<LoadError>>> = standards::cdisc_core::rules()
            .par_iter()
            .map(|e| load::load_rule(&format!("{}/rule.yml", e.name), e.text))
            .collect();
        collect(results)
    }

    /// Loads a `rule.yml`/`.yaml` file, or every one under a folder (recursively); custom
    /// rules (`Organization: Custom`) are welcome. All load errors are returned together.
    pub fn load(path: &Path) -> Result<RuleBook, Vec<LoadError>> {
        let mut files = Vec::new();
        walk(path, &mut files).map_err(|e| {
            vec![LoadError::new(
                &path.display().to_string(),
                "",
                e.to_string(),
            )]
        })?;
        let results: Vec<Result<CompiledRule, Vec<LoadError>>> = files
            .par_iter()
            .map(|f| {
                let name = f.display().to_string();
                let text = std::fs::read_to_string(f)
                    .map_err(|e| vec![LoadError::new(&name, "", e.to_string())])?;
                load::load_rule(&name, &text)
            })
            .collect();
        let (book, errors) = collect(results);
        if errors.is_empty() {
            Ok(book)
        } else {
            Err(errors)
        }
    }

    /// A book of one rule from its YAML text (`file` names it in errors): what `load` does for
    /// a file, for text that arrives otherwise (an upload, a fuzzer).
    pub fn from_text(file: &str, text: &str) -> Result<RuleBook, Vec<LoadError>> {
        load::load_rule(file, text).map(|rule| RuleBook::from_rules(vec![rule]))
    }

    /// A book of already compiled rules (e.g. one rule of the bundled book).
    pub fn from_rules(mut rules: Vec<CompiledRule>) -> RuleBook {
        rules.sort_by(|a, b| a.id().cmp(b.id()));
        RuleBook { rules }
    }

    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&CompiledRule> {
        self.rules.iter().find(|r| r.id() == id)
    }

    /// Runs every rule that applies to the package's standard, in parallel. Output is in rule
    /// id order, findings then by dataset and record.
    pub fn run(&self, package: &Package) -> RunOutcome {
        let applicable: Vec<&CompiledRule> = self
            .rules
            .iter()
            .filter(|r| r.applies_to(&package.standard))
            .collect();
        run_rules(&applicable, package)
    }

    /// Runs every rule regardless of the standards it cites (as CORE's test cases do).
    pub fn run_all(&self, package: &Package) -> RunOutcome {
        let all: Vec<&CompiledRule> = self.rules.iter().collect();
        run_rules(&all, package)
    }
}

fn run_rules(rules: &[&CompiledRule], package: &Package) -> RunOutcome {
    let statuses: Vec<(String, Status)> = rules
        .iter()
        .map(|r| r.id().to_owned())
        .zip(exec::run(rules, package))
        .collect();
    let mut findings = Vec::new();
    for (_, s) in &statuses {
        if let Status::Failed { findings: f } = s {
            let mut f = f.clone();
            f.sort_by(|a, b| (&a.dataset, a.record).cmp(&(&b.dataset, b.record)));
            findings.extend(f);
        }
    }
    RunOutcome { statuses, findings }
}

fn collect(results: Vec<Result<CompiledRule, Vec<LoadError>>>) -> (RuleBook, Vec<LoadError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(rule) => rules.push(rule),
            Err(mut e) => errors.append(&mut e),
        }
    }
    (RuleBook::from_rules(rules), errors)
}

fn walk(path: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "yml" || x == "yaml") {
            out.push(p);
        }
    }
    Ok(())
}
