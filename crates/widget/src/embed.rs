//! The widget's JavaScript face, for bundler apps and for the `<swiss-checkout>` element:
//! `mount(element, options)` returns a handle with `value()`, `on(event, fn)`, `setLang(tag)` and
//! `destroy()`. The element receives `swiss-checkout:change` (every change of the selection) and
//! `swiss-checkout:complete` (when it becomes complete) events, bubbling and composed, whose `detail` is the
//! selection as plain JSON: the `Selection` of `crates/api`; and `swiss-checkout:error` when a call to the
//! proxy failed, whose `detail` is the selection with an `error` member (a [`RequestFailure`]).

use std::cell::RefCell;
use std::rc::Rc;

use api::Selection;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::json::{FromJs, ToJs, member, or_default};
use crate::{Lang, OPENSTREETMAP_TILES, Parts, RequestFailure, WidgetConfig, WidgetHandle};

/// Dispatched on the element at every change of the selection.
pub const CHANGE_EVENT: &str = "swiss-checkout:change";
/// Dispatched on the element when the selection becomes complete (see [`is_complete`]).
pub const COMPLETE_EVENT: &str = "swiss-checkout:complete";
/// Dispatched on the element when a call to the proxy failed; the shopper goes on by typing.
pub const ERROR_EVENT: &str = "swiss-checkout:error";
/// Dispatched on the element when the widget learned the shopper's name or e-mail (from their Swiss Post
/// sign-in), `detail` `{firstName, lastName, email}`: the element puts them into its form's empty name and
/// e-mail fields, so the shopper types nothing twice.
pub const SHOPPER_EVENT: &str = "swiss-checkout:shopper";

/// Options of `mount`, as JavaScript passes them (camelCase); every member may be left out.
#[derive(Debug, Default)]
struct Options {
    proxy: String,
    lang: String,
    name_prefix: String,
    publishable_key: Option<String>,
    first_name: String,
    last_name: String,
    email: String,
    leaflet_base: String,
    leaflet_script: String,
    leaflet_style: String,
    /// Absent: OpenStreetMap; "": no tiles (Switzerland's outline only).
    tiles: Option<String>,
    /// "address delivery pickup" or a part of it; absent: every part of the build.
    parts: String,
    /// A selection to start with (what `value()` gave), e.g. when the widget is started again.
    value: Option<Selection>,
    /// The delivery kind chosen from the start ("standard", "economy", …); "none": nothing; absent: standard.
    default_delivery: Option<String>,
    /// "Use my Swiss Post addresses": `true`, or the element's `swiss-post-addresses` attribute ("" or any
    /// value but "false").
    swiss_post_addresses: bool,
    /// Start collecting at a pickup point (a widget started again while "Collect at a pickup point" was shown
    /// with no point chosen yet: `value` alone cannot say so).
    collect: bool,
}

impl FromJs for Options {
    fn from_js(value: &JsValue) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        Some(Self {
            proxy: or_default(value, "proxy")?,
            lang: or_default(value, "lang")?,
            name_prefix: or_default(value, "namePrefix")?,
            publishable_key: FromJs::from_js(&member(value, "publishableKey"))?,
            first_name: or_default(value, "firstName")?,
            last_name: or_default(value, "lastName")?,
            email: or_default(value, "email")?,
            leaflet_base: or_default(value, "leafletBase")?,
            leaflet_script: or_default(value, "leafletScript")?,
            leaflet_style: or_default(value, "leafletStyle")?,
            tiles: FromJs::from_js(&member(value, "tiles"))?,
            parts: or_default(value, "parts")?,
            value: FromJs::from_js(&member(value, "value"))?,
            default_delivery: FromJs::from_js(&member(value, "defaultDelivery"))?,
            collect: member(value, "collect").as_bool().unwrap_or(false),
            swiss_post_addresses: {
                let given = member(value, "swissPostAddresses");
                given.as_bool().unwrap_or(false) || given.as_string().is_some_and(|v| v != "false")
            },
        })
    }
}

