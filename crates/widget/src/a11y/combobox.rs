//! An editable combobox with list autocomplete (WAI-ARIA 1.2, the APG "list autocomplete" pattern).
//!
//! The input keeps focus; the options are `role=option` children of a `role=listbox`, and the one the
//! keyboard is on is named by `aria-activedescendant`. Keys: Down and Up move (and open), Alt+Down
//! opens, Home and End jump while the list is open, Enter and Tab accept, Escape closes. What the shopper
//! typed is never cleared by the combobox: the text belongs to the caller.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::{Move, step_active};

/// How long the status must stay unchanged before screen readers hear it, so that fast typing does not
/// cut announcements off mid-sentence.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(450);

#[component]
pub fn Combobox(
    /// Id of the input; the listbox, options and status derive theirs from it.
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] hint: Signal<&'static str>,
    #[prop(into)] listbox_label: Signal<&'static str>,
    /// The HTML `autocomplete` token, so the browser's own autofill still works.
    autocomplete: &'static str,
    /// The input's text, owned by the caller.
    text: RwSignal<String>,
    /// Labels of the current suggestions.
    #[prop(into)]
    options: Signal<Vec<String>>,
    /// True while a lookup runs.
    #[prop(into)]
    busy: Signal<bool>,
    /// What the list currently means ("8 suggestions", "no results", "failed"), shown and announced.
    #[prop(into)]
    status: Signal<String>,
    /// The shopper typed: the new text.
    on_type: Callback<String>,
    /// The shopper accepted option `index`.
    on_choose: Callback<usize>,
    /// The shopper left the field after typing in it (the input's `change` event).
    #[prop(optional)]
    on_commit: Option<Callback<()>>,
) -> impl IntoView {
    let listbox_id = format!("{id}-listbox");
    let hint_id = format!("{id}-hint");
    let status_id = format!("{id}-status");
    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-option-{i}")
    };

    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let expanded = move || open.get() && !options.with(Vec::is_empty);

    // A new list starts with no active option.
    Effect::new(move |_| {
        options.track();
        active.set(None);
    });

    // The live region repeats the status once it has settled.
    let announced = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let message = status.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(move || announced.set(message), ANNOUNCE_AFTER).ok());
    });

    let choose = move |i: usize| {
        open.set(false);
        active.set(None);
        on_choose.run(i);
    };

    let on_keydown = move |event: ev::KeyboardEvent| {
        let len = options.with(Vec::len);
        let step = |mv: Move| active.set(step_active(active.get(), len, mv));
        match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                if event.alt_key() {
                    open.set(true);
                } else if !open.get() {
                    open.set(true);
                    step(Move::First);
                } else {
                    step(Move::Next);
                }
            }
            "ArrowUp" => {
                event.prevent_default();
                if !open.get() {
                    open.set(true);
                }
                step(Move::Previous);
            }
            "Home" if expanded() && active.get().is_some() => {
                event.prevent_default();
                step(Move::First);
            }
            "End" if expanded() && active.get().is_some() => {
                event.prevent_default();
                step(Move::Last);
            }
            "Enter" => {
                if let (true, Some(i)) = (expanded(), active.get()) {
                    // Accepting a suggestion must not submit the shop's form.
                    event.prevent_default();
                    choose(i);
                }
            }
            "Tab" => {
                if let (true, Some(i)) = (expanded(), active.get()) {
                    choose(i);
                }
            }
            "Escape" if expanded() => {
                event.prevent_default();
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };

    let active_descendant = {
        let option_id = option_id.clone();
        move || if expanded() { active.get().map(&option_id) } else { None }
    };

    view! {
        <div class="sc-combobox">
            <label class="sc-label" for=id.clone()>{move || label.get()}</label>
            <p class="sc-hint" id=hint_id.clone()>{move || hint.get()}</p>
            <div class="sc-combobox-field">
                <input
                    id=id.clone()
                    class="sc-input"
                    type="text"
                    role="combobox"
                    autocomplete=autocomplete
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=listbox_id.clone()
                    aria-expanded=move || if expanded() { "true" } else { "false" }
                    aria-activedescendant=active_descendant
                    aria-describedby=format!("{hint_id} {status_id}")
                    aria-busy=move || if busy.get() { "true" } else { "false" }
                    prop:value=move || text.get()
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        text.set(value.clone());
                        open.set(true);
                        on_type.run(value);
                    }
                    on:keydown=on_keydown
                    on:blur=move |_| open.set(false)
                    on:change=move |_| {
                        if let Some(commit) = on_commit {
                            commit.run(());
                        }
                    }
                />
                <span class="sc-spinner" aria-hidden="true" class:sc-visible=move || busy.get()></span>
            </div>
            <ul
                id=listbox_id.clone()
                class="sc-listbox"
                role="listbox"
                aria-label=move || listbox_label.get()
                hidden=move || !expanded()
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, option_label)| {
                            view! {
                                <li
                                    id=option_id(i)
                                    class="sc-option"
                                    role="option"
                                    aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                    // Keep focus in the input while the pointer presses an option.
                                    on:mousedown=|event: ev::MouseEvent| event.prevent_default()
                                    on:click=move |_| choose(i)
                                >
                                    {option_label}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="sc-status" id=status_id.clone() aria-hidden="true">{move || status.get()}</p>
            <div class="sc-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || announced.get()}
            </div>
        </div>
    }
}
