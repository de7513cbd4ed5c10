//! Opening a workbook of any supported kind and handing out its tables.

use crate::SheetsError;
use crate::codes::Code;
use crate::csvread::{CsvSheet, read_csv};
use crate::grid::Grid;
use crate::names::normalize_header;
use crate::spec::TableSpec;
use crate::stream::read_grid;
use crate::table::{Ctx, RawTable, build_table};
use crate::zipcheck::{Magic, ZipLimits, check_zip, magic};
use calamine::{
    Dimensions, Ods, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx, open_workbook,
};
use model::text::did_you_mean;
use model::{CellRef, Finding, SourceCell};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// Whether a person opening the workbook sees the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Visible,
    Hidden,
    /// Hidden so that only a macro can show it again (Excel formats only).
    VeryHidden,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    pub visibility: Visibility,
}

enum Source {
    Calamine(Box<Sheets<BufReader<File>>>),
    Csv(CsvSheet),
}

/// An open workbook: xlsx, xlsm, xlsb, xls, ods, or a csv/tsv file seen as a one-sheet
/// workbook whose sheet is named after the file stem.
pub struct Workbook {
    file: String,
    sheets: Vec<SheetInfo>,
    source: Source,
}

impl std::fmt::Debug for Workbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook")
            .field("file", &self.file)
            .field("sheets", &self.sheets)
            .finish_non_exhaustive()
    }
}

impl Workbook {
    /// Opens `path`; findings and errors name the file as the path is written.
    pub fn open(path: impl AsRef<Path>) -> Result<Workbook, SheetsError> {
        let path = path.as_ref();
        Workbook::open_as(path, &path.display().to_string(), &ZipLimits::default())
    }

