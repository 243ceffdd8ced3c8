//! The parts that have texts, listed once: each with the Cargo feature that compiles it, its member in a
//! page's texts file (and `Lang`'s accessor of the same name) and the file its texts are written out to. It
//! gives `addTexts` (with `fetched-texts`), which hands each part its texts, and the list the texts-files test
//! writes. This is the one place that names every part's texts: `i18n` names none, so the parts depend on it
//! and not the other way round.

#[cfg(feature = "fetched-texts")]
use crate::i18n::{Lang, TextGroup};

macro_rules! parts_with_texts {
    ($($(#[$part_cfg:meta])? $part:ident: $ty:ty => $file:literal;)*) => {
        /// Takes one language's texts, as the page parsed them from its texts file (`texts-de.json` …: per part
        /// an array of its texts in the order [`TextGroup::visit`] goes): every text of every part of this
        /// build must be there, and no more, else nothing is taken and the error names the part. Once per
        /// language: the texts are kept for the page's life.
        #[cfg(feature = "fetched-texts")]
        #[wasm_bindgen::prelude::wasm_bindgen(js_name = addTexts)]
        pub fn add_texts(tag: &str, file: wasm_bindgen::JsValue) -> Result<(), wasm_bindgen::JsValue> {
            let lang =
                Lang::from_tag(tag).ok_or_else(|| wasm_bindgen::JsValue::from_str("addTexts: no such language"))?;
            if lang.is_loaded() {
                return Ok(());
            }
            // Read whole before any is kept: a file of another build is refused without a trace.
            $($(#[$part_cfg])? let $part: $ty = read(&file, stringify!($part), tag)?;)*
            $($(#[$part_cfg])? $part.keep(lang);)*
            crate::i18n::mark_loaded(lang);
            Ok(())
        }

        /// Each part's texts file (relative to the crate) and what it should hold.
        #[cfg(all(test, not(feature = "fetched-texts")))]
        #[allow(clippy::vec_init_then_push)] // one push per part, each under its part's feature
        fn texts_files() -> Vec<(&'static str, String)> {
            let mut files = Vec::new();
            $($(#[$part_cfg])? files.push(($file, crate::i18n::tests::texts_json(crate::i18n::Lang::$part)));)*
            files
        }
    };
}

parts_with_texts! {
    strings: crate::i18n::Strings => "src/i18n.json";
    #[cfg(feature = "address")]
    address: crate::address::AddressStrings => "src/address/texts.json";
    #[cfg(feature = "delivery")]
    delivery: crate::delivery::DeliveryStrings => "src/delivery/texts.json";
    #[cfg(feature = "pickup")]
    pickup: crate::pickup::PickupStrings => "src/pickup/texts.json";
    #[cfg(feature = "connector")]
    connector: crate::connector::ConnectorStrings => "src/connector/texts.json";
    #[cfg(feature = "tracking")]
    tracking: crate::tracking::TrackingStrings => "src/tracking/texts.json";
    #[cfg(feature = "returns")]
    returns: crate::returns::ReturnStrings => "src/returns/texts.json";
}

/// One part's texts from the file's member `name`: exactly as many as the part has (a file of another build
/// would shift them), each a string.
#[cfg(feature = "fetched-texts")]
fn read<T: TextGroup + Default>(
    file: &wasm_bindgen::JsValue,
    name: &str,
    tag: &str,
) -> Result<T, wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let mut texts = T::default();
    let mut count = 0;
    texts.visit(None, &mut |_, _, _| count += 1);
    let array = match crate::json::member(file, name).dyn_into::<js_sys::Array>() {
        Ok(array) if array.length() == count && array.iter().all(|text| text.is_string()) => array,
        _ => return Err(wasm_bindgen::JsValue::from_str(&["addTexts: ", tag, " does not fit ", name].concat())),
    };
    let mut index = 0;
    texts.visit(None, &mut |_, _, text| {
        *text = Box::leak(array.get(index).as_string().unwrap_or_default().into_boxed_str());
        index += 1;
    });
    Ok(texts)
}

#[cfg(all(test, not(feature = "fetched-texts")))]
mod tests {
    /// The texts files are what the Rust texts say: a file that is not is written anew, and the test fails so
    /// the change is seen and committed (`cargo test -p swiss-checkout-widget --features tracking,returns`).
    #[test]
    fn the_texts_files_are_current() {
        let mut rewritten = Vec::new();
        for (file, json) in super::texts_files() {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
                std::fs::write(&path, json).expect("the texts file can be written");
                rewritten.push(file);
            }
        }
        assert!(rewritten.is_empty(), "rewritten from the Rust texts, to be committed: {rewritten:?}");
    }
}
