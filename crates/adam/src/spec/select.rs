//! Record selections: which SDTM records of a subject a spec means (`domain`, `where`,
//! `date`), as events, origins, values and flags use them.

use super::names::{self, Ctx};
use spec::toml::{Table, Value};
use spec::{Diag, check_keys, join, type_name};

/// One condition on a record. Text compares trimmed and case-insensitively, as sites type
/// controlled terms in any case.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The first of these variables that holds a value is tested.
    pub vars: Vec<String>,
    pub test: Test,
    /// A record without a value passes.
    pub or_missing: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Is(Vec<String>),
    Not(Vec<String>),
    Contains(String),
    Present,
}

/// Records of one domain that meet every clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    pub domain: String,
    pub clauses: Vec<Clause>,
}

impl Clause {
    pub fn holds(&self, value: Option<&str>) -> bool {
        let Some(v) = value else {
            return self.or_missing || matches!(self.test, Test::Not(_));
        };
        match &self.test {
            Test::Is(xs) => xs.iter().any(|x| x.eq_ignore_ascii_case(v)),
            Test::Not(xs) => !xs.iter().any(|x| x.eq_ignore_ascii_case(v)),
            Test::Contains(x) => v.to_ascii_uppercase().contains(&x.to_ascii_uppercase()),
            Test::Present => true,
        }
    }
}

impl std::fmt::Display for Clause {
    /// `DSDECOD is RANDOMIZED`, `CEDECOD/CETERM contains PROGRESSION`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.vars.join("/"))?;
        match &self.test {
            Test::Is(xs) => write!(f, " is {}", xs.join(" or "))?,
            Test::Not(xs) => write!(f, " is not {}", xs.join(" or "))?,
            Test::Contains(x) => write!(f, " contains {x}")?,
            Test::Present => write!(f, " has a value")?,
        }
        if self.or_missing {
            write!(f, " (or has no value)")?;
        }
        Ok(())
    }
}

impl Select {
    /// Whether a record meets every clause; `get` reads a variable's trimmed, non-empty text.
    pub fn matches<'a>(&self, get: impl Fn(&str) -> Option<&'a str>) -> bool {
        self.clauses
            .iter()
            .all(|c| c.holds(c.vars.iter().find_map(|v| get(v))))
    }
}

/// `domain` and `where` of table `t` at `path`.
pub(super) fn select(t: &Table, path: &str, cx: &Ctx, d: &mut Diag) -> Option<Select> {
    let domain = names::domain(t, path, cx, d)?;
    let clauses = match t.get("where") {
        None => Vec::new(),
        Some(w) => clauses(w, &join(path, "where"), &domain, cx, d),
    };
    Some(Select { domain, clauses })
}

/// `where = { VAR = "x" }` (each key a variable, each value one text or a list) or
/// `where = [{ var = ..., is|not|contains|present = ..., or_missing = ... }, ...]`.
fn clauses(w: &Value, path: &str, domain: &str, cx: &Ctx, d: &mut Diag) -> Vec<Clause> {
    match w {
        Value::Table(t) => t
            .iter()
            .filter_map(|(k, v)| {
                let p = join(path, k);
                let var = names::sdtm_var(k, domain, &p, cx, d)?;
                let xs = texts(v, &p, d)?;
                Some(Clause {
                    vars: vec![var],
                    test: Test::Is(xs),
                    or_missing: false,
                })
            })
            .collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let p = format!("{path}[{i}]");
                match v {
                    Value::Table(t) => clause(t, &p, domain, cx, d),
                    other => {
                        d.err(&p, format!("expected a table, found {}", type_name(other)));
                        None
                    }
                }
            })
            .collect(),
        other => {
            d.err(
                path,
                format!(
                    "expected a table of VARIABLE = value or an array of conditions, found {}",
                    type_name(other)
                ),
            );
            Vec::new()
        }
    }
}

const TESTS: [&str; 4] = ["is", "not", "contains", "present"];

fn clause(t: &Table, path: &str, domain: &str, cx: &Ctx, d: &mut Diag) -> Option<Clause> {
    check_keys(
        t,
        path,
        &["var", "is", "not", "contains", "present", "or_missing"],
        d,
    );
    let vars: Vec<String> = match t.get("var") {
        None => {
            d.err(path, "a condition needs `var`, the variable it tests");
            return None;
        }
        Some(v) => texts(v, &join(path, "var"), d)?
            .iter()
            .filter_map(|n| names::sdtm_var(n, domain, &join(path, "var"), cx, d))
            .collect(),
    };
    let given: Vec<&str> = TESTS
        .iter()
        .copied()
        .filter(|k| t.contains_key(*k))
        .collect();
    if given.len() != 1 {
        d.err(
            path,
            format!("a condition needs exactly one of {}", TESTS.join(", ")),
        );
        return None;
    }
    let p = join(path, given[0]);
    let test = match given[0] {
        "is" => Test::Is(texts(&t["is"], &p, d)?),
        "not" => Test::Not(texts(&t["not"], &p, d)?),
        "contains" => Test::Contains(texts(&t["contains"], &p, d)?.concat()),
        _ => match &t["present"] {
            Value::Boolean(true) => Test::Present,
            _ => {
                d.err(&p, "`present` takes only `true`");
                return None;
            }
        },
    };
    let or_missing = match t.get("or_missing") {
        None => false,
        Some(Value::Boolean(b)) => *b,
        Some(other) => {
            d.err(
                &join(path, "or_missing"),
                format!("expected true or false, found {}", type_name(other)),
            );
            false
        }
    };
    (!vars.is_empty()).then_some(Clause {
        vars,
        test,
        or_missing,
    })
}

/// One text or a list of texts.
pub(super) use spec::strings_of as texts;
