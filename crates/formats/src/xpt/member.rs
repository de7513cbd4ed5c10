//! The metadata block of one member: MEMBER and DSCRPTR headers, NAMESTRs, v8 long labels,
//! up to and including the OBS header.

use super::header::{
    Format, Kind, NAMESTR_LEN, Namestr, RECORD, digits, parse_header, trim_blanks, trim_end_blanks,
};
use super::input::Input;
use super::{XptError, preview};
use model::{DatasetMeta, Finding, Severity, VarType, Variable};
use std::io::Read;

/// SAS caps character variables at 32,767 bytes; anything larger is a damaged NAMESTR.
const MAX_CHAR_LEN: u16 = 32_767;
/// The longest character variable version 5 defines (TS-140); v8 lifts it.
const V5_CHAR_LEN: usize = 200;

/// Where one variable sits in an observation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub numeric: bool,
    pub position: usize,
    pub length: usize,
}

pub(crate) struct Member {
    pub meta: DatasetMeta,
    pub slots: Vec<Slot>,
    pub obs_len: usize,
    /// v8 writers put the number of observations in the OBS header; v5 leaves zeros.
    pub declared_rows: Option<u64>,
    /// Findings about the metadata, naming the dataset but not yet the file.
    pub findings: Vec<Finding>,
}

/// UTF-8 when valid, else Windows-1252 (which maps every byte); `true` when recoded.
pub(crate) fn decode(b: &[u8]) -> (String, bool) {
    match std::str::from_utf8(b) {
        Ok(s) => (s.to_owned(), false),
        Err(_) => (
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(b)
                .0
                .into_owned(),
            true,
        ),
    }
}

fn expect<R: Read>(input: &mut Input<R>, kind: Kind) -> Result<[u8; RECORD], XptError> {
    let at = input.offset();
    let rec = input.take(RECORD, kind.name())?;
    match parse_header(rec) {
        Some((k, _)) if k == kind => {
            let mut out = [0u8; RECORD];
            out.copy_from_slice(rec);
            Ok(out)
        }
        _ => Err(XptError::UnexpectedRecord {
            offset: at,
            expected: kind.name(),
            found: preview(rec),
        }),
    }
}

