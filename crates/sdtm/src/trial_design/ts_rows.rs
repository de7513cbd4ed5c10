//! TS records in the making: a value, a coded term or a null flavor per parameter, then
//! TSSEQ, TSPARM and the TSVAL1..n split when the dataset is finished.

use super::codes;
use super::table::{MAX_TEXT, Table, split};
use super::ts_values::Mapped;
use model::{Dataset, Finding, Value, Variable};
use registry::{Actuality, StudyDate};

const CDISC_CT: &str = "CDISC CT";
pub(crate) const ISO_8601: &str = "ISO 8601";

/// One TS record before TSSEQ and TSPARM are filled in.
pub(crate) struct Param {
    pub(crate) code: &'static str,
    pub(crate) val: Option<String>,
    pub(crate) nf: Option<&'static str>,
    pub(crate) vcd: Option<String>,
    pub(crate) vcdref: Option<&'static str>,
    pub(crate) vcdver: Option<String>,
}

pub(crate) struct Ts<'a> {
    pub(crate) params: Vec<Param>,
    pub(crate) findings: &'a mut Vec<Finding>,
}

impl Ts<'_> {
    pub(crate) fn value(&mut self, code: &'static str, val: impl Into<String>) {
        self.params.push(Param {
            code,
            val: Some(val.into()),
            nf: None,
            vcd: None,
            vcdref: None,
            vcdver: None,
        });
    }

    pub(crate) fn iso(&mut self, code: &'static str, val: impl Into<String>) {
        self.value(code, val);
        self.last().vcdref = Some(ISO_8601);
    }

    /// A null value with its flavor and no finding, for nulls that state a fact.
    pub(crate) fn flavor(&mut self, code: &'static str, nf: &'static str) {
        self.params.push(Param {
            code,
            val: None,
            nf: Some(nf),
            vcd: None,
            vcdref: None,
            vcdver: None,
        });
    }

    pub(crate) fn null(&mut self, code: &'static str, nf: &'static str) {
        self.flavor(code, nf);
        self.findings.push(
            Finding::notice(
                codes::RG_NO_VALUE,
                format!("TS {code}: the registry record gives no value; TSVALNF is `{nf}`"),
            )
            .in_dataset("TS")
            .with_variable("TSVALNF"),
        );
    }

    /// A value or, when the registry has none, a null flavor.
    pub(crate) fn text_or(&mut self, code: &'static str, val: Option<&str>, nf: &'static str) {
        match val.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => self.value(code, v),
            None => self.null(code, nf),
        }
    }

    /// A coded value from `codelist`, with its NCI code.
    pub(crate) fn coded(&mut self, code: &'static str, codelist: &str, mapped: Mapped) {
        let term = match mapped {
            Mapped::Term(t) => t,
            Mapped::Lossy(t, why) => {
                self.findings.push(
                    Finding::notice(codes::RG_LOSSY, format!("TS {code} is `{t}`: {why}"))
                        .in_dataset("TS")
                        .with_variable("TSVAL"),
                );
                t
            }
            Mapped::Missing(nf) => return self.null(code, nf),
            Mapped::Unmapped(raw) => {
                return self.unknown(
                    code,
                    &format!("registry value `{raw}` has no term in codelist {codelist}"),
                );
            }
        };
        let ct = standards::ct();
        let nci = ct
            .codelist(codelist)
            .and_then(|cl| cl.term(term))
            .map(|t| t.code.clone());
        self.value(code, term);
        let p = self.last();
        p.vcd = nci;
        p.vcdref = Some(CDISC_CT);
        p.vcdver = Some(ct.version().to_owned());
    }

    /// The registry has a value that cannot go into TSVAL: null, flavor UNK, RG0003.
    pub(crate) fn unknown(&mut self, code: &'static str, why: &str) {
        self.flavor(code, "UNK");
        self.findings.push(
            Finding::warning(
                codes::RG_NOT_IN_CT,
                format!("TS {code}: {why}; TSVALNF is `UNK`"),
            )
            .in_dataset("TS")
            .with_variable("TSVAL"),
        );
    }

    pub(crate) fn last(&mut self) -> &mut Param {
        let n = self.params.len() - 1;
        &mut self.params[n]
    }

    pub(crate) fn date(&mut self, code: &'static str, date: Option<&StudyDate>) {
        match date {
            None => self.null(code, "NI"),
            Some(StudyDate {
                date: Some(d),
                actuality: Some(Actuality::Anticipated),
                ..
            }) => {
                self.flavor(code, "UNK");
                self.findings.push(
                    Finding::notice(
                        codes::RG_PLANNED_ONLY,
                        format!(
                            "TS {code}: the registry gives `{d}` as anticipated only; TSVALNF is `UNK`"
                        ),
                    )
                    .in_dataset("TS")
                    .with_variable("TSVALNF"),
                );
            }
            Some(StudyDate { date: Some(d), .. }) => self.iso(code, d.to_string()),
            Some(StudyDate { raw, .. }) => {
                self.unknown(code, &format!("registry date `{raw}` is not a date"));
            }
        }
    }
}

/// TSSEQ per parameter, TSPARM from CT, and TSVAL over 200 characters split into TSVAL,
/// TSVAL1, ... as SDTMIG 3.4 §7.6.1 asks.
pub(crate) fn finish(params: Vec<Param>, studyid: &str, findings: &mut Vec<Finding>) -> Dataset {
    let ct = standards::ct();
    let mut table = Table::new("TS");
    let mut seqs: Vec<(&str, u32)> = Vec::new();
    let mut extra = 0;
    for p in params {
        let seq = match seqs.iter_mut().find(|(c, _)| *c == p.code) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seqs.push((p.code, 1));
                1
            }
        };
        let parm = ct.pair("TSPARMCD", p.code, "TSPARM").unwrap_or(p.code);
        let pieces = p
            .val
            .as_deref()
            .map(|v| split(v, MAX_TEXT))
            .unwrap_or_default();
        if pieces.len() > 1 {
            findings.push(
                Finding::notice(
                    codes::RG_SPLIT,
                    format!(
                        "TS {} (TSSEQ {seq}) is over {MAX_TEXT} characters; split into TSVAL..TSVAL{}",
                        p.code,
                        pieces.len() - 1
                    ),
                )
                .in_dataset("TS")
                .with_variable("TSVAL"),
            );
        }
        let mut after = "TSVAL".to_owned();
        for i in extra + 1..pieces.len() {
            let name = format!("TSVAL{i}");
            let var = Variable::char(&name, format!("Parameter Value {i}"))
                .with_origin(model::Origin::Protocol)
                .with_core(model::Core::Perm);
            table.insert_after(&after, var);
            after = name;
            extra = i;
        }
        let opt = |s: Option<String>| s.map_or(Value::NULL, Value::Char);
        let mut row = vec![
            ("TSSEQ", Value::Num(f64::from(seq))),
            ("TSPARMCD", Value::char(p.code)),
            ("TSPARM", Value::char(parm)),
            ("TSVALNF", opt(p.nf.map(str::to_owned))),
            ("TSVALCD", opt(p.vcd)),
            ("TSVCDREF", opt(p.vcdref.map(str::to_owned))),
            ("TSVCDVER", opt(p.vcdver)),
        ];
        let names: Vec<String> = (1..pieces.len()).map(|i| format!("TSVAL{i}")).collect();
        let mut pieces = pieces.into_iter();
        row.push(("TSVAL", opt(pieces.next())));
        for (n, v) in names.iter().zip(pieces) {
            row.push((n.as_str(), Value::Char(v)));
        }
        table.push(row);
    }
    table.finish(studyid, findings)
}
