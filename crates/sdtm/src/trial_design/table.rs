//! Rows keyed by variable name → a [`Dataset`] in SDTMIG shape: IG order, labels, types and
//! core from the embedded SDTMIG 3.4, character lengths from the data, rows sorted by the
//! domain's keys.

use super::codes;
use model::{Core, Dataset, Finding, Origin, Value, VarType, Variable};

/// XPT v5 cannot hold longer character values, and SDTMIG caps text variables at 200.
pub(crate) const MAX_TEXT: usize = 200;

pub(crate) struct Table {
    domain: &'static str,
    vars: Vec<Variable>,
    rows: Vec<Vec<Value>>,
}

impl Table {
    pub(crate) fn new(domain: &'static str) -> Table {
        let vars = standards::sdtmig()
            .domain(domain)
            .map(|d| {
                d.variables()
                    .iter()
                    .map(|vm| {
                        let origin = match vm.name.as_str() {
                            "DOMAIN" | "STUDYID" => Origin::Assigned,
                            n if n.ends_with("SEQ") || n == "TAETORD" => Origin::Derived,
                            _ => Origin::Protocol,
                        };
                        vm.to_variable().with_origin(origin)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Table {
            domain,
            vars,
            rows: Vec::new(),
        }
    }

    /// Adds a variable the IG table does not list (TSVAL1..n) right after `after`.
    pub(crate) fn insert_after(&mut self, after: &str, var: Variable) {
        if self.index(&var.name).is_some() {
            return;
        }
        let at = self.index(after).map_or(self.vars.len(), |i| i + 1);
        self.vars.insert(at, var);
        for r in &mut self.rows {
            r.insert(at, Value::NULL);
        }
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.vars.iter().position(|v| v.name == name)
    }

    /// One record; variables not named stay null. Names outside the table are a programming
    /// error caught by this module's tests, so they are ignored rather than reported.
    pub(crate) fn push(&mut self, values: Vec<(&str, Value)>) {
        let mut row = vec![Value::NULL; self.vars.len()];
        for (name, v) in values {
            if let Some(i) = self.index(name) {
                row[i] = v;
            }
        }
        self.rows.push(row);
    }

    /// The finished dataset. Permissible variables that stay null in every record are left
    /// out; text longer than [`MAX_TEXT`] bytes is cut at a word boundary with an RG0030
    /// notice, because no trial-design text is worth an unwritable XPT file.
    pub(crate) fn finish(mut self, studyid: &str, findings: &mut Vec<Finding>) -> Dataset {
        let (s, d) = (self.index("STUDYID"), self.index("DOMAIN"));
        for r in &mut self.rows {
            if let Some(s) = s {
                r[s] = Value::char(studyid);
            }
            if let Some(d) = d {
                r[d] = Value::char(self.domain);
            }
        }
        for (ri, r) in self.rows.iter_mut().enumerate() {
            for (ci, v) in r.iter_mut().enumerate() {
                if let Value::Char(text) = v
                    && text.len() > MAX_TEXT
                {
                    let cut = clip(text, MAX_TEXT).to_owned();
                    findings.push(
                        Finding::notice(
                            codes::RG_TEXT_CLIPPED,
                            format!(
                                "{} is {} bytes; the first {} bytes are kept (SDTMIG limit {MAX_TEXT})",
                                self.vars[ci].name,
                                text.len(),
                                cut.len()
                            ),
                        )
                        .in_dataset(self.domain)
                        .at_record(ri as u64 + 1)
                        .with_variable(self.vars[ci].name.clone()),
                    );
                    *text = cut;
                }
            }
        }
        let keep: Vec<bool> = (0..self.vars.len())
            .map(|c| {
                self.vars[c].core != Some(Core::Perm) || self.rows.iter().any(|r| !r[c].is_null())
            })
            .collect();
        let keys: Vec<usize> = standards::sdtmig()
            .domain(self.domain)
            .map(|d| d.keys.iter().filter_map(|k| self.index(k)).collect())
            .unwrap_or_default();
        let order = crate::order::by_keys(&self.rows, &keys);
        let mut meta = standards::sdtmig()
            .domain(self.domain)
            .map(standards::DomainMeta::to_dataset_meta)
            .unwrap_or_else(|| model::DatasetMeta::new(self.domain, self.domain));
        let mut vars = Vec::new();
        for (c, mut v) in self.vars.into_iter().enumerate() {
            if !keep[c] {
                continue;
            }
            if v.vtype == VarType::Char {
                let len = self.rows.iter().map(|r| r[c].as_str().map_or(0, str::len));
                v.length = Some(len.max().unwrap_or(0).max(1));
            }
            vars.push(v);
        }
        meta.variables = vars;
        let rows = self
            .rows
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k)
                    .map(|(v, _)| v)
                    .collect()
            })
            .collect();
        let mut ds = Dataset::with_rows(meta, rows);
        ds.select_rows(&order);
        ds
    }
}

/// The longest prefix of `text` of at most `max` bytes, ending at a word boundary when one is
/// in the second half (a cut mid-word reads worse than a slightly shorter value).
pub(crate) fn clip(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind(char::is_whitespace) {
        Some(sp) if sp > max / 2 => head[..sp].trim_end(),
        _ => head,
    }
}

/// `text` in pieces of at most `max` bytes, broken before whitespace where possible. Nothing
/// is trimmed: the pieces concatenated give `text` back, as TSVAL + TSVAL1 + ... must. The
/// space goes to the start of the next piece because XPT drops trailing blanks but keeps
/// leading ones.
pub(crate) fn split(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let mut end = max;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let cut = match rest[..end].rfind(char::is_whitespace) {
            Some(sp) if sp > max / 2 => sp,
            _ => end,
        };
        out.push(rest[..cut].to_owned());
        rest = &rest[cut..];
    }
    out.push(rest.to_owned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_every_byte_and_respects_the_limit() {
        let text = "word ".repeat(100) + "é".repeat(150).as_str();
        let parts = split(&text, 200);
        assert!(parts.iter().all(|p| p.len() <= 200));
        assert_eq!(parts.concat(), text);
        assert!(
            parts[1].starts_with(' '),
            "broken before a space: {:?}",
            parts[1]
        );
        assert!(!parts[0].ends_with(' '));
        assert_eq!(split("short", 200), vec!["short"]);
    }

    #[test]
    fn clip_prefers_a_word_boundary() {
        let text = "alpha beta gamma";
        assert_eq!(clip(text, 12), "alpha beta");
        assert_eq!(clip("é".repeat(10).as_str(), 5), "éé");
    }

    #[test]
    fn perm_columns_without_values_are_dropped_and_lengths_computed() {
        let mut t = Table::new("TI");
        t.push(vec![
            ("IETESTCD", Value::char("INCL02")),
            ("IETEST", Value::char("b")),
        ]);
        t.push(vec![
            ("IETESTCD", Value::char("INCL01")),
            ("IETEST", Value::char("abc")),
        ]);
        let mut f = Vec::new();
        let ds = t.finish("S1", &mut f);
        let names: Vec<_> = ds.meta.variables.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["STUDYID", "DOMAIN", "IETESTCD", "IETEST", "IECAT"]);
        assert_eq!(ds.get(0, "IETESTCD"), Some(&Value::char("INCL01")));
        assert_eq!(ds.meta.variable("IETEST").unwrap().length, Some(3));
        assert_eq!(ds.meta.variable("IECAT").unwrap().length, Some(1));
    }
}
