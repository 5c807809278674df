//! Tables for download: XLSX (what a Hội office opens) and CSV, with Vietnamese headings.
//!
//! Every export of the app (Hội applications, quiz rankings, photo contest results, survey
//! responses, reports, her own data) builds a [`Table`] and answers it with [`Table::xlsx_response`] or [`Table::csv_response`].

use axum::{
    http::header,
    response::{IntoResponse, Response},
};
use rust_xlsxwriter::{Format, Workbook};

use crate::error::AppError;

/// One cell: text or a number (numbers stay numbers in the spreadsheet, for sums).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<i64> for Cell {
    fn from(number: i64) -> Self {
        Cell::Number(number as f64)
    }
}

/// A sheet: a name, a header row and rows.
pub struct Table {
    /// The sheet's name (Excel allows 31 characters) and the file's base name.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Fixed headings, as a table takes them.
pub fn headings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

impl Table {
    /// The workbook's bytes: a bold, frozen header row and columns fitted to their text.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        workbook(std::slice::from_ref(self))
    }

    fn write_sheet(&self, workbook: &mut Workbook) -> Result<(), rust_xlsxwriter::XlsxError> {
        let sheet = workbook.add_worksheet();
        // Excel allows 31 characters and none of []:*?/\ in a sheet's name.
        let name: String = self
            .name
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(31)
            .collect();
        sheet.set_name(&name)?;
        let bold = Format::new().set_bold();
        for (col, heading) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, heading, &bold)?;
        }
        for (index, row) in self.rows.iter().enumerate() {
            let r = index as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(text) => sheet.write_string(r, col as u16, text)?,
                    Cell::Number(number) => sheet.write_number(r, col as u16, *number)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
        Ok(())
    }

    /// RFC 4180 CSV with a byte-order mark, so Excel reads the Vietnamese as UTF-8. Text that a
    /// spreadsheet would take for a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+…`, `-…`, a leading tab
    /// or carriage return) gets a leading apostrophe, which Excel and LibreOffice read as "this is
    /// text": a member's answer never runs on a cadre's computer. Numbers stay numbers.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let line = |cells: Vec<String>| {
            cells
                .iter()
                .map(|cell| {
                    if cell.contains([',', '"', '\n', '\r']) {
                        format!("\"{}\"", cell.replace('"', "\"\""))
                    } else {
                        cell.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        out.push_str(&line(self.headers.clone()));
        out.push_str("\r\n");
        for row in &self.rows {
            let cells = row
                .iter()
                .map(|cell| match cell {
                    Cell::Text(text) => inert(text),
                    Cell::Number(number) => number.to_string(),
                })
                .collect();
            out.push_str(&line(cells));
            out.push_str("\r\n");
        }
        out
    }

    pub fn xlsx_response(&self) -> Result<Response, AppError> {
        let bytes = self.to_xlsx().map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(download(
            bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{}.xlsx", self.name),
        ))
    }

    pub fn csv_response(&self) -> Response {
        download(
            self.to_csv().into_bytes(),
            "text/csv; charset=utf-8",
            &format!("{}.csv", self.name),
        )
    }
}

/// A workbook of several sheets, in order (a report: the summary, then one per child unit, then
/// the time series). Sheet names must differ once cut to 31 characters.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = Workbook::new();
    for table in tables {
        table.write_sheet(&mut workbook)?;
    }
    workbook.save_to_buffer()
}

/// `?format=csv` on an export route; XLSX otherwise.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// `xlsx` (the default) or `csv`.
    pub format: Option<String>,
}

impl ExportQuery {
    pub fn respond(&self, table: &Table) -> Result<Response, AppError> {
        match self.format.as_deref() {
            Some("csv") => Ok(table.csv_response()),
            _ => table.xlsx_response(),
        }
    }
}

/// A moment as a Hội office reads it in a sheet: Việt Nam time, "08/03/2026 14:05".
pub fn vietnam_clock(seconds: i64) -> String {
    hoi_api::hoi::vietnam_time(crate::db::to_datetime(seconds))
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// A file to save, never to cache: it holds personal data.
pub fn download(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    let ascii: String = hoi_api::text::fold_vietnamese(file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// A text cell as a spreadsheet will show it, never evaluate it (see `to_csv`).
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            name: "Đơn vào Hội".into(),
            headers: headings(&["Họ và tên", "Số"]),
            rows: vec![vec!["Lê \"Mai\", Hà".into(), 3.into()]],
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_keeps_numbers() {
        assert_eq!(
            table().to_csv(),
            "\u{feff}Họ và tên,Số\r\n\"Lê \"\"Mai\"\", Hà\",3\r\n"
        );
    }

    const PAYLOADS: [&str; 6] = [
        "=HYPERLINK(\"http://evil.example\",\"Bấm vào\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+84 912 345 678",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
    ];

    fn hostile() -> Table {
        Table {
            name: "Kết quả".into(),
            headers: headings(&["Câu trả lời", "Số"]),
            rows: PAYLOADS
                .iter()
                .map(|p| vec![(*p).into(), Cell::Number(-1.5)])
                .collect(),
        }
    }

    /// Reads the CSV as a spreadsheet does (quotes and all) and checks that every member's text
    /// starts with the apostrophe that makes it text, and that numbers stay numbers.
    #[test]
    fn csv_cells_a_spreadsheet_would_evaluate_are_written_as_text() {
        let csv = hostile().to_csv();
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), PAYLOADS.len());
        for (row, payload) in rows.iter().zip(PAYLOADS) {
            assert_eq!(&row[0], format!("'{payload}"), "written as text");
            assert_eq!(&row[1], "-1.5", "a number is left alone");
        }
        assert_eq!(
            inert("Chị Lan = trưởng nhóm"),
            "Chị Lan = trưởng nhóm",
            "only a leading sign counts"
        );
    }

    /// Opens the workbook's sheet: every member's text is a string cell, there is no formula.
    #[test]
    fn xlsx_keeps_formula_like_text_as_strings() {
        use std::io::Read;
        let bytes = hostile().to_xlsx().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(
            !sheet.contains("<f>") && !sheet.contains("<f "),
            "no formula: {sheet}"
        );
        let strings = sheet.matches("t=\"s\"").count();
        assert_eq!(
            strings,
            2 + PAYLOADS.len(),
            "headers and every payload are strings"
        );
        let mut shared = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .unwrap()
            .read_to_string(&mut shared)
            .unwrap();
        assert!(
            shared.contains("=HYPERLINK("),
            "the text itself is kept: {shared}"
        );
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = table().to_xlsx().unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
