//! CMS markup in the app: the core's allow-list sanitizer ([`meridian_core::html`]), fed in
//! the browser by the browser's own HTML parser. `DOMParser` builds an inert document (no
//! script runs, nothing loads, nothing joins the page) that is walked through the
//! allow-list; natively the core parses with html5ever.

pub use meridian_core::html::*;

/// [`meridian_core::html::sanitize`], with the browser's parser in the browser.
pub fn sanitize(html: &str) -> Vec<Node> {
    install();
    meridian_core::html::sanitize(html)
}

/// Hands the browser's parser to the core, for its own calls (the WordPress mapping, the
/// text of `html` blocks). Done at start; again costs nothing.
pub fn install() {
    #[cfg(target_arch = "wasm32")]
    set_parser(browser::parse);
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::Walk;
    use wasm_bindgen::JsCast;
    use web_sys::{DomParser, Element, Node, SupportedType};

    /// Parses `html` as the content of a `<body>` (no-quirks, as the publish step's
    /// html5ever does) and walks it, one node after the other: no recursion, however deep.
    pub fn parse(html: &str, walk: &mut Walk) {
        let Some(body) = DomParser::new()
            .and_then(|parser| {
                parser.parse_from_string(
                    &format!("<!doctype html><body>{html}"),
                    SupportedType::TextHtml,
                )
            })
            .ok()
            .and_then(|document| document.body())
        else {
            return;
        };
        let body: Node = body.into();
        let mut next = body.first_child();
        while let Some(node) = next {
            let entered = match node.node_type() {
                Node::ELEMENT_NODE => {
                    let element: &Element = node.unchecked_ref();
                    walk.open(&element.local_name(), |name| element.get_attribute(name))
                }
                Node::TEXT_NODE => {
                    walk.text(&node.node_value().unwrap_or_default());
                    false
                }
                _ => false,
            };
            next = if entered { node.first_child() } else { None };
            if next.is_none() {
                if entered {
                    walk.close();
                }
                // On to the next sibling, closing the elements that end on the way up.
                let mut at = node;
                next = loop {
                    if let Some(sibling) = at.next_sibling() {
                        break Some(sibling);
                    }
                    match at.parent_node() {
                        Some(parent) if !parent.is_same_node(Some(&body)) => {
                            walk.close();
                            at = parent;
                        }
                        _ => break None,
                    }
                };
            }
        }
    }
}
