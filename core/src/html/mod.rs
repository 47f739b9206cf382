//! Allow-list HTML sanitizer.
//!
//! Content from the CMS arrives as HTML strings (contract `{"type":"html"}`
//! blocks, WordPress `content.rendered`). It is never injected as
//! `innerHTML`. Instead [`sanitize`] has a real HTML parser build the tree, walks it
//! ([`Walk`]) into a small typed tree of [`Node`]s restricted to the [`Tag`] and
//! [`Attr`] allow-lists, and the app renders that tree with its own element
//! constructors. Whatever the input, nothing outside the allow-list can reach
//! the DOM, and every URL attribute has been checked against a scheme
//! allow-list (`http:`, `https:`, `mailto:` for links, and relative URLs).
//!
//! The parser is the platform's: html5ever natively (`native.rs`), the browser's own
//! `DOMParser` in the app (`src/html.rs`, handed to [`set_parser`] at start). The walk is
//! iterative and caps element nesting at [`MAX_DEPTH`] by flattening deeper markup into its
//! text, so the resulting tree is shallow enough for recursive `Drop`, `Clone` and serde.
//!
//! A file a job: `depth` (hostile nesting taken out before parsing), `walk` (the allow-list
//! walk), `attrs` (the attribute allow-list and the URL rules), `native` and `entities`
//! (html5ever, and character references outside markup), `tests`. Why:
//! docs/decisions/0003-the-platforms-html-parser.md.

use serde::{Deserialize, Serialize};

/// Deepest element nesting [`sanitize`] produces; deeper tags are unwrapped.
const MAX_DEPTH: usize = 64;
/// Longest attribute value kept, in chars.
const MAX_ATTR_CHARS: usize = 2048;

/// An allowed element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tag {
    /// `<p>` paragraph.
    P,
    /// `<h2>` heading (also what `<h1>` becomes).
    H2,
    /// `<h3>` heading.
    H3,
    /// `<h4>` heading (also what `<h5>` and `<h6>` become).
    H4,
    /// `<strong>`.
    Strong,
    /// `<em>`.
    Em,
    /// `<b>`.
    B,
    /// `<i>`.
    I,
    /// `<u>` (also what `<ins>` becomes).
    U,
    /// `<s>` (also what `<del>` and `<strike>` become).
    S,
    /// `<sub>`.
    Sub,
    /// `<sup>`.
    Sup,
    /// `<small>`.
    Small,
    /// `<code>`.
    Code,
    /// `<pre>`.
    Pre,
    /// `<br>` (void).
    Br,
    /// `<hr>` (void).
    Hr,
    /// `<a>`; always carries a checked `href`.
    A,
    /// `<ul>`.
    Ul,
    /// `<ol>`.
    Ol,
    /// `<li>`.
    Li,
    /// `<blockquote>`.
    Blockquote,
    /// `<cite>`.
    Cite,
    /// `<figure>`.
    Figure,
    /// `<figcaption>`.
    Figcaption,
    /// `<img>` (void); always carries a checked `src`.
    Img,
    /// `<table>`.
    Table,
    /// `<caption>`.
    Caption,
    /// `<thead>`.
    Thead,
    /// `<tbody>`.
    Tbody,
    /// `<tfoot>`.
    Tfoot,
    /// `<tr>`.
    Tr,
    /// `<th>`.
    Th,
    /// `<td>`.
    Td,
}

/// A sanitized node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// Decoded text (no entities left; render it as a text node).
    Text(String),
    /// An allowed element with its allowed, checked attributes.
    Element {
        /// Which element.
        tag: Tag,
        /// Attributes, each at most once, in [`Attr`] declaration order.
        attrs: Vec<(Attr, String)>,
        /// Child nodes; adjacent text is always merged into one node.
        children: Vec<Node>,
    },
}

