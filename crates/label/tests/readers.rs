//! The labels read back by the tools a shop and a sorting centre use: poppler's `pdftotext` finds the
//! recipient's `name2` line and the identcode in the PDF; `zbarimg` (zbar-tools) decodes the Code 128 barcode
//! of the PNG, and of the PDF rendered by `pdftoppm`, back to the identcode. Both are Debian packages that
//! `npm test` installs.

use std::path::{Path, PathBuf};
use std::process::Command;

use label::{Label, Layout};

fn label(layout: Layout, specimen: bool) -> Label {
    Label {
        layout,
        ident_code: "996001321700000042".into(),
        services: vec!["PRI".into(), "ZF17301900".into()],
        recipient: vec![
            "Anna Müller".into(),
            "PickPost 12345678".into(),
            "Bahnhofplatz 5".into(),
            "9000 St. Gallen".into(),
        ],
        sender: vec!["Velo Shop AG".into(), "Wankdorfallee 4".into(), "3030 Bern".into()],
        specimen,
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("label-readers");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} is needed (Debian: poppler-utils, zbar-tools; npm test installs them): {e}")
    });
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn decoded(png: &Path) -> String {
    run("zbarimg", &["--quiet", "--raw", "-Sdisable", "-Scode128.enable", png.to_str().unwrap()]).trim().to_owned()
}

#[test]
fn pdftotext_reads_the_name2_line_the_identcode_and_the_specimen_mark() {
    for layout in [Layout::A5, Layout::A6, Layout::A7] {
        let path = scratch(&format!("label-{layout:?}.pdf"));
        std::fs::write(&path, label(layout, true).pdf()).unwrap();
        let text = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
        for expected in
            ["PickPost 12345678", "Anna Müller", "99.60.013217.00000042", "ZF17301900", "Velo Shop AG", "SPECIMEN"]
        {
            assert!(text.contains(expected), "{layout:?}: {expected} in\n{text}");
        }
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        assert!(info.contains("Pages:           1"), "{info}");
    }
}

#[test]
fn a_barcode_reader_decodes_the_identcode_from_the_png_and_the_pdf() {
    for dpi in [200, 300, 600] {
        let path = scratch(&format!("label-{dpi}.png"));
        std::fs::write(&path, label(Layout::A6, true).png(dpi)).unwrap();
        assert_eq!(decoded(&path), "996001321700000042", "PNG at {dpi} dpi");
    }
    let pdf = scratch("label-scan.pdf");
    std::fs::write(&pdf, label(Layout::A7, false).pdf()).unwrap();
    let prefix = scratch("label-scan");
    run("pdftoppm", &["-r", "200", "-png", "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    assert_eq!(decoded(&prefix.with_extension("png")), "996001321700000042", "PDF rendered at 200 dpi");
}
