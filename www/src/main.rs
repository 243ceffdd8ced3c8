//! The standalone demo page: mounts the widget into `#checkout` in the language of `?lang=de|fr|it|en`,
//! else the page's `lang`; a language switch that keeps what was entered; a read-out of the selection.

use api::AddressSelection;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use widget::{Lang, WidgetConfig};

fn page_lang(document: &web_sys::Document) -> Lang {
    let from_query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"))
        .and_then(|tag| Lang::from_tag(&tag));
    let from_page = document.document_element().and_then(|html| html.get_attribute("lang"));
    from_query.or_else(|| from_page.and_then(|tag| Lang::from_tag(&tag))).unwrap_or_default()
}

/// Switching language changes the page's `lang` and the address bar, without a reload.
fn show_language(lang: Lang) {
    let Some(window) = web_sys::window() else { return };
    if let Some(html) = window.document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.tag());
    }
    if let Ok(history) = window.history() {
        let tag = lang.tag().split('-').next().unwrap_or("en");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?lang={tag}")));
    }
}

/// "Aarbergergasse 1, 3011 Bern".
fn describe(selection: &AddressSelection) -> String {
    let street = format!("{} {}", selection.street, selection.house_number).trim().to_owned();
    let locality = format!("{} {}", selection.postcode, selection.town).trim().to_owned();
    [street, locality].into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>().join(", ")
}

fn element(document: &web_sys::Document, id: &str) -> Option<web_sys::HtmlElement> {
    document.get_element_by_id(id).and_then(|e| e.dyn_into().ok())
}

fn main() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let lang = page_lang(&document);
    show_language(lang);
    let Some(target) = element(&document, "checkout") else { return };
    // No tile server: the demo never reaches beyond this machine; the map draws Switzerland's outline.
    // Leaflet's files are where Trunk copies them, beside this page (served below /leptos/).
    let handle = widget::mount(
        target,
        WidgetConfig {
            proxy: String::new(),
            lang,
            tiles: None,
            leaflet_base: "vendor/leaflet".into(),
            ..WidgetConfig::default()
        },
    );

    if let Some(nav) = element(&document, "languages") {
        leptos::mount::mount_to(nav, move || {
            Lang::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <button
                            type="button"
                            lang=option.tag()
                            aria-pressed=move || (handle.lang.get() == option).to_string()
                            on:click=move |_| {
                                handle.lang.set(option);
                                show_language(option);
                            }
                        >
                            {option.endonym()}
                        </button>
                    }
                })
                .collect_view()
        })
        .forget();
    }

    if let Some(output) = element(&document, "selection") {
        leptos::mount::mount_to(output, move || {
            view! {
                {move || {
                    let selection = handle.address.get();
                    let text = describe(&selection);
                    if text.is_empty() {
                        String::new()
                    } else {
                        let status = if selection.verified { "verified" } else { "not verified" };
                        format!("Chosen: {text} ({status})")
                    }
                }}
            }
        })
        .forget();
    }

    if let Some(output) = element(&document, "delivery-selection") {
        leptos::mount::mount_to(output, move || {
            view! {
                {move || {
                    handle.delivery.get().map(|option| {
                        format!("Delivery: {} ({})", option.date, option.product_codes.join(","))
                    })
                }}
            }
        })
        .forget();
    }

    if let Some(output) = element(&document, "pickup-selection") {
        leptos::mount::mount_to(output, move || {
            view! {
                {move || {
                    handle.pickup.get().map(|pickup| {
                        let line = pickup.user.map(|u| format!(", name2: {}", u.name2)).unwrap_or_default();
                        format!(
                            "Pickup point: {}, {} {}, {} {}{line}",
                            pickup.name,
                            pickup.address.street,
                            pickup.address.house_number,
                            pickup.address.postcode,
                            pickup.address.town
                        )
                    })
                }}
            }
        })
        .forget();
    }
}
