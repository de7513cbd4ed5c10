//! Checks what a zip-based workbook *claims* before calamine inflates anything: a few hundred
//! kilobytes can declare gigabytes of XML. Only the central directory is read, by hand, so
//! no second zip implementation is needed next to calamine's.

use crate::SheetsError;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

/// Ceilings on what a workbook archive may claim. The defaults are far above any real site
/// workbook (a 200,000-row sheet is about 60 MB of XML) and far below a zip bomb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipLimits {
    pub max_member_bytes: u64,
    pub max_total_bytes: u64,
    /// Uncompressed ÷ compressed, checked only for members above `ratio_floor_bytes`
    /// (tiny members compress absurdly well and harm no one).
    pub max_ratio: u64,
    pub ratio_floor_bytes: u64,
    pub max_members: u64,
}

impl Default for ZipLimits {
    fn default() -> ZipLimits {
        ZipLimits {
            max_member_bytes: 1 << 30,
            max_total_bytes: 4 << 30,
            max_ratio: 1000,
            ratio_floor_bytes: 1 << 20,
            max_members: 100_000,
        }
    }
}

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Magic {
    Zip,
    /// An OLE compound file: a legacy .xls, or an encrypted OOXML package.
    Ole,
    /// HTML or XML text.
    Markup,
    Other,
}

pub(crate) fn magic(file: &mut File) -> std::io::Result<Magic> {
    let mut head = [0u8; 8];
    let n = file.read(&mut head)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(match &head[..n] {
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Magic::Zip,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] => Magic::Ole,
        // Web systems often export an HTML table under an .xls name.
        h if h.trim_ascii_start().starts_with(b"<") || h.starts_with(b"\xEF\xBB\xBF<") => {
            Magic::Markup
        }
        _ => Magic::Other,
    })
}