/// An allowed attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attr {
    /// `href` on `<a>`: a checked `http(s):`, `mailto:` or relative URL.
    Href,
    /// `rel` on `<a>`; forced to `noopener noreferrer` for absolute links.
    Rel,
    /// `target` on `<a>`; only ever `_blank`.
    Target,
    /// `src` on `<img>`: a checked `http(s):` or relative URL.
    Src,
    /// `alt` on `<img>`.
    Alt,
    /// `width` on `<img>`: an integer in 1..=10000.
    Width,
    /// `height` on `<img>`: an integer in 1..=10000.
    Height,
    /// `title`, on any element.
    Title,
    /// `colspan` on `<th>`/`<td>`: an integer in 1..=10000.
    Colspan,
    /// `rowspan` on `<th>`/`<td>`: an integer in 1..=10000.
    Rowspan,
    /// `srcset` on `<img>`: every candidate URL checked like `src`.
    Srcset,
    /// `sizes` on `<img>`.
    Sizes,
}

impl Tag {
    /// The element's lower-case HTML name: `"p"`, `"h2"`, ...
    pub fn name(self) -> &'static str {
        match self {
            Tag::P => "p",
            Tag::H2 => "h2",
            Tag::H3 => "h3",
            Tag::H4 => "h4",
            Tag::Strong => "strong",
            Tag::Em => "em",
            Tag::B => "b",
            Tag::I => "i",
            Tag::U => "u",
            Tag::S => "s",
            Tag::Sub => "sub",
            Tag::Sup => "sup",
            Tag::Small => "small",
            Tag::Code => "code",
            Tag::Pre => "pre",
            Tag::Br => "br",
            Tag::Hr => "hr",
            Tag::A => "a",
            Tag::Ul => "ul",
            Tag::Ol => "ol",
            Tag::Li => "li",
            Tag::Blockquote => "blockquote",
            Tag::Cite => "cite",
            Tag::Figure => "figure",
            Tag::Figcaption => "figcaption",
            Tag::Img => "img",
            Tag::Table => "table",
            Tag::Caption => "caption",
            Tag::Thead => "thead",
            Tag::Tbody => "tbody",
            Tag::Tfoot => "tfoot",
            Tag::Tr => "tr",
            Tag::Th => "th",
            Tag::Td => "td",
        }
    }

    /// The allowed tag a lower-case source tag name maps to, if any.
    fn from_name(name: &str) -> Option<Tag> {
        Some(match name {
            "p" => Tag::P,
            "h1" | "h2" => Tag::H2,
            "h3" => Tag::H3,
            "h4" | "h5" | "h6" => Tag::H4,
            "strong" => Tag::Strong,
            "em" => Tag::Em,
            "b" => Tag::B,
            "i" => Tag::I,
            "u" | "ins" => Tag::U,
            "s" | "del" | "strike" => Tag::S,
            "sub" => Tag::Sub,
            "sup" => Tag::Sup,
            "small" => Tag::Small,
            "code" => Tag::Code,
            "pre" => Tag::Pre,
            "br" => Tag::Br,
            "hr" => Tag::Hr,
            "a" => Tag::A,
            "ul" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "blockquote" => Tag::Blockquote,
            "cite" => Tag::Cite,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "img" => Tag::Img,
            "table" => Tag::Table,
            "caption" => Tag::Caption,
            "thead" => Tag::Thead,
            "tbody" => Tag::Tbody,
            "tfoot" => Tag::Tfoot,
            "tr" => Tag::Tr,
            "th" => Tag::Th,
            "td" => Tag::Td,
            _ => return None,
        })
    }

    /// Elements that never have children.
    fn is_void(self) -> bool {
        matches!(self, Tag::Br | Tag::Hr | Tag::Img)
    }

    /// Elements kept even when they end up with no children.
    fn keep_when_empty(self) -> bool {
        matches!(self, Tag::Br | Tag::Hr | Tag::Img | Tag::Td | Tag::Th)
    }

    /// Block-level elements: they separate words in [`text_of`], and
    /// whitespace-only text between them is insignificant.
    fn is_block(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::Pre
                | Tag::Hr
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Blockquote
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Table
                | Tag::Caption
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Th
                | Tag::Td
        )
    }

    /// Containers in which text is meaningless, so whitespace-only text is
    /// always dropped.
    fn is_structural(self) -> bool {
        matches!(
            self,
            Tag::Ul | Tag::Ol | Tag::Table | Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Tr
        )
    }

    /// Containers of block content, where whitespace-only text between
    /// blocks is insignificant.
    fn is_flow_container(self) -> bool {
        matches!(
            self,
            Tag::Li | Tag::Blockquote | Tag::Figure | Tag::Td | Tag::Th | Tag::Caption
        )
    }

    fn is_heading(self) -> bool {
        matches!(self, Tag::H2 | Tag::H3 | Tag::H4)
    }

    /// Whether this start tag implicitly closes an open `<p>`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Blockquote
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Table
                | Tag::Pre
                | Tag::Hr
        )
    }

    /// Whether `attr` may appear on this element.
    fn allows(self, attr: Attr) -> bool {
        match attr {
            Attr::Title => true,
            Attr::Href | Attr::Rel | Attr::Target => self == Tag::A,
            Attr::Src | Attr::Alt | Attr::Width | Attr::Height | Attr::Srcset | Attr::Sizes => {
                self == Tag::Img
            }
            Attr::Colspan | Attr::Rowspan => matches!(self, Tag::Th | Tag::Td),
        }
    }
}

