//! Code 128, the symbology of Swiss Post's parcel barcodes: an 18-digit identcode is nine pairs of digits
//! in code set C. Other text uses code set B (ASCII 32–127).

/// Bar and space widths (in modules) of each symbol value 0–105, then the stop pattern.
const PATTERNS: [&str; 107] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213", "221312",
    "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132", "221231", "213212",
    "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211", "212123", "212321", "232121",
    "111323", "131123", "131321", "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331",
    "132131", "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131", "311123",
    "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111", "111224", "111422", "121124",
    "121421", "141122", "141221", "112214", "112412", "122114", "122411", "142112", "142211", "241211", "221114",
    "413111", "241112", "134111", "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112",
    "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];

const START_B: usize = 104;
const START_C: usize = 105;
const STOP: usize = 106;

/// The symbol values of `data`, start and check symbol included (stop excluded); `None` for characters
/// Code 128 set B cannot carry.
fn symbols(data: &str) -> Option<Vec<usize>> {
    let digits = data.bytes().all(|b| b.is_ascii_digit());
    let mut values = if digits && !data.is_empty() && data.len().is_multiple_of(2) {
        let mut values = vec![START_C];
        values.extend(data.as_bytes().chunks(2).map(|pair| usize::from((pair[0] - b'0') * 10 + (pair[1] - b'0'))));
        values
    } else {
        let mut values = vec![START_B];
        for c in data.chars() {
            let code = u32::from(c);
            if !(32..128).contains(&code) {
                return None;
            }
            values.push(code as usize - 32);
        }
        values
    };
    let check = values.iter().enumerate().map(|(i, v)| v * i.max(1)).sum::<usize>() % 103;
    values.push(check);
    Some(values)
}

/// The modules of the barcode for `data` from the first bar to the last (quiet zones not included):
/// `true` is a bar.
pub fn modules(data: &str) -> Option<Vec<bool>> {
    let mut values = symbols(data)?;
    values.push(STOP);
    let mut modules = Vec::new();
    for value in values {
        for (i, width) in PATTERNS[value].bytes().enumerate() {
            modules.extend(std::iter::repeat_n(i % 2 == 0, usize::from(width - b'0')));
        }
    }
    Some(modules)
}

/// The runs of bars: (first module, width in modules).
pub fn bars(modules: &[bool]) -> Vec<(usize, usize)> {
    let mut bars = Vec::new();
    let mut start = None;
    for (i, &bar) in modules.iter().chain(std::iter::once(&false)).enumerate() {
        match (bar, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                bars.push((s, i - s));
                start = None;
            }
            _ => {}
        }
    }
    bars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_is_eleven_modules_and_the_stop_thirteen() {
        for (value, pattern) in PATTERNS.iter().enumerate() {
            let sum: u32 = pattern.bytes().map(|b| u32::from(b - b'0')).sum();
            assert_eq!(sum, if value == STOP { 13 } else { 11 }, "symbol {value}");
        }
        let distinct: std::collections::BTreeSet<_> = PATTERNS.iter().collect();
        assert_eq!(distinct.len(), PATTERNS.len());
    }

    #[test]
    fn an_identcode_is_set_c_with_its_check_symbol() {
        // 99 60 01 32 17 00 01 69 17: check = (105 + 1·99 + 2·60 + 3·1 + 4·32 + 5·17 + 6·0 + 7·1 + 8·69 + 9·17) mod 103.
        let values = symbols("996001321700016917").unwrap();
        assert_eq!(values[0], START_C);
        assert_eq!(&values[1..10], &[99, 60, 1, 32, 17, 0, 1, 69, 17]);
        let check = (105 + 99 + 2 * 60 + 3 + 4 * 32 + 5 * 17 + 7 + 8 * 69 + 9 * 17) % 103;
        assert_eq!(values[10], check);
        // Start, nine pairs and the check symbol of 11 modules each, and the stop of 13.
        assert_eq!(modules("996001321700016917").unwrap().len(), 11 * 11 + 13);
    }

    #[test]
    fn text_is_set_b_and_other_characters_are_refused() {
        assert_eq!(symbols("PRI").unwrap()[..4], [START_B, 48, 50, 41]);
        assert_eq!(symbols("Zürich"), None);
        assert_eq!(bars(&[true, true, false, true, false]), [(0, 2), (3, 1)]);
    }
}
