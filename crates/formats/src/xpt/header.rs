//! Fixed layouts of the transport file: 80-byte header records, NAMESTRs, SAS timestamps and
//! display formats. Pure byte/text work, shared by the reader and the writer.

/// Every transport file is a sequence of 80-byte records.
pub const RECORD: usize = 80;
/// NAMESTR size everywhere but VAX/VMS, which used 136.
pub const NAMESTR_LEN: usize = 140;

pub const HEADER_PREFIX: &[u8; 20] = b"HEADER RECORD*******";
pub const HEADER_MIDDLE: &[u8; 20] = b"HEADER RECORD!!!!!!!";

/// The header record kinds, with their 8-byte tags (v5 tag, v8 tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Library,
    Member,
    Descriptor,
    Namestr,
    Obs,
    LabelV8,
    LabelV9,
}

impl Kind {
    pub fn tag(self, v8: bool) -> &'static [u8; 8] {
        match (self, v8) {
            (Kind::Library, false) => b"LIBRARY ",
            (Kind::Library, true) => b"LIBV8   ",
            (Kind::Member, false) => b"MEMBER  ",
            (Kind::Member, true) => b"MEMBV8  ",
            (Kind::Descriptor, false) => b"DSCRPTR ",
            (Kind::Descriptor, true) => b"DSCPTV8 ",
            (Kind::Namestr, false) => b"NAMESTR ",
            (Kind::Namestr, true) => b"NAMSTV8 ",
            (Kind::Obs, false) => b"OBS     ",
            (Kind::Obs, true) => b"OBSV8   ",
            (Kind::LabelV8, _) => b"LABELV8 ",
            (Kind::LabelV9, _) => b"LABELV9 ",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Library => "LIBRARY",
            Kind::Member => "MEMBER",
            Kind::Descriptor => "DSCRPTR",
            Kind::Namestr => "NAMESTR",
            Kind::Obs => "OBS",
            Kind::LabelV8 => "LABELV8",
            Kind::LabelV9 => "LABELV9",
        }
    }
}

/// `HEADER RECORD*******<tag>HEADER RECORD!!!!!!!<30 bytes of numbers>  `
pub fn header_record(kind: Kind, v8: bool, numbers: &str) -> [u8; RECORD] {
    let mut r = [b' '; RECORD];
    r[..20].copy_from_slice(HEADER_PREFIX);
    r[20..28].copy_from_slice(kind.tag(v8));
    r[28..48].copy_from_slice(HEADER_MIDDLE);
    put(&mut r[48..78], numbers.as_bytes());
    r
}

/// Which header `rec` is, if any, and whether it is the v8 spelling.
pub fn parse_header(rec: &[u8]) -> Option<(Kind, bool)> {
    if rec.len() < 48 || &rec[..20] != HEADER_PREFIX || &rec[28..48] != HEADER_MIDDLE {
        return None;
    }
    let tag = &rec[20..28];
    for kind in [
        Kind::Library,
        Kind::Member,
        Kind::Descriptor,
        Kind::Namestr,
        Kind::Obs,
        Kind::LabelV8,
        Kind::LabelV9,
    ] {
        for v8 in [false, true] {
            if tag == kind.tag(v8) {
                return Some((kind, v8 || matches!(kind, Kind::LabelV8 | Kind::LabelV9)));
            }
        }
    }
    None
}

/// Left-justified, blank-padded copy into a fixed field; longer input is cut (callers
/// validate lengths first, so this only ever pads).
pub fn put(field: &mut [u8], text: &[u8]) {
    let n = text.len().min(field.len());
    field[..n].copy_from_slice(&text[..n]);
    field[n..].fill(b' ');
}

/// The digits in a header's number area, ignoring blanks; `None` when anything else is there.
pub fn digits(field: &[u8]) -> Option<u64> {
    let t = trim_blanks(field);
    if t.is_empty() {
        return Some(0);
    }
    if t.len() > 18 || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(t.iter().fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')))
}

pub fn trim_blanks(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|&c| c != b' ' && c != 0)
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| c != b' ' && c != 0)
        .map_or(start, |i| i + 1);
    &b[start..end]
}

pub fn trim_end_blanks(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|&c| c != b' ' && c != 0)
        .map_or(0, |i| i + 1);
    &b[..end]
}

/// A SAS display format split into its NAMESTR fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Format {
    /// `DATE`, `$CHAR`, `$`, or empty for the plain `w.d` numeric format.
    pub name: String,
    pub width: u16,
    pub decimals: u16,
}

