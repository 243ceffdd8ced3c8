//! Text as it may stand in the sandbox's HTML pages (its own page, the sign-in and consent pages).

/// Text (a Host header, a name, a form value) as it may stand in HTML, also in an attribute value.
pub fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            other => other.to_string(),
        })
        .collect()
}
