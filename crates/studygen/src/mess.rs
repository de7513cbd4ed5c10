//! Real-world mess, put in on purpose. Every change is recorded with its cell; none changes
//! a truth a reader that normalises correctly would recover.

use crate::sheet::{Book, Cell, Sheet};
use crate::tables::{AES, DEMOGRAPHICS, LABS, LISTS, PFT};

#[derive(Debug, Clone)]
pub struct Note {
    pub file: String,
    pub sheet: String,
    pub cell: String,
    pub kind: &'static str,
    pub detail: String,
}

struct Rec<'a> {
    file: String,
    notes: &'a mut Vec<Note>,
}

impl Rec<'_> {
    fn add(&mut self, sheet: &str, cell: String, kind: &'static str, detail: String) {
        self.notes.push(Note {
            file: self.file.clone(),
            sheet: sheet.to_string(),
            cell,
            kind,
            detail,
        });
    }
}

fn date_of(c: &Cell) -> Option<crate::date::Date> {
    match c {
        Cell::Date(d) => Some(*d),
        _ => None,
    }
}

/// Rows of `sheet` that are data rows, in order.
fn data(sheet: &Sheet) -> Vec<usize> {
    (0..sheet.rows.len())
        .filter(|&r| !sheet.rows[r].is_empty())
        .collect()
}

pub fn apply(book: &mut Book, site: usize, notes: &mut Vec<Note>) {
    let mut rec = Rec {
        file: book.file.clone(),
        notes,
    };
    rec.add(
        LISTS,
        "A1".into(),
        "hidden_sheet",
        "code-list sheet behind the drop-downs, hidden".into(),
    );
    if let Some(p) = book.sheet(PFT) {
        rec.add(
            PFT,
            "A1:C1, D1:F1".into(),
            "merged_header",
            format!(
                "group headers merged over row 2's column names; data start in row {}",
                p.header_rows() + 1
            ),
        );
    }
    match site {
        0 => site01(book, &mut rec),
        1 => site02(book, &mut rec),
        2 => site03(book, &mut rec),
        _ => site04(book, &mut rec),
    }
}

fn set_sex(book: &mut Book, rec: &mut Rec, male: &str, female: &str, kind: &'static str) {
    let Some(s) = book.sheet_mut(DEMOGRAPHICS) else {
        return;
    };
    let c = s.col("Sex");
    let n = s.rows.len();
    for r in &mut s.rows {
        let v = if r[c] == Cell::text("Male") {
            male
        } else {
            female
        };
        r[c] = Cell::text(v);
    }
    let range = format!("{}:{}", s.addr(0, c), s.addr(n - 1, c));
    rec.add(
        DEMOGRAPHICS,
        range,
        kind,
        format!("sex written as `{male}`/`{female}`"),
    );
}