impl Format {
    /// Parses `DATE9.`, `8.2`, `$CHAR20.`, `$20.`, `BEST12.`, `E8601DA.`: a name (which SAS
    /// never lets end in a digit), an optional width, a period, optional decimals.
    pub fn parse(s: &str) -> Option<Format> {
        let (body, dec) = s.trim().rsplit_once('.')?;
        let decimals: u16 = if dec.is_empty() { 0 } else { dec.parse().ok()? };
        let name_end = body.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (name, w) = body.split_at(name_end);
        let width: u16 = if w.is_empty() { 0 } else { w.parse().ok()? };
        let bare = name.strip_prefix('$').unwrap_or(name);
        let valid_name = bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !bare.starts_with(|c: char| c.is_ascii_digit());
        if !valid_name || (name.is_empty() && width == 0) || decimals > 99 || width > 32_767 {
            return None;
        }
        Some(Format {
            name: name.to_ascii_uppercase(),
            width,
            decimals,
        })
    }

    /// The SAS spelling, or `None` when there is no format at all.
    pub fn render(&self) -> Option<String> {
        if self.name.is_empty() && self.width == 0 {
            return None;
        }
        let mut s = self.name.clone();
        if self.width > 0 {
            s.push_str(&self.width.to_string());
        }
        s.push('.');
        if self.decimals > 0 {
            s.push_str(&self.decimals.to_string());
        }
        Some(s)
    }
}

/// One variable's NAMESTR, as far as trialbridge uses it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Namestr {
    pub numeric: bool,
    pub length: u16,
    pub varnum: u16,
    pub name: Vec<u8>,
    pub label: Vec<u8>,
    pub format: Format,
    pub informat: Format,
    pub position: u32,
    /// v8 only: the long name and full label length (labels over 40 bytes follow in a
    /// LABELV8/LABELV9 record).
    pub long_name: Vec<u8>,
    pub label_len: u16,
}

fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

impl Namestr {
    pub fn encode(&self) -> [u8; NAMESTR_LEN] {
        let mut b = [0u8; NAMESTR_LEN];
        b[0..2].copy_from_slice(&(if self.numeric { 1u16 } else { 2 }).to_be_bytes());
        b[4..6].copy_from_slice(&self.length.to_be_bytes());
        b[6..8].copy_from_slice(&self.varnum.to_be_bytes());
        put(&mut b[8..16], &self.name);
        put(&mut b[16..56], &self.label);
        put(&mut b[56..64], self.format.name.as_bytes());
        b[64..66].copy_from_slice(&self.format.width.to_be_bytes());
        b[66..68].copy_from_slice(&self.format.decimals.to_be_bytes());
        // nfj: SAS right-justifies numeric output by default.
        b[68..70].copy_from_slice(&u16::from(self.numeric).to_be_bytes());
        put(&mut b[72..80], self.informat.name.as_bytes());
        b[80..82].copy_from_slice(&self.informat.width.to_be_bytes());
        b[82..84].copy_from_slice(&self.informat.decimals.to_be_bytes());
        b[84..88].copy_from_slice(&self.position.to_be_bytes());
        b
    }

    /// `None` when the type code is neither 1 nor 2.
    pub fn decode(b: &[u8; NAMESTR_LEN], v8: bool) -> Option<Namestr> {
        let numeric = match be16(b, 0) {
            1 => true,
            2 => false,
            _ => return None,
        };
        let mut n = Namestr {
            numeric,
            length: be16(b, 4),
            varnum: be16(b, 6),
            name: trim_end_blanks(&b[8..16]).to_vec(),
            label: trim_end_blanks(&b[16..56]).to_vec(),
            format: Format {
                name: String::from_utf8_lossy(trim_blanks(&b[56..64])).into_owned(),
                width: be16(b, 64),
                decimals: be16(b, 66),
            },
            informat: Format {
                name: String::from_utf8_lossy(trim_blanks(&b[72..80])).into_owned(),
                width: be16(b, 80),
                decimals: be16(b, 82),
            },
            position: u32::from_be_bytes([b[84], b[85], b[86], b[87]]),
            long_name: Vec::new(),
            label_len: 0,
        };
        if v8 {
            n.long_name = trim_end_blanks(&b[88..120]).to_vec();
            n.label_len = be16(b, 120);
        }
        Some(n)
    }
}
