//! Building ADaM datasets: variables take their label, type and core from ADaMIG 1.3 when
//! the IG names them, so every derivation speaks the same metadata; sponsor variables carry
//! the label given here.

use model::{Dataset, DatasetMeta, Origin, Value, VarType, Variable};

/// A dataset under construction: declare variables once, then fill rows by name.
pub(crate) struct Builder {
    ds: Dataset,
    /// The ADaMIG table to look names up in (`ADSL`, `ADTTE`, `ADAE`, or `BDS`).
    ig: &'static str,
}

impl Builder {
    pub fn new(name: &str, label: &str, structure: &str) -> Builder {
        let ig: &'static str = match name {
            "ADSL" => "ADSL",
            "ADTTE" => "ADTTE",
            "ADAE" => "ADAE",
            _ => "BDS",
        };
        let class = standards::adamig().dataset(ig).map(|d| d.class.to_owned());
        let mut meta = DatasetMeta::new(name, label);
        meta.class = class;
        meta.structure = Some(structure.to_owned());
        Builder {
            ds: Dataset::new(meta),
            ig,
        }
    }

    /// Declares a variable; the IG's label and type win over the fallbacks for IG names.
    /// Variables copied from ADSL (`TRT01P`, `AGE`) are found in the ADSL table.
    pub fn var(&mut self, name: &str, label: &str, vtype: VarType) -> &mut Builder {
        let adam = standards::adamig();
        let from_ig = [self.ig, "ADSL", "BDS"]
            .iter()
            .filter_map(|t| adam.dataset(t))
            .find_map(|t| t.variable(name).and_then(|v| v.to_variable(name)));
        let mut v = from_ig.unwrap_or_else(|| {
            let v = Variable::new(name, label, vtype);
            if vtype == VarType::Num {
                v.with_length(8)
            } else {
                v
            }
        });
        v.origin = Some(Origin::Derived);
        self.ds.meta.variables.push(v);
        self
    }

    pub fn chars(&mut self, names: &[(&str, &str)]) -> &mut Builder {
        for (n, l) in names {
            self.var(n, l, VarType::Char);
        }
        self
    }

    pub fn nums(&mut self, names: &[(&str, &str)]) -> &mut Builder {
        for (n, l) in names {
            self.var(n, l, VarType::Num);
        }
        self
    }

    /// Character variables the IG names (their labels come from it).
    pub fn ig_chars(&mut self, names: &[&str]) -> &mut Builder {
        for n in names {
            self.var(n, n, VarType::Char);
        }
        self
    }

    pub fn ig_nums(&mut self, names: &[&str]) -> &mut Builder {
        for n in names {
            self.var(n, n, VarType::Num);
        }
        self
    }

    /// A numeric date: SAS date number displayed `DATE9.`.
    pub fn date(&mut self, name: &str, label: &str) -> &mut Builder {
        self.var(name, label, VarType::Num);
        if let Some(v) = self.ds.meta.variables.last_mut() {
            v.format = Some("DATE9.".into());
            v.data_type = Some("date".into());
        }
        self
    }

    /// Variables copied unchanged from SDTM. Their origin is Predecessor, but Define-XML
    /// must then name the source (`DM.AGE`) and `model::Variable` has nowhere to carry it,
    /// so the origin is left unset rather than half stated.
    pub fn copied(&mut self, names: &[&str]) -> &mut Builder {
        for v in &mut self.ds.meta.variables {
            if names.iter().any(|n| v.name.eq_ignore_ascii_case(n)) {
                v.origin = None;
            }
        }
        self
    }

    /// The declared variables' names, in order.
    pub fn names(&self) -> Vec<String> {
        self.ds
            .meta
            .variables
            .iter()
            .map(|v| v.name.clone())
            .collect()
    }

    pub fn row(&self) -> Rec {
        Rec {
            names: self
                .ds
                .meta
                .variables
                .iter()
                .map(|v| v.name.clone())
                .collect(),
            values: vec![Value::NULL; self.ds.meta.variables.len()],
        }
    }

    pub fn push(&mut self, rec: Rec) {
        self.ds.rows.push(rec.values);
    }

    /// Lengths of character variables are sized from the data, as XPT needs a fixed width.
    pub fn finish(mut self) -> Dataset {
        for (i, v) in self.ds.meta.variables.iter_mut().enumerate() {
            if v.vtype == VarType::Char {
                let widest = self
                    .ds
                    .rows
                    .iter()
                    .filter_map(|r| r[i].as_str().map(str::len))
                    .max()
                    .unwrap_or(1);
                v.length = Some(widest.max(1));
            }
        }
        self.ds
    }
}

/// One output record being filled by variable name.
pub(crate) struct Rec {
    names: Vec<String>,
    values: Vec<Value>,
}

impl Rec {
    /// Sets a declared variable; an undeclared name is a programming error caught by the
    /// tests (debug builds panic), never silently a new column.
    pub fn set(&mut self, name: &str, value: Value) -> &mut Rec {
        match self.names.iter().position(|n| n == name) {
            Some(i) => self.values[i] = value,
            None => debug_assert!(false, "variable {name} not declared"),
        }
        self
    }
}
