//! One variable's results by input value. A column copied through recodes, date and number
//! parsing (or a variable decoded from another) gives the same value for the same input
//! whatever the row, so each distinct input is worked out once: a lab sheet's five test
//! names, few units and few thousand dates, over 200,000 rows. A result that came with a
//! finding is never kept, so each bad cell is still reported at its own address.

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

/// A variable's value for one record.
#[derive(Debug)]
pub(crate) enum Eval<'m> {
    /// What an earlier row with the same cell content gave, and its number in the records'
    /// column once it has one: a record then stores the number, nothing is copied.
    Kept(&'m Value, &'m mut Option<u32>),
    Fresh(Value),
}

#[derive(Debug)]
struct Slot {
    value: Value,
    id: Option<u32>,
}

/// Inputs seen, each with its slot's place: one lookup per record, and a slot borrowed
/// from the list, not the map.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    text: HashMap<String, usize, FixedState>,
    num: HashMap<u64, usize, FixedState>,
    slots: Vec<Slot>,
}

/// What a variable's result depends on, when that is one value.
enum Key<'a> {
    Text(&'a str),
    Num(u64),
}

/// The input of a variable whose result depends on one value only, and the cell it sits
/// in: a copied column (its cell), a variable taken from another (that variable's value), a
/// constant (nothing).
fn key<'a>(var: &'a VarPlan, ctx: &'a RowCtx<'_>) -> Option<(Key<'a>, Option<CellRef>)> {
    match &var.op {
        Op::Column(c) => {
            let cell = ctx.cell(c)?;
            let k = match &cell.value {
                RawValue::Text(t) => Key::Text(t),
                RawValue::Number(n) => Key::Num(n.to_bits()),
                _ => return None,
            };
            Some((k, Some(cell.cell)))
        }
        Op::From(name) => {
            let (_, v) = ctx.done.iter().find(|(n, _)| n == name)?;
            let k = match v.as_ref() {
                Value::Char(s) => Key::Text(s),
                Value::Num(n) => Key::Num(n.to_bits()),
                Value::Missing(_) => return None,
            };
            Some((k, None))
        }
        Op::Constant(_) => Some((Key::Text(""), None)),
        _ => None,
    }
}

impl Memo {
    /// [`ops::eval`], answered from what earlier rows gave when it can be.
    pub fn eval<'m>(
        &'m mut self,
        var: &VarPlan,
        ctx: &RowCtx<'_>,
        out: &mut Vec<Finding>,
    ) -> (Eval<'m>, Option<Src>) {
        let Some((key, cell)) = key(var, ctx) else {
            return fresh(var, ctx, out);
        };
        let here = cell.map(Src::Here);
        let seen = match key {
            Key::Text(t) => self.text.get(t),
            Key::Num(n) => self.num.get(&n),
        };
        // Both ways return: a borrow handed out for 'm must not meet the push below.
        if let Some(&i) = seen
            && i < self.slots.len()
        {
            let Slot { value, id } = &mut self.slots[i];
            return (Eval::Kept(value, id), here);
        }
        let before = out.len();
        let (v, s) = ops::eval(var, ctx, out);
        if out.len() == before {
            let slot = Slot {
                value: v.clone(),
                id: None,
            };
            let at = self.slots.len();
            self.slots.push(slot);
            match key {
                Key::Text(t) => self.text.insert(t.to_owned(), at),
                Key::Num(n) => self.num.insert(n, at),
            };
        }
        (Eval::Fresh(v), s.map(Src::Elsewhere))
    }
}

fn fresh<'m>(var: &VarPlan, ctx: &RowCtx<'_>, out: &mut Vec<Finding>) -> (Eval<'m>, Option<Src>) {
    let (v, s) = ops::eval(var, ctx, out);
    (Eval::Fresh(v), s.map(Src::Elsewhere))
}
