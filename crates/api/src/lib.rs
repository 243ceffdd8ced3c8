//! The public JSON contract of the swiss-checkout proxy.
//!
//! Every body the proxy sends to the browser, and every query it accepts from it, is a type in this crate.
//! The widget (wasm32) and the proxy (native) both depend on it, so the two sides cannot drift apart.
//! The types are plain data: no behaviour beyond small constructors, no dependency but `serde`, so the
//! crate adds nothing to the wasm bundle that the widget does not use.

use serde::{Deserialize, Serialize};

/// Path prefix of every route the browser calls.
pub const API_PREFIX: &str = "/v1";

/// `GET /v1/localities`: the path of postcode/locality suggestions.
pub const LOCALITIES_PATH: &str = "/v1/localities";

/// Query of `GET /v1/localities`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalitiesQuery {
    /// What the shopper typed: the beginning of a postcode ("301") or of a town ("zuri").
    pub q: String,
}

/// Bounds of [`LocalitiesQuery::q`], checked by the proxy (400 problem+json naming the field `q`).
pub const LOCALITY_QUERY_MAX_CHARS: usize = 40;

/// One postcode/locality suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locality {
    /// Four-digit Swiss (or Liechtenstein) postcode, e.g. "3011".
    pub postcode: String,
    /// The locality's official name, e.g. "Bern", "Biel/Bienne".
    pub town: String,
}

impl Locality {
    /// How the pair is shown and stored: "3011 Bern".
    pub fn label(&self) -> String {
        format!("{} {}", self.postcode, self.town)
    }
}

/// Answer of `GET /v1/localities`. An empty list means "nothing known": the shopper types by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalitiesResponse {
    pub localities: Vec<Locality>,
}

/// The media type of [`Problem`] bodies.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An error as RFC 9457 `application/problem+json`.
///
/// `type` is a stable URI naming the kind of problem; the widget branches on it (and on `status`), never
/// on `title` or `detail`, which are for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For invalid input: the query parameter or body field that was wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// When true the widget should let the shopper go on by typing the address by hand.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub manual_entry: bool,
}

/// The `type` URIs of [`Problem`].
pub mod problem_type {
    pub const INVALID_PARAMETER: &str = "https://swiss-checkout.dev/problems/invalid-parameter";
    pub const NOT_FOUND: &str = "https://swiss-checkout.dev/problems/not-found";
    pub const UPSTREAM_UNAVAILABLE: &str = "https://swiss-checkout.dev/problems/upstream-unavailable";
    pub const UPSTREAM_ERROR: &str = "https://swiss-checkout.dev/problems/upstream-error";
    pub const FORBIDDEN_ORIGIN: &str = "https://swiss-checkout.dev/problems/forbidden-origin";
}

/// Answer of `GET /healthz`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    /// True when the proxy talks to its embedded sandbox instead of Swiss Post.
    pub sandbox: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serialises_with_rfc9457_names_and_omits_empty_members() {
        let problem = Problem {
            kind: problem_type::INVALID_PARAMETER.into(),
            title: "Invalid parameter".into(),
            status: 400,
            detail: None,
            field: Some("q".into()),
            manual_entry: false,
        };
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], problem_type::INVALID_PARAMETER);
        assert_eq!(json["status"], 400);
        assert_eq!(json["field"], "q");
        assert!(json.get("detail").is_none());
        assert!(json.get("manual_entry").is_none());
    }

    #[test]
    fn locality_label_is_postcode_then_town() {
        let l = Locality { postcode: "2502".into(), town: "Biel/Bienne".into() };
        assert_eq!(l.label(), "2502 Biel/Bienne");
    }
}
