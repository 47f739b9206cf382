//! The native parser: html5ever, the Servo project's implementation of HTML's parsing
//! algorithm, building its tree in `scraper`'s DOM. The markup is parsed as a fragment in a
//! `<body>`, as the browser's `DOMParser` parses it in the app.

use super::Walk;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Parses `html` and walks the tree through `walk`.
pub fn parse(html: &str, walk: &mut Walk) {
    let fragment = Html::parse_fragment(html);
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