/// Reads a member's metadata; the input is left at its first observation.
pub(crate) fn read_member<R: Read>(input: &mut Input<R>, v8: bool) -> Result<Member, XptError> {
    let at = input.offset();
    let member = expect(input, Kind::Member)?;
    let namestr_len = match digits(&member[74..78]) {
        Some(n @ (136 | 140)) => n as usize,
        _ => {
            let found = preview(&member[74..78]);
            return Err(XptError::BadField {
                offset: at + 74,
                field: "NAMESTR length",
                found,
            });
        }
    };
    expect(input, Kind::Descriptor)?;
    let d1 = input.take(RECORD, "member descriptor")?;
    let (name, _) = decode(trim_blanks(if v8 { &d1[8..40] } else { &d1[8..16] }));
    let d2 = input.take(RECORD, "member descriptor")?;
    let (label, label_recoded) = decode(trim_end_blanks(&d2[32..72]));
    let mut meta = DatasetMeta::new(name, label);
    let mut findings = Vec::new();
    let finding =
        |code: &str, sev, msg: String| Finding::new(code, sev, msg).in_dataset(meta.name.clone());
    if label_recoded {
        let msg = format!(
            "dataset label of {} is not UTF-8; decoded as Windows-1252",
            meta.name
        );
        findings.push(finding("FM0030", Severity::Notice, msg));
    }

    let at = input.offset();
    let header = expect(input, Kind::Namestr)?;
    let count = digits(&header[48..58]).ok_or_else(|| XptError::BadField {
        offset: at + 48,
        field: "variable count",
        found: preview(&header[48..58]),
    })?;
    // The count is only trusted as far as NAMESTRs actually arrive.
    let mut namestrs: Vec<(u64, Namestr)> = Vec::with_capacity(count.min(4096) as usize);
    for index in 1..=count as usize {
        let at = input.offset();
        let raw = input.take(namestr_len, "NAMESTR records")?;
        let mut full = [0u8; NAMESTR_LEN];
        full[..namestr_len].copy_from_slice(raw);
        let bad = |problem: String| XptError::BadNamestr {
            offset: at,
            index,
            name: String::from_utf8_lossy(trim_blanks(&full[8..16])).into_owned(),
            problem,
        };
        let ns = Namestr::decode(&full, v8).ok_or_else(|| {
            let code = u16::from_be_bytes([full[0], full[1]]);
            bad(format!(
                "type code {code} is neither 1 (numeric) nor 2 (character)"
            ))
        })?;
        if ns.numeric && !(2..=8).contains(&ns.length) {
            return Err(bad(format!("numeric length {} is not 2 to 8", ns.length)));
        }
        if !ns.numeric && !(1..=MAX_CHAR_LEN).contains(&ns.length) {
            return Err(bad(format!(
                "character length {} is not 1 to {MAX_CHAR_LEN}",
                ns.length
            )));
        }
        namestrs.push((at, ns));
    }
    input.align(RECORD, "NAMESTR padding")?;

    let obs = loop {
        let at = input.offset();
        let rec = input.take(RECORD, "OBS header")?;
        match parse_header(rec) {
            Some((Kind::Obs, _)) => break digits(&rec[48..78]),
            Some((kind @ (Kind::LabelV8 | Kind::LabelV9), _)) => {
                let n = digits(&rec[48..78]).ok_or_else(|| XptError::BadField {
                    offset: at + 48,
                    field: "label count",
                    found: preview(&rec[48..78]),
                })?;
                read_long_labels(input, kind == Kind::LabelV9, n, &mut namestrs)?;
            }
            _ => {
                let found = preview(rec);
                return Err(XptError::UnexpectedRecord {
                    offset: at,
                    expected: "OBS",
                    found,
                });
            }
        }
    };

    let mut slots = Vec::with_capacity(namestrs.len());
    let mut obs_len = 0;
    for (at, ns) in &namestrs {
        obs_len = usize::max(obs_len, ns.position as usize + usize::from(ns.length));
        let (name, _) = decode(if ns.long_name.is_empty() {
            &ns.name
        } else {
            &ns.long_name
        });
        let (label, recoded) = decode(&ns.label);
        let vtype = if ns.numeric {
            VarType::Num
        } else {
            VarType::Char
        };
        let mut var = Variable::new(name, label, vtype).with_length(usize::from(ns.length));
        var.format = ns.format.render();
        if recoded {
            let msg = format!(
                "label of {} is not UTF-8; decoded as Windows-1252",
                var.name
            );
            findings.push(finding("FM0030", Severity::Notice, msg).with_variable(var.name.clone()));
        }
        if !v8 && !ns.numeric && usize::from(ns.length) > V5_CHAR_LEN {
            let msg = format!(
                "character {} is {} bytes long (NAMESTR at byte {at}); version 5 allows at most {V5_CHAR_LEN}, so SAS and submission tools may refuse or cut it",
                var.name, ns.length
            );
            findings.push(finding("FM0032", Severity::Error, msg).with_variable(var.name.clone()));
        }
        if ns.numeric && ns.length < 8 {
            let msg = format!(
                "numeric {} is stored in {} bytes (NAMESTR at byte {at}); its values carry reduced precision",
                var.name, ns.length
            );
            findings
                .push(finding("FM0031", Severity::Warning, msg).with_variable(var.name.clone()));
        }
        let (position, length) = (ns.position as usize, usize::from(ns.length));
        slots.push(Slot {
            numeric: ns.numeric,
            position,
            length,
        });
        meta.variables.push(var);
    }
    let declared_rows = obs.filter(|&n| v8 && n > 0);
    Ok(Member {
        meta,
        slots,
        obs_len,
        declared_rows,
        findings,
    })
}

/// LABELV8: `varnum, name length, label length, name, label` per variable; LABELV9 adds
/// format and informat lengths and texts.
fn read_long_labels<R: Read>(
    input: &mut Input<R>,
    v9: bool,
    count: u64,
    namestrs: &mut [(u64, Namestr)],
) -> Result<(), XptError> {
    const CONTEXT: &str = "long label record";
    for _ in 0..count {
        let at = input.offset();
        let h = input.take(if v9 { 10 } else { 6 }, CONTEXT)?;
        let field = |i: usize| usize::from(u16::from_be_bytes([h[2 * i], h[2 * i + 1]]));
        let (varnum, name_len, label_len) = (field(0), field(1), field(2));
        let (fmt_len, infmt_len) = if v9 { (field(3), field(4)) } else { (0, 0) };
        let name = trim_blanks(input.take(name_len, CONTEXT)?).to_vec();
        let label = trim_end_blanks(input.take(label_len, CONTEXT)?).to_vec();
        let format = input.take(fmt_len, CONTEXT)?.to_vec();
        input.take(infmt_len, CONTEXT)?;
        let target = namestrs
            .iter()
            .position(|(_, n)| usize::from(n.varnum) == varnum)
            .or_else(|| varnum.checked_sub(1).filter(|i| *i < namestrs.len()))
            .ok_or_else(|| XptError::BadField {
                offset: at,
                field: "long label variable number",
                found: varnum.to_string(),
            })?;
        let ns = &mut namestrs[target].1;
        if !name.is_empty() {
            ns.long_name = name;
        }
        ns.label = label;
        if let Some(f) = Format::parse(&String::from_utf8_lossy(&format)) {
            ns.format = f;
        }
    }
    input.align(RECORD, "long label padding")
}
