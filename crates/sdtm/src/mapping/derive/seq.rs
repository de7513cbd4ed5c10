//! `--SEQ`: 1, 2, ... per subject, in the dataset's sorted order, so reruns number alike.

use model::Value;

/// Sequence numbers for rows already sorted by USUBJID first (given as anything that tells
/// one subject from another).
pub(crate) fn numbers<T: PartialEq>(subjects: &[T]) -> Vec<Value> {
    let mut out = Vec::with_capacity(subjects.len());
    let mut n = 0.0;
    for (i, s) in subjects.iter().enumerate() {
        n = if i > 0 && subjects[i - 1] == *s {
            n + 1.0
        } else {
            1.0
        };
        out.push(Value::Num(n));
    }
    out
}