    /// Opens `path`, naming it `name` in findings (e.g. relative to the study folder), with
    /// the given archive limits.
    pub fn open_as(path: &Path, name: &str, limits: &ZipLimits) -> Result<Workbook, SheetsError> {
        let file = name.to_owned();
        let io = |source| SheetsError::Io {
            file: file.clone(),
            source,
        };
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(extension.as_str(), "csv" | "tsv") {
            let bytes = std::fs::read(path).map_err(io)?;
            let stem = path
                .file_stem()
                .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned());
            let sheet = read_csv(&bytes, name, &stem, extension == "tsv")?;
            let sheets = vec![SheetInfo {
                name: stem,
                visibility: Visibility::Visible,
            }];
            return Ok(Workbook {
                file,
                sheets,
                source: Source::Csv(sheet),
            });
        }
        if !matches!(extension.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
            return Err(SheetsError::UnsupportedType { file, extension });
        }
        let mut handle = File::open(path).map_err(io)?;
        let kind = magic(&mut handle).map_err(io)?;
        let format = match (kind, extension.as_str()) {
            (Magic::Ole, "xls") => Format::Xls,
            // A password-protected OOXML file is an OLE container holding an encrypted package.
            (Magic::Ole, "xlsx" | "xlsm" | "xlsb") => return Err(SheetsError::Encrypted { file }),
            (Magic::Ole, _) => {
                let reason = "an OLE compound file, not an OpenDocument zip";
                return Err(SheetsError::Damaged {
                    file,
                    format: "ods",
                    reason,
                });
            }
            (Magic::Markup, _) => {
                let reason = "an HTML or XML file named like a workbook; open it in Excel and save it as xlsx";
                return Err(SheetsError::Damaged {
                    file,
                    format: "workbook",
                    reason,
                });
            }
            (Magic::Zip, "ods") => Format::Ods,
            (Magic::Zip, "xlsb") => Format::Xlsb,
            // Someone renamed an xlsx to .xls: the bytes, not the name, decide.
            (Magic::Zip, _) => Format::Xlsx,
            (Magic::Other, ext) => {
                let format = if ext == "xls" {
                    "xls"
                } else {
                    "zip (xlsx/ods)"
                };
                let reason = "neither a zip archive nor an OLE compound file";
                return Err(SheetsError::Damaged {
                    file,
                    format,
                    reason,
                });
            }
        };
        if kind == Magic::Zip {
            check_zip(&mut handle, name, limits)?;
        }
        let sheets = guard(&file, || Ok(open_format(path, format)))?;
        let workbook = sheets.map_err(|source| match source {
            calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password) => {
                SheetsError::Encrypted { file: file.clone() }
            }
            source => SheetsError::Workbook {
                file: file.clone(),
                source,
            },
        })?;
        let sheets = workbook
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| SheetInfo {
                name: s.name.clone(),
                visibility: match s.visible {
                    SheetVisible::Visible => Visibility::Visible,
                    SheetVisible::Hidden => Visibility::Hidden,
                    SheetVisible::VeryHidden => Visibility::VeryHidden,
                },
            })
            .collect();
        Ok(Workbook {
            file,
            sheets,
            source: Source::Calamine(Box::new(workbook)),
        })
    }

    /// The file name used in findings.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Worksheets in workbook order (chart and macro sheets are left out).
    pub fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    /// Reads the table `spec` describes. Problems go to `findings`, all of them; `Ok(None)`
    /// means no table could be found (the reason is among the findings). `Err` only when
    /// the sheet itself cannot be read.
    pub fn read_table(
        &mut self,
        spec: &TableSpec,
        findings: &mut Vec<Finding>,
    ) -> Result<Option<RawTable>, SheetsError> {
        let Some(sheet) = self.resolve_sheet(spec, findings) else {
            return Ok(None);
        };
        let ctx = Ctx {
            file: &self.file,
            sheet: &sheet.name,
        };
        match &mut self.source {
            Source::Csv(csv) => {
                findings.extend(csv.findings.iter().cloned());
                build_table(
                    Grid::from_range(csv.range.clone()),
                    &mut || Ok(Vec::new()),
                    spec,
                    &ctx,
                    findings,
                )
            }
            Source::Calamine(book) => {
                let sheet_error = |source| SheetsError::Sheet {
                    file: self.file.clone(),
                    sheet: sheet.name.clone(),
                    source,
                };
                let grid = guard(&self.file, || {
                    read_grid(book, &sheet.name).map_err(sheet_error)
                })?;
                let mut merges = || {
                    guard(&self.file, || {
                        merge_regions(book, &sheet.name).map_err(sheet_error)
                    })
                };
                build_table(grid, &mut merges, spec, &ctx, findings)
            }
        }
    }

    /// The cells of sheet `name` as shown, at most `max_rows` × `max_cols` from A1.
    pub fn cells(
        &mut self,
        name: &str,
        max_rows: usize,
        max_cols: usize,
    ) -> Result<crate::SheetCells, SheetsError> {
        let grid = match &mut self.source {
            Source::Csv(csv) => Grid::from_range(csv.range.clone()),
            Source::Calamine(book) => {
                let file = self.file.clone();
                guard(&self.file, || {
                    read_grid(book, name).map_err(|source| SheetsError::Sheet {
                        file,
                        sheet: name.to_owned(),
                        source,
                    })
                })?
            }
        };
        Ok(crate::SheetCells::of(grid, max_rows, max_cols))
    }

    fn resolve_sheet(&self, spec: &TableSpec, findings: &mut Vec<Finding>) -> Option<SheetInfo> {
        let at_a1 = |sheet: &str| SourceCell {
            file: self.file.clone(),
            sheet: sheet.to_owned(),
            cell: CellRef::new(0, 0),
        };
        let Some(wanted) = &spec.sheet else {
            let first = self
                .sheets
                .iter()
                .find(|s| s.visibility == Visibility::Visible)
                .or(self.sheets.first());
            if first.is_none() {
                findings.push(Code::EmptySheet.at(at_a1(""), "the workbook has no worksheets"));
            }
            return first.cloned();
        };
        let exact = self.sheets.iter().find(|s| &s.name == wanted);
        let found = exact.or_else(|| {
            let loose = self
                .sheets
                .iter()
                .find(|s| normalize_header(&s.name) == normalize_header(wanted))?;
            findings.push(Code::SheetMatchedIgnoringCase.at(
                at_a1(&loose.name),
                format!(
                    "sheet `{wanted}` not found; using `{}`, which differs only in case or spacing",
                    loose.name
                ),
            ));
            Some(loose)
        });
        let Some(sheet) = found else {
            let names: Vec<&str> = self.sheets.iter().map(|s| s.name.as_str()).collect();
            let hint = match did_you_mean(wanted, names.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "the sheets are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            findings.push(
                Code::SheetMissing.at(at_a1(wanted), format!("no sheet named `{wanted}`; {hint}")),
            );
            return None;
        };
        if sheet.visibility != Visibility::Visible && !spec.allow_hidden {
            let how = if sheet.visibility == Visibility::Hidden {
                "hidden"
            } else {
                "very hidden"
            };
            findings.push(Code::HiddenSheetRead.at(
                at_a1(&sheet.name),
                format!("sheet `{}` is {how}: its data may be stale or superseded (set allow_hidden to read it silently)", sheet.name),
            ));
        }
        Some(sheet.clone())
    }
}

#[derive(Clone, Copy)]
enum Format {
    Xls,
    Xlsx,
    Xlsb,
    Ods,
}

fn open_format(path: &Path, format: Format) -> Result<Sheets<BufReader<File>>, calamine::Error> {
    match format {
        Format::Xls => open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls),
        Format::Xlsx => open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
        Format::Xlsb => open_workbook::<Xlsb<_>, _>(path)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb),
        Format::Ods => open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods),
    }
}

/// calamine parses bytes from anywhere; should it panic on some damaged file, that must
/// become an error naming the file rather than end a run over many workbooks.
fn guard<T>(file: &str, read: impl FnOnce() -> Result<T, SheetsError>) -> Result<T, SheetsError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        let reason = "the spreadsheet reader failed on its content";
        Err(SheetsError::Damaged {
            file: file.to_owned(),
            format: "workbook",
            reason,
        })
    })
}

/// calamine records merged regions for xlsx and xls only; xlsb and ods report none.
fn merge_regions(
    book: &mut Sheets<BufReader<File>>,
    sheet: &str,
) -> Result<Vec<Dimensions>, calamine::Error> {
    match book {
        Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map_err(calamine::Error::Xlsx),
        Sheets::Xls(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map_err(calamine::Error::Xls),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Ok(Vec::new()),
    }
}
