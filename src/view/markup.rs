//! Markup written as text: the one escaper every writer of the view uses (data strings are text,
//! never markup), and a small builder for HTML.

/// Escapes text for markup: data strings are text, never markup.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// HTML built as a string: `raw` for the writer's own markup, `text` for anything else.
pub struct Html(pub String);

impl Html {
    pub fn new() -> Html {
        Html(String::new())
    }
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(s, &mut self.0);
        self
    }
    /// `<tag class="…">text</tag>`.
    pub fn el(&mut self, tag: &str, class: &str, text: &str) -> &mut Self {
        self.raw("<").raw(tag);
        if !class.is_empty() {
            self.raw(" class=\"").raw(class).raw("\"");
        }
        self.raw(">").text(text).raw("</").raw(tag).raw(">")
    }
}

impl Default for Html {
    fn default() -> Self {
        Html::new()
    }
}
