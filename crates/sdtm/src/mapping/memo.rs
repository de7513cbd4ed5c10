//! One variable's results by cell value. A column copied through recodes, date and number
//! parsing gives the same value for the same cell content whatever the row, so each distinct
//! content is worked out once: a lab sheet's five test names, few units and few thousand
//! dates, over 200,000 rows. A result that came with a finding is never kept, so each bad
//! cell is still reported at its own address.

use super::ops::{self, RowCtx};
use super::plan::{Op, VarPlan};
use foldhash::fast::FixedState;
use model::{CellRef, Finding, SourceCell, Value};
use sheets::RawValue;
use std::collections::HashMap;

/// Where a value came from: a cell of the table being mapped (the caller knows its file
/// and sheet), or anywhere else.
#[derive(Debug, Clone)]
pub(crate) enum Src {
    Here(CellRef),
    Elsewhere(SourceCell),
}

#[derive(Debug, Default)]
pub(crate) struct Memo {
    text: HashMap<String, Value, FixedState>,
    num: HashMap<u64, Value, FixedState>,
}

impl Memo {
    /// [`ops::eval`], answered from what earlier rows gave when it can be.
    pub fn eval(
        &mut self,
        var: &VarPlan,
        ctx: &RowCtx<'_>,
        out: &mut Vec<Finding>,
    ) -> (Value, Option<Src>) {
        let cell = match &var.op {
            Op::Column(c) => ctx.cell(c),
            _ => None,
        };
        let Some(cell) = cell else {
            let (v, s) = ops::eval(var, ctx, out);
            return (v, s.map(Src::Elsewhere));
        };
        let known = match &cell.value {
            RawValue::Text(t) => self.text.get(t.as_str()),
            RawValue::Number(n) => self.num.get(&n.to_bits()),
            _ => None,
        };
        if let Some(v) = known {
            return (v.clone(), Some(Src::Here(cell.cell)));
        }
        let before = out.len();
        let (v, s) = ops::eval(var, ctx, out);
        if out.len() == before {
            match &cell.value {
                RawValue::Text(t) => {
                    self.text.insert(t.clone(), v.clone());
                }
                RawValue::Number(n) => {
                    self.num.insert(n.to_bits(), v.clone());
                }
                _ => {}
            }
        }
        (v, s.map(Src::Elsewhere))
    }
}
