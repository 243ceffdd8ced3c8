//! The label as ZPL2 for a Zebra printer, in code page 437 bytes as Swiss Post sends it (POST-API.md §6.4): text in
//! the scalable font 0, the identcode as the printer's own Code 128 (`^BC`, subset C), "SPECIMEN" in reverse
//! print. `^FH` escapes the three characters ZPL itself uses.

use std::fmt::Write;

use crate::{Canvas, Label, text};

struct Zpl {
    dots_per_mm: f64,
    commands: Vec<u8>,
}

impl Zpl {
    fn dots(&self, mm: f64) -> i64 {
        (mm * self.dots_per_mm).round() as i64
    }

    fn push(&mut self, command: &str) {
        self.commands.extend_from_slice(command.as_bytes());
    }

    fn field(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '^' => self.push("\\5E"),
                '~' => self.push("\\7E"),
                '\\' => self.push("\\5C"),
                _ => self.commands.push(text::cp437(c).unwrap_or(b'?')),
            }
        }
    }
}

impl Canvas for Zpl {
    fn text(&mut self, x: f64, y: f64, size: f64, _bold: bool, text: &str) {
        let (h, w) = (self.dots(size), self.dots(size * 0.8));
        let command = format!("^FO{},{}^A0N,{h},{w}^FH\\^FD", self.dots(x), self.dots(y));
        self.push(&command);
        self.field(text);
        self.push("^FS\n");
    }

    fn barcode(&mut self, x: f64, y: f64, module: f64, height: f64, data: &str) {
        let module = self.dots(module).max(2);
        let h = self.dots(height);
        // `>;` starts subset C: two digits a symbol, as Swiss Post's identcodes are printed.
        let start = if data.bytes().all(|b| b.is_ascii_digit()) && data.len().is_multiple_of(2) { ">;" } else { "" };
        let command =
            format!("^FO{},{}^BY{module},3,{h}^BCN,{h},N,N,N^FD{start}{data}^FS\n", self.dots(x), self.dots(y));
        self.push(&command);
    }

    fn specimen(&mut self, x: f64, y: f64, size: f64) {
        let command = format!(
            "^FO{},{}^A0N,{},{}^FR^FDSPECIMEN^FS\n",
            self.dots(x),
            self.dots(y),
            self.dots(size),
            self.dots(size)
        );
        self.push(&command);
    }
}

pub fn render(label: &Label, dpi: u32) -> Vec<u8> {
    let dots_per_mm = match dpi {
        0..=250 => 8.0,
        251..=450 => 12.0,
        _ => 24.0,
    };
    let (width, height) = label.layout.size_mm();
    let mut zpl = Zpl { dots_per_mm, commands: Vec::new() };
    let mut header = String::new();
    let _ = write!(header, "^XA\n^CI0\n^PW{}\n^LL{}\n", zpl.dots(width), zpl.dots(height));
    zpl.push(&header);
    label.draw(&mut zpl);
    zpl.push("^XZ\n");
    zpl.commands
}

#[cfg(test)]
mod tests {
    use crate::{Layout, example};

    #[test]
    fn zpl_in_code_page_437_with_a_code_128_field() {
        let zpl = example(Layout::A6, false).zpl(300);
        assert!(zpl.starts_with(b"^XA"));
        let text: String = zpl.iter().map(|&b| if b.is_ascii() { b as char } else { '#' }).collect();
        assert!(text.contains("^BCN,264,N,N,N^FD>;996001321700016917^FS"), "{text}");
        assert!(text.contains("^FDPickPost 12345678^FS"));
        assert!(text.contains("^PW1776"));
        // "Anna Müller": ü is byte 0x81 in code page 437.
        assert!(zpl.windows(6).any(|w| w == b"Anna M"));
        assert!(zpl.windows(2).any(|w| w == [b'M', 0x81]));
        assert!(text.trim_end().ends_with("^XZ"));
    }
}
