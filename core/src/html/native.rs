//! The native parser: html5ever, the Servo project's implementation of HTML's parsing
//! algorithm, building its tree in `scraper`'s DOM. The markup is parsed as a fragment in a
//! `<body>`, as the browser's `DOMParser` parses it in the app.
//!
//! html5ever looks through the whole stack of open elements for some tags, so markup nested
//! 100,000 deep would take it minutes; Chromium caps the depth of its tree at 512. Here
//! [`DepthCap`] drops the tags that would nest deeper than [`MAX_PARSE_DEPTH`] before the
//! tree builder sees them (their content stays), so a hostile post costs milliseconds.

use super::Walk;
use ego_tree::iter::Edge;
use html5ever::tokenizer::{
    BufferQueue, TagKind, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{local_name, ns, LocalName, QualName};
use scraper::{Html, HtmlTreeSink, Node};
use std::cell::Cell;

/// How deep tags may nest before [`DepthCap`] drops them: far past the walk's own cap, far
/// short of where html5ever slows down.
const MAX_PARSE_DEPTH: usize = 256;

/// Parses `html` and walks the tree through `walk`.
pub fn parse(html: &str, walk: &mut Walk) {
    let fragment = parse_fragment(html);
    // Inside an element the walk dropped with its content: that element's id.
    let mut dropping = None;
    // The fragment's nodes are the children of its root `<html>` element.
    for child in fragment.root_element().children() {
        for edge in child.traverse() {
            match (edge, dropping) {
                (Edge::Close(node), Some(id)) if node.id() == id => dropping = None,
                (_, Some(_)) => {}
                (Edge::Open(node), None) => match node.value() {
                    Node::Element(element)
                        if !walk
                            .open(element.name(), |name| element.attr(name).map(str::to_owned)) =>
                    {
                        dropping = Some(node.id());
                    }
                    Node::Text(text) => walk.text(text),
                    // An element entered (its children follow), a comment, a doctype.
                    _ => {}
                },
                (Edge::Close(node), None) => {
                    if node.value().is_element() {
                        walk.close();
                    }
                }
            }
        }
    }
}

/// `scraper::Html::parse_fragment`, with [`DepthCap`] between the tokenizer and the tree
/// builder.
fn parse_fragment(html: &str) -> Html {
    let sink = HtmlTreeSink::new(Html::new_fragment());
    let body = sink.create_element(
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
        Default::default(),
    );
    let builder = TreeBuilder::new_for_fragment(sink, body, None, TreeBuilderOpts::default());
    let initial_state = Some(builder.tokenizer_state_for_context_elem(false));
    let tokenizer = Tokenizer::new(
        DepthCap {
            builder,
            depth: Cell::new(0),
        },
        TokenizerOpts {
            initial_state,
            ..TokenizerOpts::default()
        },
    );
    let input = BufferQueue::default();
    input.push_back(html.into());
    // A `</script>` pauses the tokenizer for the script to run; nothing runs here.
    while let html5ever::TokenizerResult::Script(_) = tokenizer.feed(&input) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// Passes tokens on to the tree builder, but for the start and end tags of elements that
/// would nest deeper than [`MAX_PARSE_DEPTH`]. The depth is counted from the tags of
/// elements that nest: those whose end tag HTML lets a writer leave out (`p`, `li`, `td`,
/// ...) close their predecessor instead, so they are not counted, and raw text elements
/// (`script`, `textarea`, ...) hold no tags.
struct DepthCap<S> {
    builder: S,
    depth: Cell<usize>,
}

fn nests(name: &LocalName) -> bool {
    !matches!(
        &**name,
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "colgroup"
            | "option"
            | "optgroup"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "html"
            | "head"
            | "body"
            // Raw text: the tokenizer reads up to the end tag the tree builder waits for.
            | "script"
            | "style"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "textarea"
            | "title"
            | "plaintext"
            // Void elements.
            | "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

impl<S: TokenSink> TokenSink for DepthCap<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let TagToken(tag) = &token {
            if nests(&tag.name) && !tag.self_closing {
                let depth = self.depth.get();
                let deep = match tag.kind {
                    TagKind::StartTag => {
                        self.depth.set(depth + 1);
                        depth >= MAX_PARSE_DEPTH
                    }
                    TagKind::EndTag => {
                        self.depth.set(depth.saturating_sub(1));
                        depth > MAX_PARSE_DEPTH
                    }
                };
                if deep {
                    return TokenSinkResult::Continue;
                }
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
