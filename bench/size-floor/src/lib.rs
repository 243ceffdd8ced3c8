//! A text field, a counter button and a list: signals, effects, events, `Show` and a keyed list, mounted
//! into an element, with nothing else.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[component]
fn Floor() -> impl IntoView {
    let count = RwSignal::new(0);
    let text = RwSignal::new(String::new());
    view! {
        <label>"Name" <input prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e)) /></label>
        <button on:click=move |_| count.update(|c| *c += 1)>{move || count.get()}</button>
        <Show when=move || { count.get() > 2 }><p>{move || text.get()}</p></Show>
        <ul>{move || (0..count.get()).map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
    }
}

#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement) {
    leptos::mount::mount_to(element, Floor).forget();
}