impl Options {
    fn into_config(self) -> (WidgetConfig, Selection, bool) {
        let start = self.value.unwrap_or_default();
        let config = WidgetConfig {
            proxy: self.proxy,
            // A language whose texts the page has not handed over yet shows in one it has, until they are.
            lang: Lang::from_tag(&self.lang).unwrap_or_default().shown(),
            name_prefix: self.name_prefix,
            publishable_key: self.publishable_key.filter(|k| !k.is_empty()),
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            leaflet_base: self.leaflet_base,
            leaflet_script: self.leaflet_script,
            leaflet_style: self.leaflet_style,
            tiles: Some(self.tiles.unwrap_or_else(|| OPENSTREETMAP_TILES.to_owned())).filter(|t| !t.is_empty()),
            parts: Parts::from_list(&self.parts),
            default_delivery: match self.default_delivery.as_deref() {
                None => Some(api::DeliveryKind::Standard),
                Some(name) => api::DeliveryKind::ALL.into_iter().find(|k| api::delivery_kind_name(*k) == name),
            },
            swiss_post_addresses: self.swiss_post_addresses,
        };
        (config, start, self.collect)
    }
}

/// Complete: while collecting at a pickup point, a point with the shopper's user id; else a home address with
/// its street and a house number (or Swiss Post's word on it), and a delivery option when the delivery part
/// is shown (the shop's default counts: a shopper who wants nothing special is done with the address).
pub fn is_complete(selection: &Selection, parts: Parts, collect: bool) -> bool {
    if collect || selection.pickup.is_some() {
        return selection.pickup.as_ref().is_some_and(|pickup| pickup.user.is_some());
    }
    let address = &selection.address;
    // A street alone is a street still being typed, unless Swiss Post has looked at it (a house number is
    // not always needed).
    let address_done = address.postcode.len() == 4
        && !address.town.is_empty()
        && !address.street.is_empty()
        && (!address.house_number.is_empty() || address.quality.is_some());
    address_done && (!parts.delivery || selection.delivery.is_some())
}

/// The selection as a plain JavaScript object (not a `Map`), as `JSON.parse` would give it.
pub fn selection_to_js(selection: &Selection) -> JsValue {
    selection.to_js()
}

/// The selection with an `error` member: the `detail` of `swiss-checkout:error`.
pub fn failure_to_js(selection: &Selection, failure: &RequestFailure) -> JsValue {
    let detail = selection_to_js(selection);
    let error = failure.to_js();
    let _ = js_sys::Reflect::set(&detail, &JsValue::from_str("error"), &error);
    detail
}

fn dispatch(element: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}

type Listeners = Rc<RefCell<Vec<(String, js_sys::Function)>>>;

fn notify(listeners: &Listeners, event: &str, detail: &JsValue) {
    // Copied out first: a listener may call `on` or `destroy`.
    let callbacks: Vec<js_sys::Function> =
        listeners.borrow().iter().filter(|(name, _)| name == event).map(|(_, f)| f.clone()).collect();
    for callback in callbacks {
        let _ = callback.call1(&JsValue::NULL, detail);
    }
}

/// A mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct Embedded {
    handle: WidgetHandle,
    /// The parts shown, which decide when the selection is complete.
    parts: Parts,
    listeners: Listeners,
    /// Dropping it removes the widget's nodes and disposes its effects.
    mounted: Option<Box<dyn std::any::Any>>,
}