const EOCD_SIG: u64 = 0x0605_4b50;
const EOCD64_LOCATOR_SIG: u64 = 0x0706_4b50;
const EOCD64_SIG: u64 = 0x0606_4b50;
const CENTRAL_SIG: u64 = 0x0201_4b50;

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}
fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(
        b.get(at..at + 4)?.try_into().ok()?,
    )))
}
fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Refuses an archive whose central directory claims sizes over `limits`.
pub fn check_zip(file: &mut File, name: &str, limits: &ZipLimits) -> Result<(), SheetsError> {
    let io = |source| SheetsError::Io {
        file: name.to_owned(),
        source,
    };
    let damaged = |reason| SheetsError::Damaged {
        file: name.to_owned(),
        format: "zip (xlsx/ods)",
        reason,
    };
    let len = file.metadata().map_err(io)?.len();
    // The end record is 22 bytes plus a comment of at most 65,535.
    let tail_len = len.min(22 + 65_535);
    let tail = read_at(file, len - tail_len, tail_len).map_err(io)?;
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| u32_at(&tail, i) == Some(EOCD_SIG))
        .ok_or_else(|| {
            damaged("no end-of-archive record (the file is truncated or not a zip archive)")
        })?;
    let field = |at| u16_at(&tail, eocd + at);
    let mut count = field(10).ok_or_else(|| damaged("short end-of-archive record"))?;
    let mut cd_size =
        u32_at(&tail, eocd + 12).ok_or_else(|| damaged("short end-of-archive record"))?;
    let mut cd_offset =
        u32_at(&tail, eocd + 16).ok_or_else(|| damaged("short end-of-archive record"))?;
    let zip64 = count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF;
    if zip64 && eocd >= 20 && u32_at(&tail, eocd - 20) == Some(EOCD64_LOCATOR_SIG) {
        let at = u64_at(&tail, eocd - 12).ok_or_else(|| damaged("short zip64 locator"))?;
        let rec = read_at(file, at, 56.min(len.saturating_sub(at))).map_err(io)?;
        if u32_at(&rec, 0) != Some(EOCD64_SIG) {
            return Err(damaged("zip64 end record not where its locator says"));
        }
        count = u64_at(&rec, 32).ok_or_else(|| damaged("short zip64 end record"))?;
        cd_size = u64_at(&rec, 40).ok_or_else(|| damaged("short zip64 end record"))?;
        cd_offset = u64_at(&rec, 48).ok_or_else(|| damaged("short zip64 end record"))?;
    }
    if count > limits.max_members {
        return Err(SheetsError::TooManyMembers {
            file: name.to_owned(),
            count,
            limit: limits.max_members,
        });
    }
    if cd_offset.checked_add(cd_size).is_none_or(|end| end > len) {
        return Err(damaged(
            "the member directory lies past the end of the file (truncated?)",
        ));
    }
    let cd = read_at(file, cd_offset, cd_size).map_err(io)?;
    let mut total: u64 = 0;
    let mut at = 0;
    let mut shared: Option<SharedStrings> = None;
    for _ in 0..count {
        if u32_at(&cd, at) != Some(CENTRAL_SIG) {
            return Err(damaged("corrupt member directory"));
        }
        let short = || damaged("corrupt member directory");
        let compressed32 = u32_at(&cd, at + 20).ok_or_else(short)?;
        let uncompressed32 = u32_at(&cd, at + 24).ok_or_else(short)?;
        let name_len = u16_at(&cd, at + 28).ok_or_else(short)? as usize;
        let extra_len = u16_at(&cd, at + 30).ok_or_else(short)? as usize;
        let comment_len = u16_at(&cd, at + 32).ok_or_else(short)? as usize;
        let member_name = cd.get(at + 46..at + 46 + name_len).ok_or_else(short)?;
        let extra = cd
            .get(at + 46 + name_len..at + 46 + name_len + extra_len)
            .ok_or_else(short)?;
        let (uncompressed, compressed) = zip64_sizes(extra, uncompressed32, compressed32);
        let member = || String::from_utf8_lossy(member_name).into_owned();
        if member_name.eq_ignore_ascii_case(b"xl/sharedStrings.xml") {
            shared = Some(SharedStrings {
                method: u16_at(&cd, at + 10).ok_or_else(short)?,
                offset: u32_at(&cd, at + 42).ok_or_else(short)?,
                compressed,
                uncompressed,
            });
        }
        if uncompressed > limits.max_member_bytes {
            return Err(SheetsError::MemberTooLarge {
                file: name.to_owned(),
                member: member(),
                claimed: uncompressed,
                limit: limits.max_member_bytes,
            });
        }
        if uncompressed >= limits.ratio_floor_bytes {
            let ratio = uncompressed / compressed.max(1);
            if ratio > limits.max_ratio {
                return Err(SheetsError::CompressionRatio {
                    file: name.to_owned(),
                    member: member(),
                    ratio,
                    limit: limits.max_ratio,
                });
            }
        }
        total = total.saturating_add(uncompressed);
        if total > limits.max_total_bytes {
            return Err(SheetsError::ArchiveTooLarge {
                file: name.to_owned(),
                claimed: total,
                limit: limits.max_total_bytes,
            });
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    if let Some(sst) = shared {
        check_shared_strings(file, name, &sst, len)?;
    }
    Ok(())
}

struct SharedStrings {
    method: u64,
    offset: u64,
    compressed: u64,
    uncompressed: u64,
}

/// calamine reserves room for the `count`/`uniqueCount` a shared-strings table declares
/// before reading one string, so a small file claiming ten billion strings aborts the
/// process. Each `<si>` takes at least eight bytes of XML: a `uniqueCount` the member's size
/// cannot hold is refused here, after inflating only its first few kilobytes.
fn check_shared_strings(
    file: &mut File,
    name: &str,
    sst: &SharedStrings,
    len: u64,
) -> Result<(), SheetsError> {
    let io = |source| SheetsError::Io {
        file: name.to_owned(),
        source,
    };
    let header = read_at(file, sst.offset, 30.min(len.saturating_sub(sst.offset))).map_err(io)?;
    let (Some(name_len), Some(extra_len)) = (u16_at(&header, 26), u16_at(&header, 28)) else {
        return Ok(()); // calamine reports the damaged archive itself
    };
    let start = sst.offset + 30 + name_len + extra_len;
    let take = sst.compressed.min(64 * 1024).min(len.saturating_sub(start));
    let raw = read_at(file, start, take).map_err(io)?;
    let mut head = vec![0u8; 4096];
    let n = match sst.method {
        0 => {
            let n = raw.len().min(head.len());
            head[..n].copy_from_slice(&raw[..n]);
            n
        }
        8 => {
            let mut d = flate2::read::DeflateDecoder::new(raw.as_slice());
            let mut n = 0;
            while n < head.len() {
                match d.read(&mut head[n..]) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => n += k,
                }
            }
            n
        }
        _ => 0,
    };
    let text = String::from_utf8_lossy(&head[..n]);
    // `count` is how often strings are used; `uniqueCount` is how many `<si>` there are,
    // and the number calamine reserves for.
    let key = "uniqueCount=\"";
    let claimed = text
        .find(key)
        .and_then(|at| {
            text[at + key.len()..]
                .split('"')
                .next()?
                .parse::<u64>()
                .ok()
        })
        .unwrap_or(0);
    let possible = sst.uncompressed / 8;
    if claimed > possible.max(1024) {
        return Err(SheetsError::SharedStringsClaim {
            file: name.to_owned(),
            claimed,
            bytes: sst.uncompressed,
            possible,
        });
    }
    Ok(())
}

/// Sizes stored as 0xFFFFFFFF live in the zip64 extra field (id 1), uncompressed first.
fn zip64_sizes(extra: &[u8], uncompressed: u64, compressed: u64) -> (u64, u64) {
    let mut at = 0;
    while let (Some(id), Some(size)) = (u16_at(extra, at), u16_at(extra, at + 2)) {
        if id == 1 {
            let mut pos = at + 4;
            let mut next = |v: u64| {
                if v != 0xFFFF_FFFF {
                    return v;
                }
                let read = u64_at(extra, pos).unwrap_or(u64::MAX);
                pos += 8;
                read
            };
            let u = next(uncompressed);
            let c = next(compressed);
            return (u, c);
        }
        at += 4 + size as usize;
    }
    (uncompressed, compressed)
}

fn read_at(file: &mut File, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(offset))?;
    let mut buf = Vec::new();
    file.by_ref().take(len).read_to_end(&mut buf)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(buf)
}
