//! The label as a greyscale PNG: an 8×8 bitmap font (font8x8, public domain) scaled to each line's height
//! and narrowed to 0.6 of it, bars of whole pixels (a module is at least two pixels wide, so a scanner reads
//! the barcode at 200 dpi too).

use font8x8::legacy::{BASIC_LEGACY, LATIN_LEGACY};

use crate::{Canvas, Label, code128};

const WHITE: u8 = 255;
const BLACK: u8 = 0;
const LIGHT: u8 = 205;

struct Raster {
    width: usize,
    height: usize,
    pixels_per_mm: f64,
    pixels: Vec<u8>,
}

impl Raster {
    fn px(&self, mm: f64) -> usize {
        (mm * self.pixels_per_mm).round().max(0.0) as usize
    }

    fn fill(&mut self, x: usize, y: usize, w: usize, h: usize, shade: u8) {
        for row in y.min(self.height)..(y + h).min(self.height) {
            let line = &mut self.pixels[row * self.width..(row + 1) * self.width];
            for pixel in &mut line[x.min(self.width)..(x + w).min(self.width)] {
                // Light shading never covers what is already drawn.
                if shade != LIGHT || *pixel == WHITE {
                    *pixel = shade;
                }
            }
        }
    }

    fn glyph(c: char) -> [u8; 8] {
        let code = u32::from(c) as usize;
        match code {
            0x20..=0x7e => BASIC_LEGACY[code],
            0xa0..=0xff => LATIN_LEGACY[code - 0xa0],
            _ => BASIC_LEGACY[usize::from(b'?')],
        }
    }

    fn write(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str, shade: u8) {
        let scale_y = (size * self.pixels_per_mm / 8.0).round().max(1.0) as usize;
        let scale_x = ((scale_y as f64) * 0.6).round().max(1.0) as usize;
        let (mut left, top) = (self.px(x), self.px(y));
        for c in text.chars() {
            for (row, bits) in Self::glyph(c).iter().enumerate() {
                for column in 0..8 {
                    if bits & (1 << column) != 0 {
                        let w = scale_x + usize::from(bold);
                        self.fill(left + column * scale_x, top + row * scale_y, w, scale_y, shade);
                    }
                }
            }
            left += 8 * scale_x;
        }
    }
}

impl Canvas for Raster {
    fn text(&mut self, x: f64, y: f64, size: f64, bold: bool, text: &str) {
        self.write(x, y, size, bold, text, BLACK);
    }

    fn barcode(&mut self, x: f64, y: f64, module: f64, height: f64, data: &str) {
        let Some(modules) = code128::modules(data) else { return };
        let module_px = self.px(module).max(2);
        let (left, top, h) = (self.px(x), self.px(y), self.px(height));
        for (start, width) in code128::bars(&modules) {
            self.fill(left + start * module_px, top, width * module_px, h, BLACK);
        }
    }

    fn specimen(&mut self, x: f64, y: f64, size: f64) {
        self.write(x, y, size, true, "SPECIMEN", LIGHT);
    }
}

pub fn render(label: &Label, dpi: u32) -> Vec<u8> {
    let (width_mm, height_mm) = label.layout.size_mm();
    let pixels_per_mm = f64::from(dpi.clamp(72, 1200)) / 25.4;
    let (width, height) = ((width_mm * pixels_per_mm) as usize, (height_mm * pixels_per_mm) as usize);
    let mut raster = Raster { width, height, pixels_per_mm, pixels: vec![WHITE; width * height] };
    label.draw(&mut raster);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width as u32, height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    let dots_per_metre = (pixels_per_mm * 1000.0).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: dots_per_metre,
        yppu: dots_per_metre,
        unit: png::Unit::Meter,
    }));
    // Writing into memory only fails on a header the encoder refuses, which these values never are.
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(&raster.pixels);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Layout, example};

    #[test]
    fn a_png_of_the_page_at_the_resolution_asked() {
        let png = example(Layout::A6, false).png(200);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height at 200 dpi for 148 × 105 mm.
        assert_eq!(u32::from_be_bytes([png[16], png[17], png[18], png[19]]), 1165);
        assert_eq!(u32::from_be_bytes([png[20], png[21], png[22], png[23]]), 826);
    }
}
