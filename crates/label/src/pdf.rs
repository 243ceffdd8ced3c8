//! The label as a one-page PDF 1.4: Helvetica and Helvetica-Bold in WinAnsi encoding (the standard fonts, not
//! embedded), bars as filled rectangles, text a PDF reader can select and `pdftotext` can read.

use std::fmt::Write;

use crate::{Canvas, Label, code128, text};

const POINTS_PER_MM: f64 = 72.0 / 25.4;

struct Page {
    height_pt: f64,
    /// The content stream's operators.
    ops: String,
}

impl Page {
    fn x(&self, mm: f64) -> f64 {
        mm * POINTS_PER_MM
    }

    fn y(&self, mm: f64) -> f64 {
        self.height_pt - mm * POINTS_PER_MM
    }

    fn show(&mut self, x: f64, baseline: f64, size_pt: f64, font: &str, text: &str) {
        let mut literal = String::new();
        for c in text.chars() {
            match text::latin1(c) {
                Some(b'(') => literal.push_str("\\("),
                Some(b')') => literal.push_str("\\)"),
                Some(b'\\') => literal.push_str("\\\\"),
                Some(byte) if byte.is_ascii() => literal.push(byte as char),
                Some(byte) => {
                    let _ = write!(literal, "\\{byte:03o}");
                }
                None => literal.push('?'),
            }
        }
        let _ = writeln!(self.ops, "BT /{font} {size_pt:.2} Tf {x:.2} {baseline:.2} Td ({literal}) Tj ET");
    }
}

impl Canvas for Page {
    fn text(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str) {
        let size_pt = size * POINTS_PER_MM;
        let baseline = self.y(y + size * 0.8);
        self.show(self.x(x), baseline, size_pt, if bold { "F2" } else { "F1" }, text);
    }

    fn barcode(&mut self, x: f64, y: f64, module: f64, height: f64, data: &str) {
        let Some(modules) = code128::modules(data) else { return };
        self.ops.push_str("0 g\n");
        for (start, width) in code128::bars(&modules) {
            let _ = writeln!(
                self.ops,
                "{:.3} {:.3} {:.3} {:.3} re f",
                self.x(x + start as f64 * module),
                self.y(y + height),
                width as f64 * module * POINTS_PER_MM,
                height * POINTS_PER_MM
            );
        }
    }

    fn specimen(&mut self, x: f64, y: f64, size: f64) {
        self.ops.push_str("0.82 g\n");
        let baseline = self.y(y + size * 0.8);
        self.show(self.x(x), baseline, size * POINTS_PER_MM, "F2", "SPECIMEN");
        self.ops.push_str("0 g\n");
    }
}

pub fn render(label: &Label) -> Vec<u8> {
    let (width, height) = label.layout.size_mm();
    let mut page = Page { height_pt: height * POINTS_PER_MM, ops: String::new() };
    label.draw(&mut page);
    let media = format!("[0 0 {:.2} {:.2}]", width * POINTS_PER_MM, height * POINTS_PER_MM);
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox {media} /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"
        ),
        format!("<< /Length {} >>\nstream\n{}endstream", page.ops.len(), page.ops),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_owned(),
        "<< /Producer (swisspost-sandbox) /Title (Sandbox parcel label) >>".to_owned(),
    ];
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ =
        write!(table, "trailer\n<< /Size {} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use crate::{Layout, example};

    #[test]
    fn a_pdf_with_its_text_and_bars() {
        let pdf = example(Layout::A6, true).pdf();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.contains("(PickPost 12345678) Tj"));
        assert!(text.contains("(Anna M\\374ller) Tj"), "ü in WinAnsi");
        assert!(text.contains("(SPECIMEN) Tj"));
        assert!(text.contains(" re f"));
        assert!(text.trim_end().ends_with("%%EOF"));
    }
}