/// Renders the widget into `element` with `options` (`{proxy, lang, namePrefix, publishableKey, firstName,
/// lastName, email, leafletBase, tiles}`).
#[wasm_bindgen(js_name = mount)]
pub fn mount_element(element: web_sys::HtmlElement, options: JsValue) -> Result<Embedded, JsValue> {
    let options: Options = crate::json::options(&options)?;
    let (config, mut start, collect) = options.into_config();
    let parts = config.parts.compiled();
    // A part that is not shown cannot hold a choice.
    if !parts.delivery {
        start.delivery = None;
    }
    if !parts.pickup {
        start.pickup = None;
    }
    let handle = WidgetHandle::starting_with(config.lang, start);
    if collect && parts.pickup {
        handle.collect.set(true);
    }
    let listeners: Listeners = Rc::default();
    let emit_to = listeners.clone();
    let (target, told) = (element.clone(), element.clone());
    let _ = &told;
    let (failed_at, notify_failure) = (element.clone(), listeners.clone());
    let mounted = leptos::mount::mount_to(element, move || {
        Effect::new(move |previous: Option<(bool, Selection)>| {
            let selection = handle.selection();
            let complete = is_complete(&selection, parts, handle.collect.get());
            // The first run only takes note, and so does a run that changed nothing (a part writing back
            // the same selection).
            if let Some((was_complete, before)) = previous
                && before != selection
            {
                let detail = selection_to_js(&selection);
                dispatch(&target, CHANGE_EVENT, &detail);
                notify(&emit_to, "change", &detail);
                if complete && !was_complete {
                    dispatch(&target, COMPLETE_EVENT, &detail);
                    notify(&emit_to, "complete", &detail);
                }
            }
            (complete, selection)
        });
        #[cfg(feature = "connector")]
        Effect::new(move |first: Option<()>| {
            // Only what the widget learned itself (never the page's own typing, which it was told).
            let _ = handle.shopper.learned.get();
            if first.is_some() {
                let shopper = handle.shopper;
                let detail = js_sys::Object::new();
                for (key, value) in [
                    ("firstName", shopper.first_name.get_untracked()),
                    ("lastName", shopper.last_name.get_untracked()),
                    ("email", shopper.email.get_untracked()),
                ] {
                    let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), &JsValue::from_str(&value));
                }
                dispatch(&told, SHOPPER_EVENT, &detail);
            }
        });
        Effect::new(move |_| {
            if let Some(failure) = handle.failure.get() {
                let detail = failure_to_js(&handle.selection_untracked(), &failure);
                dispatch(&failed_at, ERROR_EVENT, &detail);
                notify(&notify_failure, "error", &detail);
            }
        });
        handle.render(config)
    });
    Ok(Embedded { handle, parts, listeners, mounted: Some(Box::new(mounted)) })
}

#[wasm_bindgen]
impl Embedded {
    /// The selection now, as plain JSON.
    pub fn value(&self) -> JsValue {
        selection_to_js(&self.handle.selection_untracked())
    }

    /// "" when the selection is complete; else what is missing, in the widget's language, for the form's
    /// validation message.
    pub fn missing(&self) -> String {
        if is_complete(&self.handle.selection_untracked(), self.parts, self.handle.collect.get_untracked()) {
            return String::new();
        }
        let strings = self.handle.lang.get_untracked().strings();
        let message = if self.parts.delivery { strings.missing_delivery } else { strings.missing_address };
        message.to_owned()
    }

    /// Whether the shopper collects at a pickup point (shown chosen, with or without a point yet).
    pub fn collecting(&self) -> bool {
        self.handle.collect.get_untracked()
    }

    /// Calls `callback(detail)` on "change", "complete" or "error".
    pub fn on(&self, event: String, callback: js_sys::Function) {
        self.listeners.borrow_mut().push((event, callback));
    }

    /// Switches the language ("de", "fr", "it", "en") once its texts are here; what the shopper entered stays.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, tag: &str) {
        if let Some(lang) = Lang::from_tag(tag).filter(|lang| lang.is_loaded())
            && self.handle.lang.try_get_untracked() != Some(lang)
        {
            self.handle.lang.set(lang);
        }
    }

    /// What the page knows of the shopper now (its own form's name and e-mail fields, live): the pickup part
    /// asks only for what is still missing, and asks Swiss Post again for the user id when it changes.
    #[wasm_bindgen(js_name = setShopper)]
    pub fn set_shopper(&self, first_name: &str, last_name: &str, email: &str) {
        self.handle.shopper.set(first_name, last_name, email);
    }

    /// Removes everything the widget added to the element, and its listeners.
    pub fn destroy(&mut self) {
        self.listeners.borrow_mut().clear();
        self.mounted = None;
    }
}

impl Embedded {
    /// The signals behind the handle, for Rust hosts and tests.
    pub fn handle(&self) -> WidgetHandle {
        self.handle
    }
}
