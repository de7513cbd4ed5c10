//! `number = { min = 0, max = 200, unit = { column = "Unit", factors = { "mg/dL" = 1 } } }`:
//! a number cell or numeric text, converted to the standard unit by a declared factor and
//! checked against a plausible range (`SI0032`; the value is kept, as collected).

use super::{Got, RowCtx};
use crate::mapping::checks::Check;
use crate::mapping::plan::{NumberStep, UnitConversion};
use model::{Finding, SourceCell, Value};
use spec::{Diag, boolean, check_keys, join, join_quoted, number, string, table};
use std::collections::BTreeMap;

pub(crate) fn parse(
    t: &toml::Table,
    path: &str,
    columns: &mut Vec<String>,
    d: &mut Diag,
) -> NumberStep {
    check_keys(t, path, &["min", "max", "decimal_comma", "unit"], d);
    let (min, max) = (number(t, "min", path, d), number(t, "max", path, d));
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        d.err(path, format!("min {lo} is above max {hi}"));
    }
    let unit = table(t, "unit", path, d).and_then(|u| {
        let up = join(path, "unit");
        check_keys(u, &up, &["column", "factors"], d);
        let column = string(u, "column", &up, d);
        if column.is_none() {
            d.err(&up, "a unit conversion names the unit `column`");
        }
        let mut factors = BTreeMap::new();
        if let Some(f) = table(u, "factors", &up, d) {
            for (k, _) in f {
                let fp = join_quoted(&join(&up, "factors"), k);
                match number(f, k, &join(&up, "factors"), d) {
                    Some(x) if x > 0.0 => {
                        factors.insert(standards::normalize(k), x);
                    }
                    Some(_) => d.err(&fp, "a conversion factor is above zero"),
                    None => {}
                }
            }
        }
        let column = column?;
        columns.push(column.clone());
        Some(UnitConversion { column, factors })
    });
    NumberStep {
        min,
        max,
        decimal_comma: boolean(t, "decimal_comma", path, d).unwrap_or(false),
        unit,
    }
}

/// Numbers as SDTM character results carry them: no trailing `.0`.
pub(crate) fn format(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub(crate) fn apply(
    step: &NumberStep,
    var: &str,
    got: &Got,
    src: Option<&SourceCell>,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> Got {
    let cell = got.as_cell(src);
    let parsed = if step.decimal_comma {
        sheets::parse_number_decimal_comma(&cell)
    } else {
        sheets::parse_number(&cell)
    };
    let mut n = match parsed {
        Ok(n) => n,
        Err(p) => {
            if let Some(f) = src.and_then(|s| p.finding(s.clone())) {
                out.push(ctx.finding(f, var));
            }
            return Got::Null;
        }
    };
    if let Some(u) = &step.unit {
        let Some(unit_cell) = ctx.cell(&u.column) else {
            return Got::Null;
        };
        let unit = sheets::text(unit_cell);
        match u.factors.get(&standards::normalize(&unit)) {
            Some(f) => n *= f,
            None => {
                out.push(
                    ctx.finding(
                        Check::UnknownUnit
                            .at(
                                ctx.source(unit_cell),
                                format!("{var}: unit `{unit}` has no declared conversion factor"),
                            )
                            .with_value(unit.into_owned()),
                        var,
                    ),
                );
                return Got::Null;
            }
        }
    }
    let item = ctx
        .item
        .map(|(i, _)| (i.min, i.max))
        .unwrap_or((None, None));
    for (lo, hi) in [(step.min, step.max), item] {
        let low = lo.is_some_and(|lo| n < lo);
        let high = hi.is_some_and(|hi| n > hi);
        if (low || high)
            && let Some(s) = src
        {
            let range = format!(
                "{} to {}",
                lo.map_or("-".to_owned(), format),
                hi.map_or("-".to_owned(), format)
            );
            out.push(
                ctx.finding(
                    Check::OutOfRange
                        .at(
                            s.clone(),
                            format!(
                                "{var}: `{}` is outside the plausible range {range}",
                                format(n)
                            ),
                        )
                        .with_value(format(n)),
                    var,
                ),
            );
        }
    }
    Got::Val(Value::Num(n))
}