/// Hamamatsu: text dates beside date cells, numbers stored as text, a notes block.
fn site01(book: &mut Book, rec: &mut Rec) {
    if let Some(s) = book.sheet_mut(AES) {
        let c = s.col("Start date");
        type Form = (&'static str, fn(crate::date::Date) -> String);
        let forms: [Form; 3] = [
            ("text date DD/MM/YYYY", |d| d.dmy_slash()),
            ("text date YYYY-MM-DD", |d| d.to_string()),
            ("text date D-Mon-YY", |d| d.d_mon_yy()),
        ];
        for (k, (what, f)) in forms.iter().enumerate() {
            if let Some(d) = s.rows.get(k).and_then(|r| date_of(&r[c])) {
                s.rows[k][c] = Cell::Text(f(d));
                rec.add(
                    AES,
                    s.addr(k, c),
                    "text_date",
                    format!("{what} `{}` = {d}", f(d)),
                );
            }
        }
        s.notes = vec![
            "Notes:".into(),
            "AEs graded by CTCAE v4.0 with slight modifications.".into(),
            "Renal dysfunction = creatinine increase >50% from baseline; liver dysfunction = liver enzymes >3x ULN.".into(),
        ];
        let first = s.header_rows() + s.rows.len() + 3;
        rec.add(
            AES,
            format!("A{first}:A{}", first + 2),
            "notes_block",
            "free-text notes two rows under the table; not data".into(),
        );
    }
    if let Some(s) = book.sheet_mut(LABS) {
        let (c, tc) = (s.col("Result"), s.col("Test"));
        let ck: Vec<usize> = data(s)
            .into_iter()
            .filter(|&r| s.rows[r][tc] == Cell::text("CK"))
            .take(3)
            .collect();
        for r in ck {
            if let Cell::Num(v) = s.rows[r][c] {
                s.rows[r][c] = Cell::Text(format!("{v}"));
                rec.add(
                    LABS,
                    s.addr(r, c),
                    "number_as_text",
                    format!("CK result {v} stored as text"),
                );
            }
        }
    }
}

/// Seirei Mikatahara: M/F codes, partial dates, IU/L, a blank row inside a table.
fn site02(book: &mut Book, rec: &mut Rec) {
    set_sex(book, rec, "M", "F", "sex_coding");
    if let Some(s) = book.sheet_mut(PFT) {
        // A blank row after the third subject's visits, then the table goes on.
        let ids: Vec<Cell> = s.rows.iter().map(|r| r[0].clone()).collect();
        let mut seen = 0;
        let mut at = None;
        for r in 1..ids.len() {
            if ids[r] != ids[r - 1] {
                seen += 1;
                if seen == 3 {
                    at = Some(r);
                    break;
                }
            }
        }
        if let Some(r) = at {
            s.rows.insert(r, Vec::new());
            rec.add(
                PFT,
                format!("A{}", r + s.header_rows() + 1),
                "blank_row",
                "an empty row inside the table; data continue below it".into(),
            );
        }
    }
    if let Some(s) = book.sheet_mut(AES) {
        let (sc, ec) = (s.col("Start date"), s.col("End date"));
        if let Some(d) = s.rows.first().and_then(|r| date_of(&r[sc])) {
            s.rows[0][sc] = Cell::Text(d.year_month());
            rec.add(
                AES,
                s.addr(0, sc),
                "partial_date",
                format!("`{}` (day unknown; true date {d})", d.year_month()),
            );
        }
        if let Some(r) = (1..s.rows.len()).find(|&r| date_of(&s.rows[r][ec]).is_some()) {
            let d = date_of(&s.rows[r][ec]).unwrap_or(crate::date::Date(0));
            s.rows[r][ec] = Cell::Text(d.unk_month_year());
            rec.add(
                AES,
                s.addr(r, ec),
                "partial_date",
                format!("`{}` (day unknown; true date {d})", d.unk_month_year()),
            );
        }
    }
    if let Some(s) = book.sheet_mut(LABS) {
        let (tc, uc) = (s.col("Test"), s.col("Unit"));
        let rows: Vec<usize> = data(s)
            .into_iter()
            .filter(|&r| s.rows[r][tc] == Cell::text("CK"))
            .collect();
        for &r in &rows {
            s.rows[r][uc] = Cell::text("IU/L");
        }
        if let (Some(a), Some(b)) = (rows.first(), rows.last()) {
            rec.add(
                LABS,
                format!("{}..{} (every CK row)", s.addr(*a, uc), s.addr(*b, uc)),
                "unit_spelling",
                format!("CK unit written `IU/L` ({} cells; = U/L)", rows.len()),
            );
        }
    }
}

/// Shizuoka: lower-case sex with a trailing space, ISO text dates, mg/dl, a leading space.
fn site03(book: &mut Book, rec: &mut Rec) {
    set_sex(book, rec, "male", "female", "sex_coding");
    if let Some(s) = book.sheet_mut(DEMOGRAPHICS) {
        let c = s.col("Sex");
        if let Some(r) = s.rows.iter().position(|r| r[c] == Cell::text("male")) {
            s.rows[r][c] = Cell::text("male ");
            rec.add(
                DEMOGRAPHICS,
                s.addr(r, c),
                "sex_coding",
                "`male ` with a trailing space".into(),
            );
        }
        let cc = s.col("Consent date");
        let n = s.rows.len();
        for r in 0..n {
            if let Some(d) = date_of(&s.rows[r][cc]) {
                s.rows[r][cc] = Cell::Text(d.to_string());
            }
        }
        rec.add(
            DEMOGRAPHICS,
            format!("{}:{}", s.addr(0, cc), s.addr(n - 1, cc)),
            "text_date",
            "consent dates typed as text `YYYY-MM-DD` while birth dates are date cells".into(),
        );
        if n > 3
            && let Cell::Text(id) = s.rows[3][0].clone()
        {
            s.rows[3][0] = Cell::Text(format!(" {id}"));
            rec.add(
                DEMOGRAPHICS,
                s.addr(3, 0),
                "leading_space_id",
                format!("subject `{id}` typed as `\" {id}\"`"),
            );
        }
    }
    if let Some(s) = book.sheet_mut(LABS) {
        let uc = s.col("Unit");
        let rows: Vec<usize> = data(s)
            .into_iter()
            .filter(|&r| s.rows[r][uc] == Cell::text("mg/dL"))
            .collect();
        for &r in &rows {
            s.rows[r][uc] = Cell::text("mg/dl");
        }
        if let (Some(a), Some(b)) = (rows.first(), rows.last()) {
            rec.add(
                LABS,
                format!(
                    "{}..{} (every creatinine and glucose row)",
                    s.addr(*a, uc),
                    s.addr(*b, uc)
                ),
                "unit_spelling",
                format!("`mg/dl` instead of `mg/dL` ({} cells)", rows.len()),
            );
        }
    }
}

/// Hamamatsu Medical Center: one `M` among `Male`/`Female`, a height stored as text.
fn site04(book: &mut Book, rec: &mut Rec) {
    if let Some(s) = book.sheet_mut(DEMOGRAPHICS) {
        let c = s.col("Sex");
        if let Some(r) = s.rows.iter().position(|r| r[c] == Cell::text("Male")) {
            s.rows[r][c] = Cell::text("M");
            rec.add(
                DEMOGRAPHICS,
                s.addr(r, c),
                "sex_coding",
                "`M` among `Male`/`Female`".into(),
            );
        }
        let hc = s.col("Height (cm)");
        if let Cell::Num(h) = s.rows[0][hc] {
            s.rows[0][hc] = Cell::Text(format!("{h}"));
            rec.add(
                DEMOGRAPHICS,
                s.addr(0, hc),
                "number_as_text",
                format!("height {h} stored as text"),
            );
        }
    }
}
