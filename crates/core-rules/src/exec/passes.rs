//! Running rules on a package pass by pass: the package-wide views first, then each record
//! frame with the value-check views of its datasets.

use super::{DATASET_METADATA, DOMAIN_PRESENCE, VARIABLE_METADATA};
use super::{PACKAGE_WIDE, Status, VALUE_CHECK, run_on, value_check, views};
use crate::error::EvalError;
use crate::frame::Frame;
use crate::package::Package;
use crate::plan::CompiledRule;
use model::Finding;
use rayon::prelude::*;
use std::sync::OnceLock;
use table::Table;

/// A package as the rule types see it: the datasets, their metadata, the study. Only the
/// record frames are built up front, and they read a column from its table only when a rule
/// first asks for it; the metadata views are built the first time a rule of their type asks
/// (the value-check view holds one row per value of every variable: on a 1,000,000-row LB it
/// alone took gigabytes when built for every run).
#[derive(Debug)]
pub struct Views<'a> {
    pub(super) package: &'a Package,
    pub data: Vec<Frame>,
    /// For each of the package's datasets, the record frame (in `data`) that holds it.
    pub(super) frame_of: Vec<usize>,
    dataset_metadata: OnceLock<Vec<Frame>>,
    variable_metadata: OnceLock<Vec<Frame>>,
    study: OnceLock<Frame>,
}

impl<'a> Views<'a> {
    pub fn of(package: &'a Package) -> Views<'a> {
        let ds = &package.datasets;
        let data = views::unsplit(ds.iter().map(Frame::from_table).collect());
        let frame_of = ds
            .iter()
            .map(|d| {
                let name = d.name().to_ascii_uppercase();
                data.iter()
                    .position(|f| f.file_names.contains(&name))
                    .unwrap_or(0)
            })
            .collect();
        Views {
            package,
            data,
            frame_of,
            dataset_metadata: OnceLock::new(),
            variable_metadata: OnceLock::new(),
            study: OnceLock::new(),
        }
    }

    pub fn study(&self) -> &Frame {
        self.study
            .get_or_init(|| views::study(&self.package.datasets))
    }

    /// For a rule type checked on a package-wide view, its frames and whether its Scope
    /// selects among them; `None` for the types checked on record frames.
    fn package_wide(&self, rule_type: &str) -> Option<(&[Frame], bool)> {
        match rule_type {
            DATASET_METADATA => Some((
                self.dataset_metadata
                    .get_or_init(|| self.build(views::dataset_metadata)),
                true,
            )),
            VARIABLE_METADATA => Some((
                self.variable_metadata
                    .get_or_init(|| self.build(views::variable_metadata)),
                true,
            )),
            DOMAIN_PRESENCE => Some((std::slice::from_ref(self.study()), false)),
            _ => None,
        }
    }

    fn build(&self, view: fn(&Table) -> Frame) -> Vec<Frame> {
        self.package.datasets.iter().map(view).collect()
    }

    /// Forgets every cell read from the tables and the package-wide views, once no rule runs.
    fn release(&mut self) {
        self.data.iter_mut().for_each(Frame::release);
        self.dataset_metadata.take();
        self.variable_metadata.take();
        self.study.take();
    }
}

/// What the rules run on at once: the package-wide views, or one record frame and the
/// value-check views of its datasets. Cells read during a pass are released after it, so a
/// run holds the cells of one large dataset at a time, not of all of them.
#[derive(Debug, Clone, Copy)]
enum Pass {
    Package,
    Frame(usize),
}

/// One result of a rule: its place among the rule's results (the frame's or dataset's
/// position), the dataset's name, and what was found there.
pub(super) type Piece = (usize, String, Result<Vec<Finding>, EvalError>);

/// Runs the rules on a package in parallel, pass by pass; statuses in the rules' order.
pub fn run(rules: &[&CompiledRule], package: &Package) -> Vec<Status> {
    let mut views = Views::of(package);
    let mut pieces: Vec<Vec<Piece>> = rules.iter().map(|_| Vec::new()).collect();
    let passes = std::iter::once(Pass::Package).chain((0..views.data.len()).map(Pass::Frame));
    for pass in passes {
        let each = || -> Vec<Vec<Piece>> {
            rules
                .par_iter()
                .map(|r| run_pass(r, &views, pass))
                .collect()
        };
        let found = match pass {
            Pass::Package => each(),
            // Beside the other rules: the value checks that read one variable at a time.
            Pass::Frame(at) => {
                let (mut found, by_variable) =
                    rayon::join(each, || value_check::by_variable(rules, &views, at));
                for (all, mut more) in found.iter_mut().zip(by_variable) {
                    all.append(&mut more);
                }
                found
            }
        };
        for (all, mut more) in pieces.iter_mut().zip(found) {
            all.append(&mut more);
        }
        views.release();
    }
    rules
        .iter()
        .zip(pieces)
        .map(|(rule, mut pieces)| match rule.skip_reason() {
            Some(reason) => Status::Skipped {
                reason: reason.to_owned(),
            },
            None => {
                pieces.sort_by_key(|p| p.0);
                status_of(pieces.into_iter().map(|(_, name, found)| (name, found)))
            }
        })
        .collect()
}

fn run_pass(rule: &CompiledRule, views: &Views, pass: Pass) -> Vec<Piece> {
    if rule.skip_reason().is_some() {
        return Vec::new();
    }
    let on = |at: usize, frame: &Frame| {
        (
            at,
            frame.info.name.clone(),
            run_on(rule, frame, &views.data),
        )
    };
    let rule_type = rule.rule_type.as_str();
    match pass {
        Pass::Package => views
            .package_wide(rule_type)
            .map_or_else(Vec::new, |(frames, scoped)| {
                let frames = frames.iter().enumerate();
                let frames = frames.filter(|(_, f)| !scoped || rule.scope.includes(&f.info));
                frames.map(|(at, f)| on(at, f)).collect()
            }),
        Pass::Frame(_) if PACKAGE_WIDE.contains(&rule_type) => Vec::new(),
        Pass::Frame(at) if rule_type == VALUE_CHECK => value_check::whole(rule, views, at),
        Pass::Frame(at) => {
            let frame = &views.data[at];
            if rule.scope.includes(&frame.info) {
                vec![on(at, frame)]
            } else {
                Vec::new()
            }
        }
    }
}

fn status_of(results: impl Iterator<Item = (String, Result<Vec<Finding>, EvalError>)>) -> Status {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    for (name, result) in results {
        match result {
            Ok(mut f) => findings.append(&mut f),
            // CORE: a missing column or dataset makes the rule inapplicable to this dataset
            // (an execution error or skip in its report); it yields no findings.
            Err(EvalError::MissingColumn(_) | EvalError::MissingDataset(_)) => {}
            Err(e) => errors.push(format!("{name}: {e}")),
        }
    }
    if !findings.is_empty() {
        Status::Failed { findings }
    } else if !errors.is_empty() {
        Status::Error {
            cause: errors.join("; "),
        }
    } else {
        Status::Passed
    }
}
