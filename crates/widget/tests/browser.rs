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
