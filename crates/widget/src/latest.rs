//! One helper for every lookup the widget makes: "debounce, latest answer wins". Each request takes a
//! ticket; a newer request, or forgetting (the input changed), makes every earlier answer stale, and a stale
//! answer is dropped instead of replacing a newer one. A request may wait for a pause in typing first; a
//! newer one cancels it. An answer that arrives after the widget is gone is dropped too.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug)]
pub struct Latest {
    ticket: StoredValue<u32>,
    /// A request waiting for its pause to end.
    waiting: StoredValue<Option<TimeoutHandle>>,
}

impl Latest {
    pub fn new() -> Self {
        Self { ticket: StoredValue::new(0), waiting: StoredValue::new(None) }
    }

    /// Makes every request so far stale: a waiting one never starts, and answers are dropped.
    pub fn forget(self) {
        if let Some(Some(waiting)) = self.waiting.try_update_value(Option::take) {
            waiting.clear();
        }
        self.ticket.try_update_value(|ticket| *ticket = ticket.wrapping_add(1));
    }

    /// Runs `lookup` in the background and hands its answer to `apply`, unless a later request began (or
    /// [`Latest::forget`] was called) meanwhile.
    pub fn spawn<T: 'static>(self, lookup: impl Future<Output = T> + 'static, apply: impl FnOnce(T) + 'static) {
        self.forget();
        let ticket = self.ticket.try_get_value();
        leptos::task::spawn_local(async move {
            let answer = lookup.await;
            if ticket.is_some() && self.ticket.try_get_value() == ticket {
                apply(answer);
            }
        });
    }

    /// As [`Latest::spawn`], after `pause` without a newer request (the shopper stopped typing).
    pub fn spawn_after<T: 'static, F: Future<Output = T> + 'static>(
        self,
        pause: Duration,
        lookup: impl FnOnce() -> F + 'static,
        apply: impl FnOnce(T) + 'static,
    ) {
        self.forget();
        let waiting = set_timeout_with_handle(move || self.spawn(lookup(), apply), pause).ok();
        self.waiting.try_set_value(waiting);
    }
}

impl Default for Latest {
    fn default() -> Self {
        Self::new()
    }
}
