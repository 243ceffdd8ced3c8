//! A parcel label as Swiss Post's barcode service draws one (POST-API.md §6): the identcode as a Code 128
//! barcode with its dotted human-readable form, the service codes, the recipient block (with its `name2` line)
//! and the sender, on an A5, A6 or A7 page in landscape. Drawn once ([`Label::draw`]) onto a [`Canvas`] that
//! each format implements: PDF ([`Label::pdf`]), PNG ([`Label::png`]) and ZPL2 as code page 437 bytes
//! ([`Label::zpl`]).
//!
//! The layout follows the recorded real labels (barcode top left, services top right, recipient in the middle,
//! sender small at the left) without Swiss Post's logo, and every label says that it comes from the sandbox:
//! it is never a valid franking. With `specimen`, "SPECIMEN" runs across it, as with Swiss Post's
//! `printPreview`.

pub mod code128;
mod pdf;
mod raster;
pub mod text;
mod zpl;

pub use text::{printable, unprintable};

/// The page, landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    A5,
    A6,
    A7,
}

impl Layout {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Layout::A5 => (210.0, 148.0),
            Layout::A6 => (148.0, 105.0),
            Layout::A7 => (105.0, 74.0),
        }
    }
}

/// What a label shows. Every line must be [`printable`]; the caller checks (the sandbox answers with an
/// error, the proxy transliterates before it asks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub layout: Layout,
    /// 18 digits: `99`, the franking licence, the item number.
    pub ident_code: String,
    /// The service codes, the base product first ("PRI", "ZF17301900", "SA").
    pub services: Vec<String>,
    /// The recipient block, line by line (name, `name2`, street, postcode and town).
    pub recipient: Vec<String>,
    /// The sender block, line by line.
    pub sender: Vec<String>,
    /// "SPECIMEN" across the label.
    pub specimen: bool,
}

/// Where a label is drawn. Positions and sizes in millimetres from the top left corner; `size` is the
/// height of a capital letter's line.
pub trait Canvas {
    fn text(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str);
    /// A barcode of `data`: bars of whole modules, `module` wide and `height` high.
    fn barcode(&mut self, x: f64, y: f64, module: f64, height: f64, data: &str);
    /// "SPECIMEN", large and light, under everything else.
    fn specimen(&mut self, x: f64, y: f64, size: f64);
}

/// The line every sandbox label carries.
pub const SANDBOX_NOTE: &str = "swisspost-sandbox - not valid for shipping";

impl Label {
    /// The whole label, onto `canvas`.
    pub fn draw(&self, canvas: &mut impl Canvas) {
        let (width, _) = self.layout.size_mm();
        let s = width / 148.0;
        if self.specimen {
            canvas.specimen(22.0 * s, 40.0 * s, 20.0 * s);
        }
        canvas.text(8.0 * s, 4.0 * s, 2.4 * s, false, SANDBOX_NOTE);
        canvas.barcode(8.0 * s, 9.0 * s, 0.5 * s, 22.0 * s, &self.ident_code);
        canvas.text(8.0 * s, 33.0 * s, 4.6 * s, true, &api::labels::dotted_ident_code(&self.ident_code));
        let mut services = self.services.iter();
        if let Some(base) = services.next() {
            canvas.text(width - 32.0 * s, 9.0 * s, 8.0 * s, true, base);
        }
        for (i, code) in services.enumerate() {
            canvas.text(width - 32.0 * s, (20.0 + 5.5 * i as f64) * s, 4.0 * s, true, code);
        }
        for (i, line) in self.recipient.iter().enumerate() {
            canvas.text(52.0 * s, (50.0 + 6.0 * i as f64) * s, 4.2 * s, i == 0, line);
        }
        for (i, line) in self.sender.iter().enumerate() {
            canvas.text(8.0 * s, (50.0 + 3.8 * i as f64) * s, 2.6 * s, false, line);
        }
    }

    /// A one-page PDF 1.4 with Helvetica (no embedded fonts).
    pub fn pdf(&self) -> Vec<u8> {
        pdf::render(self)
    }

    /// A greyscale PNG at `dpi` dots per inch.
    pub fn png(&self, dpi: u32) -> Vec<u8> {
        raster::render(self, dpi)
    }

    /// ZPL2 for a Zebra printer at `dpi` (200, 300 or 600: 8, 12 or 24 dots per millimetre), in code page 437.
    pub fn zpl(&self, dpi: u32) -> Vec<u8> {
        zpl::render(self, dpi)
    }
}

#[cfg(test)]
pub(crate) fn example(layout: Layout, specimen: bool) -> Label {
    Label {
        layout,
        ident_code: "996001321700016917".into(),
        services: vec!["PRI".into(), "ZF17301900".into()],
        recipient: vec![
            "Anna Müller".into(),
            "PickPost 12345678".into(),
            "Bahnhofplatz 5".into(),
            "9000 St. Gallen".into(),
        ],
        sender: vec!["Shop AG".into(), "Wankdorfallee 4".into(), "3030 Bern".into()],
        specimen,
    }
}
