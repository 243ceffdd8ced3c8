//! Accessibility building blocks written once and shared by every widget part: the WAI-ARIA 1.2
//! combobox with a listbox popup, and the keyboard logic behind its active descendant.

mod combobox;

pub use combobox::Combobox;

use std::sync::atomic::{AtomicUsize, Ordering};

/// A document-unique id prefix ("swiss-checkout-3-locality"), so several widgets on one page never share
/// the ids that `aria-controls`, `aria-activedescendant` and `<label for>` point at.
pub fn unique_id(part: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    format!("swiss-checkout-{}-{part}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The `form` attribute of the widget's own radio buttons: the id of no form, so that they group by name but
/// never post with the shop's form (the hidden fields carry the selection, named with the shop's prefix).
pub const NO_FORM: &str = "swiss-checkout-no-form";

/// A key that moves the active option of an open listbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    First,
    Last,
}

impl Move {
    /// The move a key makes in a listbox: arrows step, Home and End jump.
    pub fn from_key(key: &str) -> Option<Move> {
        match key {
            "ArrowDown" => Some(Move::Next),
            "ArrowUp" => Some(Move::Previous),
            "Home" => Some(Move::First),
            "End" => Some(Move::Last),
            _ => None,
        }
    }
}

/// The active option after `step` in a list of `len` options; Down and Up wrap around, and with no
/// active option Down starts at the first and Up at the last.
pub fn step_active(active: Option<usize>, len: usize, step: Move) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (step, active) {
        (Move::First, _) | (Move::Next, None) => 0,
        (Move::Last, _) | (Move::Previous, None) => len - 1,
        (Move::Next, Some(i)) => (i + 1) % len,
        (Move::Previous, Some(i)) => (i + len - 1) % len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn down_and_up_wrap_home_and_end_jump() {
        assert_eq!(step_active(None, 3, Move::Next), Some(0));
        assert_eq!(step_active(Some(0), 3, Move::Next), Some(1));
        assert_eq!(step_active(Some(2), 3, Move::Next), Some(0));
        assert_eq!(step_active(None, 3, Move::Previous), Some(2));
        assert_eq!(step_active(Some(0), 3, Move::Previous), Some(2));
        assert_eq!(step_active(Some(1), 3, Move::First), Some(0));
        assert_eq!(step_active(Some(1), 3, Move::Last), Some(2));
        assert_eq!(step_active(Some(1), 0, Move::Next), None);
    }

    #[test]
    fn ids_are_unique() {
        assert_ne!(unique_id("x"), unique_id("x"));
    }
}