impl Attr {
    /// The attribute's lower-case HTML name: `"href"`, `"src"`, ...
    pub fn name(self) -> &'static str {
        match self {
            Attr::Href => "href",
            Attr::Rel => "rel",
            Attr::Target => "target",
            Attr::Src => "src",
            Attr::Alt => "alt",
            Attr::Width => "width",
            Attr::Height => "height",
            Attr::Title => "title",
            Attr::Colspan => "colspan",
            Attr::Rowspan => "rowspan",
            Attr::Srcset => "srcset",
            Attr::Sizes => "sizes",
        }
    }

    const ALL: [Attr; 12] = [
        Attr::Href,
        Attr::Rel,
        Attr::Target,
        Attr::Src,
        Attr::Alt,
        Attr::Width,
        Attr::Height,
        Attr::Title,
        Attr::Colspan,
        Attr::Rowspan,
        Attr::Srcset,
        Attr::Sizes,
    ];
}

/// Parses `html` into allow-listed nodes.
///
/// Disallowed wrappers (`div`, `span`, unknown tags, ...) are unwrapped;
/// dangerous elements (`script`, `style`, `iframe`, `svg`, `form`, ...) are
/// dropped with their content; attributes are limited to [`Attr`] on sensible
/// tags, and URLs are restricted to safe schemes. Never panics.
pub fn sanitize(html: &str) -> Vec<Node> {
    let mut walk = Walk::default();
    parser()(&depth::cap_depth(html), &mut walk);
    walk.finish()
}

/// An HTML parser: parses `html` as the content of a `<body>` and walks the tree it built
/// through `walk`, in document order.
pub type Parser = fn(html: &str, walk: &mut Walk);

#[cfg(not(target_arch = "wasm32"))]
fn parser() -> Parser {
    native::parse
}

/// The parser [`sanitize`] uses in the browser, where this crate has none of its own: the app
/// sets the browser's at start. The first call wins.
#[cfg(target_arch = "wasm32")]
pub fn set_parser(parser: Parser) {
    let _ = PARSER.set(parser);
}

#[cfg(target_arch = "wasm32")]
static PARSER: std::sync::OnceLock<Parser> = std::sync::OnceLock::new();

/// In the browser, before the app set a parser, markup shows as the text it is: safe, and
/// plain to see.
#[cfg(target_arch = "wasm32")]
fn parser() -> Parser {
    PARSER
        .get()
        .copied()
        .unwrap_or(|html, walk| walk.text(html))
}

