//! Books to xlsx bytes, reproducibly: the creation time is fixed and rust_xlsxwriter's zip
//! entries carry no clock time.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, XlsxError};

use crate::sheet::{Book, Cell};

pub fn xlsx(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2019, 5, 31)?.and_hms(9, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("UMIN000015469 data centre (simulated)")
            .set_title(book.file.as_str()),
    );
    let bold = Format::new().set_bold();
    let group = Format::new()
        .set_bold()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        ws.set_hidden(sheet.hidden);
        let mut row: u32 = 0;
        if !sheet.groups.is_empty() {
            for (a, b, label) in &sheet.groups {
                if a == b {
                    ws.write_string_with_format(0, *a, label, &group)?;
                } else {
                    ws.merge_range(0, *a, 0, *b, label, &group)?;
                }
            }
            row = 1;
        }
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, h, &bold)?;
            ws.set_column_width(c as u16, 16)?;
        }
        row += 1;
        for r in &sheet.rows {
            for (c, cell) in r.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string(row, c, t)?;
                    }
                    Cell::Num(v) => {
                        ws.write_number(row, c, *v)?;
                    }
                    Cell::Date(d) => {
                        ws.write_number_with_format(row, c, d.excel_serial(), &date)?;
                    }
                    Cell::NaError => {
                        ws.write_formula(row, c, Formula::new("=NA()").set_result("#N/A"))?;
                    }
                }
            }
            row += 1;
        }
        if !sheet.notes.is_empty() {
            row += 2;
            for n in &sheet.notes {
                ws.write_string(row, 0, n)?;
                row += 1;
            }
        }
    }
    wb.save_to_buffer()
}
