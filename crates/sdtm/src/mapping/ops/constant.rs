//! `{ constant = "UMIN000015469" }` and the per-item constants of `[[unpivot]]`'s `set`.

use super::Got;
use crate::mapping::plan::UnpivotItem;
use model::Value;
use spec::{Diag, type_name};

pub(crate) fn parse(v: &toml::Value, path: &str, d: &mut Diag) -> Option<Value> {
    match v {
        toml::Value::String(s) => Some(Value::char(s.clone())),
        toml::Value::Integer(i) => Some(Value::Num(*i as f64)),
        toml::Value::Float(f) => Some(Value::Num(*f)),
        other => {
            d.err(
                path,
                format!(
                    "a constant is a string or a number, found {}",
                    type_name(other)
                ),
            );
            None
        }
    }
}

pub(crate) fn item_value(item: &UnpivotItem, var: &str) -> Got {
    item.set
        .iter()
        .find(|(n, _)| n == var)
        .map_or(Got::Null, |(_, v)| Got::Val(Value::char(v.clone())))
}