/// The text content of nodes, whitespace collapsed (for search, reading time,
/// plain titles).
///
/// Runs of whitespace become one space, block elements and `<br>` separate
/// words, and the result is trimmed. Iterative, so any depth is fine.
pub fn text_of(nodes: &[Node]) -> String {
    let mut out = Collapser::default();
    // (remaining siblings, whether leaving this level ends a block)
    let mut stack: Vec<(std::slice::Iter<'_, Node>, bool)> = vec![(nodes.iter(), false)];
    while let Some((iter, _)) = stack.last_mut() {
        match iter.next() {
            Some(Node::Text(text)) => out.push_str(text),
            Some(Node::Element { tag, children, .. }) => {
                let block = tag.is_block() || *tag == Tag::Br;
                if block {
                    out.space();
                }
                stack.push((children.iter(), block));
            }
            None => {
                if let Some((_, true)) = stack.pop() {
                    out.space();
                }
            }
        }
    }
    out.text
}

/// Serializes sanitized nodes back to HTML: text and attribute values escaped, void
/// elements without an end tag. Sanitizing the result gives safe nodes with the same text.
pub fn to_html(nodes: &[Node]) -> String {
    fn escape(out: &mut String, text: &str, attr: bool) {
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attr => out.push_str("&quot;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                // A parser drops a byte order mark that starts its input.
                '\u{feff}' => out.push_str("&#xfeff;"),
                c => out.push(c),
            }
        }
    }
    fn write(out: &mut String, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Text(text) => escape(out, text, false),
                Node::Element {
                    tag,
                    attrs,
                    children,
                } => {
                    out.push('<');
                    out.push_str(tag.name());
                    for (attr, value) in attrs {
                        out.push(' ');
                        out.push_str(attr.name());
                        out.push_str("=\"");
                        escape(out, value, true);
                        out.push('"');
                    }
                    out.push('>');
                    // A parser drops the newline that starts a `<pre>`: one more keeps it,
                    // as HTML's serializer writes it.
                    if *tag == Tag::Pre
                        && matches!(children.first(), Some(Node::Text(t)) if t.starts_with('\n'))
                    {
                        out.push('\n');
                    }
                    if !matches!(tag, Tag::Br | Tag::Hr | Tag::Img) {
                        write(out, children);
                        out.push_str("</");
                        out.push_str(tag.name());
                        out.push('>');
                    }
                }
            }
        }
    }
    let mut out = String::new();
    write(&mut out, nodes);
    out
}

/// Plain text of an HTML fragment: sanitize + text_of (e.g. a WordPress title
/// "Tips &#038; Tricks" -> "Tips & Tricks").
pub fn to_plain_text(html: &str) -> String {
    text_of(&sanitize(html))
}

/// Elements whose content a parser reads as raw text, one text node up to their end tag: the
/// walk drops them with it, the depth cap does not count them, and the publish step leaves
/// their content alone (`crate::publish::page`).
pub(crate) fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "noscript"
            | "iframe"
            | "noembed"
            | "noframes"
            | "plaintext"
    )
}

/// HTML's ASCII whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

/// Builds whitespace-collapsed text.
#[derive(Default)]
struct Collapser {
    text: String,
    pending_space: bool,
}

impl Collapser {
    fn space(&mut self) {
        self.pending_space = !self.text.is_empty();
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space();
            } else {
                if self.pending_space {
                    self.text.push(' ');
                    self.pending_space = false;
                }
                self.text.push(c);
            }
        }
    }
}

mod attrs;
mod depth;
#[cfg(not(target_arch = "wasm32"))]
mod entities;
#[cfg(not(target_arch = "wasm32"))]
mod native;
mod walk;
use attrs::*;
pub use attrs::{data_picture, MAX_DATA_PICTURE};
#[cfg(not(target_arch = "wasm32"))]
pub use entities::decode_entities;
pub use walk::Walk;

#[cfg(test)]
mod tests;
