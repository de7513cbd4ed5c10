//! ## What it checks
//! The variables a dataset shares with its domain's SDTMIG 3.4 table appear in the IG's
//! order. The longest run of variables already in IG order is kept; each other variable is
//! reported once, on the dataset, naming the IG variable it should follow. Sponsor
//! variables the table does not list are ignored. Only domains whose table is embedded.
//!
//! ## Why it matters
//! The IG order (identifiers, topic, qualifiers, timing) is the order reviewers read a
//! dataset in and define.xml lists it in; a shuffled dataset is harder to review.
//!
//! ## Example
//! AE with AESTDTC before AETERM: AESTDTC is reported (one variable moved, one finding).
//!
//! ## References
//! SDTMIG 3.4 §2.2 and §4.1.1.1 (variable order as in the domain models).

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct VariableOrderDiffers;

static META: RuleMeta = RuleMeta {
    code: "SDT0073",
    name: "variable_order_differs",
    severity: Severity::Warning,
    summary: "variables are not in the SDTMIG order",
    refs: &[],
};

/// Indices of a longest strictly increasing subsequence of `xs` (patience sorting).
fn longest_increasing(xs: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for i in 0..xs.len() {
        let pos = tails.partition_point(|&t| xs[t] < xs[i]);
        prev[i] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; xs.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = prev[i];
    }
    keep
}

impl Rule for VariableOrderDiffers {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.exact().is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(table) = Spec::of(input).and_then(|s| s.exact()) else {
            return;
        };
        let present: Vec<&standards::VarMeta> = input
            .dataset
            .meta()
            .variables
            .iter()
            .filter_map(|v| table.variable(&v.name))
            .collect();
        let orders: Vec<usize> = present.iter().map(|v| v.order).collect();
        let keep = longest_increasing(&orders);
        for (vm, kept) in present.iter().zip(&keep) {
            if *kept {
                continue;
            }
            // The nearest IG predecessor that the dataset has, as a place to move it to.
            let after = present
                .iter()
                .filter(|p| p.order < vm.order)
                .max_by_key(|p| p.order)
                .map(|p| format!("after {}", p.name))
                .unwrap_or_else(|| "first".to_owned());
            out.dataset(
                &[vm.name.as_str()],
                format!(
                    "{} is out of SDTMIG 3.4 {} order; the IG places it {after}",
                    vm.name, table.name
                ),
            );
        }
    }
}
