//! Draws sanitized CMS markup ([`crate::html::Node`]) with real elements, never `innerHTML`.

use crate::html::{Node, Tag};
use leptos::attr::custom::custom_attribute;
use leptos::html::{br, custom, hr, img};
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};

/// Sanitized HTML as a fragment of elements and text.
#[component]
pub fn HtmlNodes(
    /// Nodes from [`crate::html::sanitize`]: only allow-listed tags and attributes.
    nodes: Vec<Node>,
) -> impl IntoView {
    render(nodes)
}

fn render(nodes: Vec<Node>) -> Vec<AnyView> {
    nodes.into_iter().map(render_node).collect()
}

fn render_node(node: Node) -> AnyView {
    match node {
        Node::Text(text) => text.into_any(),
        Node::Element {
            tag,
            attrs,
            children,
        } => {
            let attrs: Vec<AnyAttribute> = attrs
                .into_iter()
                .map(|(a, v)| custom_attribute(a.name(), v).into_any_attr())
                .collect();
            match tag {
                Tag::Br => br().add_any_attr(attrs).into_any(),
                Tag::Hr => hr().add_any_attr(attrs).into_any(),
                Tag::Img => img()
                    .attr("loading", "lazy")
                    .attr("decoding", "async")
                    .add_any_attr(attrs)
                    .into_any(),
                tag => custom(tag.name())
                    .add_any_attr(attrs)
                    .child(render(children))
                    .into_any(),
            }
        }
    }
}
