//! The widget mounted in a real browser (wasm-bindgen-test in headless Chromium): roles, names and
//! relations that assistive technology reads, and the manual-entry path when the proxy cannot be reached.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, HtmlElement, HtmlInputElement};
use widget::{Lang, WidgetConfig};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, duration.as_millis() as i32);
    });
    let _ = JsFuture::from(promise).await;
}

/// Mounts a widget into a fresh container and returns the container.
fn mount(config: WidgetConfig) -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    widget::mount(container.clone(), config);
    container
}

fn combobox(container: &HtmlElement) -> HtmlInputElement {
    container.query_selector("[role=combobox]").unwrap().expect("a combobox").dyn_into().unwrap()
}

/// Text of the `<label>` whose `for` names `input`.
fn label_of(input: &HtmlInputElement) -> String {
    let selector = format!("label[for=\"{}\"]", input.id());
    document().query_selector(&selector).unwrap().and_then(|l| l.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
fn combobox_has_its_label_relations_and_starts_collapsed() {
    let container = mount(WidgetConfig { lang: Lang::Fr, ..Default::default() });
    let input = combobox(&container);
    assert_eq!(label_of(&input), "NPA ou localité");
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(input.get_attribute("aria-autocomplete").as_deref(), Some("list"));
    let listbox_id = input.get_attribute("aria-controls").expect("aria-controls");
    let listbox = document().get_element_by_id(&listbox_id).expect("the controlled listbox exists");
    assert_eq!(listbox.get_attribute("role").as_deref(), Some("listbox"));
    for described in input.get_attribute("aria-describedby").unwrap_or_default().split_whitespace() {
        assert!(document().get_element_by_id(described).is_some(), "{described} exists");
    }
    assert_eq!(
        container.query_selector("[lang]").unwrap().and_then(|e| e.get_attribute("lang")).as_deref(),
        Some("fr-CH")
    );
}

#[wasm_bindgen_test]
fn two_widgets_on_one_page_have_distinct_ids() {
    let a = combobox(&mount(WidgetConfig::default()));
    let b = combobox(&mount(WidgetConfig::default()));
    assert_ne!(a.id(), b.id());
    assert_ne!(a.get_attribute("aria-controls"), b.get_attribute("aria-controls"));
}

#[wasm_bindgen_test]
async fn unreachable_proxy_keeps_the_text_and_offers_manual_entry() {
    // Port 9 on loopback: nothing listens, the fetch fails at once.
    let container = mount(WidgetConfig { proxy: "http://127.0.0.1:9".into(), ..Default::default() });
    let input = combobox(&container);
    input.set_value("3011 Ber");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();

    let mut status = String::new();
    for _ in 0..50 {
        sleep(Duration::from_millis(100)).await;
        status = container.query_selector(".sc-status").unwrap().and_then(|e| e.text_content()).unwrap_or_default();
        if status.contains("not available") {
            break;
        }
    }
    assert!(status.contains("You can type it yourself"), "status: {status:?}");
    assert_eq!(input.value(), "3011 Ber");
    assert_eq!(input.get_attribute("aria-busy").as_deref(), Some("false"));
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("false"));
}

/// `Reflect.get` along a path of a plain JavaScript object.
fn field(value: &wasm_bindgen::JsValue, path: &[&str]) -> wasm_bindgen::JsValue {
    path.iter().fold(value.clone(), |v, key| js_sys::Reflect::get(&v, &(*key).into()).unwrap_or_default())
}

#[wasm_bindgen_test]
async fn the_js_api_sends_events_with_the_selection_and_destroy_removes_everything() {
    use leptos::prelude::{Set, Update};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    let container: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let options = js_sys::JSON::parse(r#"{"lang": "de", "namePrefix": "sc_", "tiles": ""}"#).unwrap();
    let mut embedded = widget::embed::mount_element(container.clone(), options).unwrap();
    assert!(container.query_selector("[role=combobox]").unwrap().is_some(), "the widget is in the element");
    // Effects take their first run on the next tick: what is there then is the starting point.
    sleep(Duration::from_millis(20)).await;

    // Events bubble to the document; `on` callbacks get the same detail.
    let bubbled: Rc<RefCell<Vec<wasm_bindgen::JsValue>>> = Rc::default();
    let record = bubbled.clone();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
        record.borrow_mut().push(event.detail())
    });
    document()
        .add_event_listener_with_callback(widget::embed::CHANGE_EVENT, listener.as_ref().unchecked_ref())
        .unwrap();
    let called: Rc<RefCell<u32>> = Rc::default();
    let count = called.clone();
    let callback = Closure::<dyn Fn(wasm_bindgen::JsValue)>::new(move |_| *count.borrow_mut() += 1);
    embedded.on("change".into(), callback.as_ref().unchecked_ref::<js_sys::Function>().clone());

    // Collecting at a chosen pickup point with the shopper's user id: a change, and the selection is complete
    // (the point posts only while the shopper collects).
    let completed: Rc<RefCell<u32>> = Rc::default();
    let complete_count = completed.clone();
    let on_complete = Closure::<dyn Fn(wasm_bindgen::JsValue)>::new(move |_| *complete_count.borrow_mut() += 1);
    embedded.on("complete".into(), on_complete.as_ref().unchecked_ref::<js_sys::Function>().clone());
    embedded.handle().collect.set(true);
    embedded.handle().pickup.set(Some(api::PickupSelection {
        point_id: "001MP24_001202506".into(),
        kind: api::PickupKind::MyPost24,
        name: "My Post 24 9000 St. Gallen Bahnhof".into(),
        address: api::AddressSelection {
            postcode: "9000".into(),
            town: "St. Gallen".into(),
            street: "Bahnhofplatz".into(),
            house_number: String::new(),
            verified: true,
            quality: None,
        },
        user: Some(api::PickupUser {
            id: "PT149062".into(),
            verified: api::IdentityCheck::None,
            name2: "MyPost24 PT149062".into(),
        }),
        product: None,
        price_centimes: None,
        ready_on: None,
    }));
    sleep(Duration::from_millis(50)).await;
    let detail = bubbled.borrow().last().cloned().expect("a change event reached the document");
    assert_eq!(field(&detail, &["pickup", "user", "name2"]).as_string().as_deref(), Some("MyPost24 PT149062"));
    assert_eq!(field(&detail, &["pickup", "kind"]).as_string().as_deref(), Some("mypost24"));
    assert!(*called.borrow() >= 1, "the on('change') callback ran");
    assert_eq!(*completed.borrow(), 1, "one complete event");
    assert_eq!(field(&embedded.value(), &["pickup", "address", "town"]).as_string().as_deref(), Some("St. Gallen"));
    embedded.set_lang("fr");
    sleep(Duration::from_millis(20)).await;
    assert_eq!(label_of(&combobox(&container)), "NPA ou localité");

    embedded.destroy();
    assert_eq!(container.child_element_count(), 0, "destroy removed what the widget added");
    let events_before = bubbled.borrow().len();
    embedded.handle().pickup.update(|p| p.as_mut().expect("chosen").name = "changed".into());
    sleep(Duration::from_millis(20)).await;
    assert_eq!(bubbled.borrow().len(), events_before, "no event after destroy");
    document()
        .remove_event_listener_with_callback(widget::embed::CHANGE_EVENT, listener.as_ref().unchecked_ref())
        .unwrap();
}
