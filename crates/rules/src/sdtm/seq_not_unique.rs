//! ## What it checks
//! Within a domain, --SEQ is unique per USUBJID (or per POOLID for pooled records), across
//! every file of a split domain (`LBCH` and `LBHE` are both LB). TS, whose TSSEQ numbers
//! repeats of a parameter, and the Tobacco IG product-keyed domains (EM, DU, DO, DI) are
//! excluded.
//!
//! ## Why it matters
//! --SEQ is the key RELREC, SUPP-- (IDVAR = --SEQ) and ADaM traceability (SRCSEQ) point at;
//! a duplicate makes those links ambiguous.
//!
//! ## Example
//! Two AE records of one subject both with `AESEQ = 2`: both are reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.2.1 (--SEQ); CORE-000750; Pinnacle 21 SD0005.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, show, text};
use foldhash::HashMap;
use model::{Severity, ValueRef};
use table::Row;

pub struct SeqNotUnique;

static META: RuleMeta = RuleMeta {
    code: "SDT0010",
    name: "seq_not_unique",
    severity: Severity::Error,
    summary: "--SEQ is not unique within a subject",
    refs: &["CORE-000750", "P21:SD0005"],
};

const EXCLUDED: [&str; 5] = ["TS", "EM", "DU", "DO", "DI"];

/// The domain a dataset's records belong to: its DOMAIN value when present, so that the
/// files of a split domain are one domain.
fn domain_of(input: &Input) -> String {
    column(input, "DOMAIN")
        .find_map(|(_, v)| text(v))
        .unwrap_or(input.domain())
        .to_ascii_uppercase()
}

fn seq_var(input: &Input) -> Option<String> {
    let name = format!("{}SEQ", domain_of(input));
    input.has(&name).then_some(name)
}

/// A sequence number as compared: a number by its bits, text trimmed. Text that is exactly
/// a number's shortest spelling is that number, so `AESEQ = 2` and `"2"` still meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Seq<'a> {
    Num(u64),
    Text(&'a str),
}

impl<'a> Seq<'a> {
    fn of(v: ValueRef<'a>) -> Option<Seq<'a>> {
        match v {
            ValueRef::Num(n) => Some(Seq::Num(n.to_bits())),
            ValueRef::Char(s) if !s.trim().is_empty() => {
                let t = s.trim();
                Some(match t.parse::<f64>() {
                    Ok(n) if n.to_string() == t => Seq::Num(n.to_bits()),
                    _ => Seq::Text(t),
                })
            }
            _ => None,
        }
    }

    fn show(self) -> String {
        match self {
            Seq::Num(bits) => show(ValueRef::Num(f64::from_bits(bits))),
            Seq::Text(t) => t.to_owned(),
        }
    }
}

/// Whose records a sequence number numbers: `("USUBJID", id)` or, for pooled records,
/// `("POOLID", id)`.
type Owner<'a> = (&'static str, &'a str);

/// The sequence numbers of every file of a domain, grouped by owner, so that duplicates are
/// found one owner at a time in a map that stays in cache instead of one map of a million
/// keys.
#[derive(Default)]
struct Groups<'a> {
    index: HashMap<Owner<'a>, usize>,
    groups: Vec<Group<'a>>,
}

struct Group<'a> {
    owner: Owner<'a>,
    /// The checked file's records: sequence number and row.
    mine: Vec<(Seq<'a>, usize)>,
    /// The other files' sequence numbers, which count but are not reported here.
    theirs: Vec<Seq<'a>>,
}

impl<'a> Groups<'a> {
    /// Adds every record with an owner and a sequence number; `mine` says whether the file is
    /// the one being checked.
    fn add(&mut self, input: &'a Input, seq: &str, mine: bool) {
        let meta = input.dataset.meta();
        let Some(seq) = meta.index_of(seq) else {
            return;
        };
        let (subject, pool) = (meta.index_of("USUBJID"), meta.index_of("POOLID"));
        let get = |record: &Row<'a>, col: Option<usize>| col.and_then(|c| record.get(c));
        // Records are usually sorted by subject: the previous record's group saves a lookup.
        let mut last: Option<(Owner<'a>, usize)> = None;
        for (row, record) in input.dataset.rows().enumerate() {
            let Some(value) = record.get(seq).and_then(Seq::of) else {
                continue;
            };
            let owner = match (
                get(&record, subject).and_then(text),
                get(&record, pool).and_then(text),
            ) {
                (Some(s), _) => ("USUBJID", s),
                (None, Some(p)) => ("POOLID", p),
                (None, None) => continue,
            };
            let g = match last {
                Some((o, g)) if o == owner => g,
                _ => {
                    let next = self.groups.len();
                    let g = *self.index.entry(owner).or_insert(next);
                    if g == next {
                        self.groups.push(Group {
                            owner,
                            mine: Vec::new(),
                            theirs: Vec::new(),
                        });
                    }
                    last = Some((owner, g));
                    g
                }
            };
            let group = &mut self.groups[g];
            if mine {
                group.mine.push((value, row));
            } else {
                group.theirs.push(value);
            }
        }
    }

    /// `(row, owner, sequence number)` of each of the checked file's records whose number
    /// its owner uses more than once, in row order.
    fn repeats(&self) -> Vec<(usize, Owner<'a>, Seq<'a>)> {
        let mut counts: HashMap<Seq<'a>, usize> = HashMap::default();
        let mut out = Vec::new();
        for group in &self.groups {
            counts.clear();
            let all = group.mine.iter().map(|(v, _)| v).chain(&group.theirs);
            for &value in all {
                *counts.entry(value).or_default() += 1;
            }
            out.extend(
                group
                    .mine
                    .iter()
                    .filter(|(value, _)| counts[value] > 1)
                    .map(|&(value, row)| (row, group.owner, value)),
            );
        }
        out.sort_unstable_by_key(|(row, ..)| *row);
        out
    }
}

impl Rule for SeqNotUnique {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !EXCLUDED.contains(&domain_of(input).as_str())
            && !super::is_supp(input)
            && seq_var(input).is_some()
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(seq) = seq_var(input) else { return };
        let domain = domain_of(input);
        // Count over every file of the domain; report only this file's records.
        let mut groups = Groups::default();
        for other in study
            .inputs
            .iter()
            .filter(|i| !super::is_supp(i) && domain_of(i) == domain)
        {
            groups.add(other, &seq, std::ptr::eq(other, input));
        }
        for (row, (by, id), value) in groups.repeats() {
            let value = value.show();
            out.record(
                row,
                &[(seq.as_str(), value.clone()), (by, id.to_owned())],
                format!("{seq} `{value}` occurs more than once for {by} `{id}` in {domain}"),
            );
        }
    }
}
