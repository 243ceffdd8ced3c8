//! The standalone demo page: mounts the widget into `#checkout` in the language of `?lang=de|fr|it|en`,
//! else the page's `lang`, and shows what the shopper chose.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use widget::{Lang, WidgetConfig};

fn page_lang(document: &web_sys::Document) -> Lang {
    let from_query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"))
        .and_then(|tag| Lang::from_tag(&tag));
    let from_page = document.document_element().map(|html| html.get_attribute("lang").unwrap_or_default());
    from_query.or_else(|| from_page.and_then(|tag| Lang::from_tag(&tag))).unwrap_or_default()
}

fn main() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let lang = page_lang(&document);
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
    let Some(target) = document.get_element_by_id("checkout").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let chosen = widget::mount(target, WidgetConfig { proxy: String::new(), lang, name_prefix: String::new() });

    // The demo's own read-out of the selection, below the form.
    if let Some(output) =
        document.get_element_by_id("selection").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let chosen_label = lang.strings().chosen;
        leptos::mount::mount_to(output, move || {
            view! { {move || chosen.get().map(|l| format!("{chosen_label} {}", l.label())).unwrap_or_default()} }
        })
        .forget();
    }
}
