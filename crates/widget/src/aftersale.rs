//! The after-sale elements' JavaScript face, in a bundle without the checkout:
//! `mountTracking(element, {proxy, token, lang, publishableKey})` shows where the parcel a shop's link names
//! is, `mountReturn(element, {…})` lets the shopper order its collection; each returns a handle with
//! `setLang(tag)` and `destroy()`.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::client::ProxyClient;
use crate::context::Checkout;
use crate::i18n::Lang;
use crate::json::{FromJs, member, or_default};

/// Options of both mounts, as JavaScript passes them (camelCase).
#[derive(Debug, Default)]
struct Options {
    proxy: String,
    /// The link token from the shop's server.
    token: String,
    lang: String,
    publishable_key: Option<String>,
}

impl FromJs for Options {
    fn from_js(value: &JsValue) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        Some(Self {
            proxy: or_default(value, "proxy")?,
            token: or_default(value, "token")?,
            lang: or_default(value, "lang")?,
            publishable_key: FromJs::from_js(&member(value, "publishableKey"))?,
        })
    }
}

/// A mounted after-sale part, as JavaScript holds it.
#[wasm_bindgen]
pub struct AfterSaleMounted {
    lang: RwSignal<Lang>,
    /// Dropping it removes the part's nodes and disposes its effects.
    mounted: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl AfterSaleMounted {
    /// Switches the language ("de", "fr", "it", "en") once its texts are here.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, tag: &str) {
        if let Some(lang) = Lang::from_tag(tag).filter(|lang| lang.is_loaded())
            && self.lang.try_get_untracked() != Some(lang)
        {
            self.lang.set(lang);
        }
    }

    /// Removes everything the part added to the element.
    pub fn destroy(&mut self) {
        self.mounted = None;
    }
}

/// Mounts `part` (given the token) into `element` with the shared context.
fn mount_part<V: IntoView + 'static>(
    element: web_sys::HtmlElement,
    options: JsValue,
    part: impl FnOnce(String) -> V + 'static,
) -> Result<AfterSaleMounted, JsValue> {
    let options: Options = crate::json::options(&options)?;
    // Until the page hands over the texts of the language asked for, one it has.
    let lang = RwSignal::new(Lang::from_tag(&options.lang).unwrap_or_default().shown());
    let client = ProxyClient::new(&options.proxy).with_key(options.publishable_key.filter(|k| !k.is_empty()));
    let token = options.token;
    let mounted = leptos::mount::mount_to(element, move || {
        Checkout { lang: lang.into(), client, name_prefix: String::new(), collect: Signal::default() }.provide();
        view! { <div class="swiss-checkout" lang=move || lang.get().tag()>{part(token)}</div> }
    });
    Ok(AfterSaleMounted { lang, mounted: Some(Box::new(mounted)) })
}

/// Renders the tracking part into `element`.
#[cfg(feature = "tracking")]
#[wasm_bindgen(js_name = mountTracking)]
pub fn mount_tracking(element: web_sys::HtmlElement, options: JsValue) -> Result<AfterSaleMounted, JsValue> {
    mount_part(element, options, |token| view! { <crate::tracking::Tracking token=token /> })
}

/// Renders the return part into `element`.
#[cfg(feature = "returns")]
#[wasm_bindgen(js_name = mountReturn)]
pub fn mount_return(element: web_sys::HtmlElement, options: JsValue) -> Result<AfterSaleMounted, JsValue> {
    mount_part(element, options, |token| view! { <crate::returns::ReturnForm token=token /> })
}
