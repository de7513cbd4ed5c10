//! `{ column = "Sex" }`: the cell of a column of the current row, as is. `"@value"` is the
//! cell of the current `[[unpivot]]` item.

use super::{Got, RowCtx};
use model::SourceCell;

/// The spelling of the unpivoted cell in `column = ...`.
pub(crate) const ITEM: &str = "@value";

pub(crate) fn get(ctx: &RowCtx<'_>, column: &str) -> (Got, Option<SourceCell>) {
    match ctx.cell(column) {
        Some(c) => (Got::Raw(c.clone()), Some(ctx.source(c))),
        None => (Got::Null, None),
    }
}
