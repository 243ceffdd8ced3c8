//! One helper for every lookup the widget makes: only the answer to the latest request counts. Each request
//! takes a ticket; a newer request, or forgetting (the input changed), makes every earlier answer stale, and a
//! stale answer is dropped instead of replacing a newer one. An answer that arrives after the widget is gone
//! is dropped too.

use std::future::Future;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug)]
pub struct Latest(StoredValue<u32>);

impl Latest {
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// Makes every request so far stale: their answers will be dropped.
    pub fn forget(self) {
        self.0.try_update_value(|ticket| *ticket = ticket.wrapping_add(1));
    }

    /// Runs `lookup` in the background and hands its answer to `apply`, unless a later request began (or
    /// [`Latest::forget`] was called) meanwhile.
    pub fn spawn<T: 'static>(self, lookup: impl Future<Output = T> + 'static, apply: impl FnOnce(T) + 'static) {
        self.forget();
        let ticket = self.0.try_get_value();
        leptos::task::spawn_local(async move {
            let answer = lookup.await;
            if ticket.is_some() && self.0.try_get_value() == ticket {
                apply(answer);
            }
        });
    }
}

impl Default for Latest {
    fn default() -> Self {
        Self::new()
    }
}
