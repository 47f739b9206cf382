//! The allow-list walk: a parser's tree, visited in document order, becomes sanitized
//! [`Node`]s. Allowed tags are kept with their checked attributes, wrappers unwrapped,
//! dangerous elements dropped with their content, nesting capped at [`MAX_DEPTH`]. Where
//! unwrapping brings tags together that HTML would not nest (`<h3>` in `<h2>` through a
//! `<div>`), the walk closes the outer one as a parser would, so that [`to_html`] of the result
//! parses back to the same nodes.

use super::*;

/// What an element does.
enum Kind {
    Allowed(Tag),
    /// Dropped together with everything inside it.
    DropWithContent,
    /// Dropped; its content (if any) is kept.
    Ignore,
}

fn classify(name: &str) -> Kind {
    if let Some(tag) = Tag::from_name(name) {
        return Kind::Allowed(tag);
    }
    match name {
        name if is_raw_text(name) => Kind::DropWithContent,
        // Active content, forms, foreign content.
        "frameset" | "object" | "applet" | "template" | "svg" | "math" | "select" | "option"
        | "button" | "form" | "audio" | "video" | "canvas" | "head" => Kind::DropWithContent,
        // Void elements in the drop list (frame, embed, input, source, track,
        // link, meta, base, param), wrappers (div, span, section, ...) and
        // unknown tags: the tag goes, any content stays.
        _ => Kind::Ignore,
    }
}

/// Unwrapped wrappers that, like the blocks they are, close an open `<p>`.
fn wrapper_closes_p(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "nav"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "dialog"
            | "dl"
            | "dd"
            | "dt"
            | "fieldset"
            | "hgroup"
            | "menu"
            | "dir"
            | "listing"
    )
}

struct Frame {
    tag: Tag,
    attrs: Vec<(Attr, String)>,
    children: Vec<Node>,
}

/// Builds sanitized nodes from a parsed tree. A [`Parser`] calls [`Walk::open`] for each
/// element and, when it returns `true`, walks the element's children and then calls
/// [`Walk::close`]; [`Walk::text`] for each text node. Comments and the like are skipped.
#[derive(Default)]
pub struct Walk {
    root: Vec<Node>,
    /// Open allowed elements; never longer than `MAX_DEPTH`.
    stack: Vec<Frame>,
    /// Each element entered and not yet closed.
    entered: Vec<Entered>,
}

/// What [`Walk::open`] made of an element.
enum Entered {
    /// A frame, with this length of the stack under it.
    Frame(usize),
    /// A block whose content went into the current element (too deep, or a table part
    /// outside its table): spaces keep its words apart, as its edges did.
    Flattened,
    /// Nothing (a wrapper, a void element).
    Nothing,
}

impl Walk {
    /// An element starts: `name` is its lower-case local name, and `attr` reads one of its
    /// attributes by name (only those the allow-list may keep are asked for). Returns
    /// whether to walk its children; when `false`, the element is gone with everything in
    /// it, and no [`Walk::close`] follows.
    pub fn open(&mut self, name: &str, attr: impl Fn(&str) -> Option<String>) -> bool {
        let entered = match classify(name) {
            Kind::DropWithContent => return false,
            Kind::Allowed(tag) => {
                let attrs = Attr::ALL
                    .into_iter()
                    .filter(|&a| tag.allows(a))
                    .filter_map(|a| Some((a, attr(a.name())?)))
                    .collect();
                match self.open_tag(tag, attrs) {
                    Some(len) => Entered::Frame(len),
                    None if tag.is_block() && !tag.is_void() => {
                        self.text(" ");
                        Entered::Flattened
                    }
                    None => Entered::Nothing,
                }
            }
            Kind::Ignore => {
                if wrapper_closes_p(name) {
                    self.close_p();
                }
                Entered::Nothing
            }
        };
        self.entered.push(entered);
        true
    }

    /// The element last entered ends.
    pub fn close(&mut self) {
        match self.entered.pop() {
            Some(Entered::Frame(len)) => self.pop_to(len),
            Some(Entered::Flattened) => self.text(" "),
            _ => {}
        }
    }

    /// A text node, its character references already decoded.
    pub fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let children = self.children();
        if let Some(Node::Text(last)) = children.last_mut() {
            last.push_str(text);
        } else {
            children.push(Node::Text(text.to_owned()));
        }
    }

    /// The sanitized nodes.
    pub fn finish(mut self) -> Vec<Node> {
        self.pop_to(0);
        strip_whitespace(&mut self.root, false);
        self.root
    }

    fn children(&mut self) -> &mut Vec<Node> {
        match self.stack.last_mut() {
            Some(frame) => &mut frame.children,
            None => &mut self.root,
        }
    }

    fn append(&mut self, node: Node) {
        match node {
            Node::Text(text) => self.text(&text),
            element => self.children().push(element),
        }
    }

    /// Closes the current element.
    fn pop(&mut self) {
        if let Some(mut frame) = self.stack.pop() {
            if frame.tag.is_structural() {
                strip_whitespace(&mut frame.children, true);
            } else if frame.tag.is_flow_container() {
                strip_whitespace(&mut frame.children, false);
            }
            if !frame.children.is_empty() || frame.tag.keep_when_empty() {
                self.append(Node::Element {
                    tag: frame.tag,
                    attrs: frame.attrs,
                    children: frame.children,
                });
            }
        }
    }

    /// Closes open elements until only `len` remain.
    fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    /// Closes the innermost open element matching `target` (and everything inside it),
    /// unless a `boundary` element is in the way.
    fn close_innermost(&mut self, target: impl Fn(Tag) -> bool, boundary: impl Fn(Tag) -> bool) {
        for (i, frame) in self.stack.iter().enumerate().rev() {
            if target(frame.tag) {
                self.pop_to(i);
                return;
            }
            if boundary(frame.tag) {
                return;
            }
        }
    }

    fn close_p(&mut self) {
        self.close_innermost(|t| t == Tag::P, is_cell_boundary);
    }

    /// Opens an allowed element; returns the length of the stack under its frame, if it
    /// has one (not for void elements, an `<a>` or `<img>` without a usable URL, or past
    /// `MAX_DEPTH`, where the content is flattened into the current element).
    fn open_tag(&mut self, tag: Tag, attrs: Vec<(Attr, String)>) -> Option<usize> {
        // End tags a parser would imply, where unwrapping or flattening brought together
        // what HTML does not nest. An open `<p>` closes first, as in browsers, so that what
        // is then the current element decides the rest (`<h2><p><h2>` closes the outer h2).
        if tag.closes_p() {
            self.close_p();
        }
        match tag {
            Tag::Li => self.close_innermost(
                |t| t == Tag::Li,
                |t| {
                    matches!(t, Tag::Ul | Tag::Ol | Tag::Blockquote | Tag::Figure)
                        || is_cell_boundary(t)
                },
            ),
            Tag::A => self.close_innermost(|t| t == Tag::A, is_cell_boundary),
            // A heading directly inside a heading closes it.
            Tag::H2 | Tag::H3 | Tag::H4
                if self.stack.last().is_some_and(|f| f.tag.is_heading()) =>
            {
                self.pop();
            }
            _ => {}
        }
        // An <a> without a usable href is unwrapped; such an <img> dropped.
        let attrs = filter_attrs(tag, attrs)?;
        if tag.is_void() {
            self.children().push(Node::Element {
                tag,
                attrs,
                children: Vec::new(),
            });
            return None;
        }
        // A table opens only with room for a cell in it, and its parts only in their places:
        // text in a `<tbody>` or a `<td>` outside a table would move, or lose its cell, when
        // the HTML is parsed again.
        let parent = self.stack.last().map(|frame| frame.tag);
        let (room, placed) = match tag {
            Tag::Table => (4, true),
            Tag::Thead | Tag::Tbody | Tag::Tfoot => (3, parent == Some(Tag::Table)),
            Tag::Caption => (1, parent == Some(Tag::Table)),
            Tag::Tr => (2, parent.is_some_and(is_table_section)),
            Tag::Td | Tag::Th => (1, parent == Some(Tag::Tr)),
            _ => (1, true),
        };
        let len = self.stack.len();
        (placed && len + room <= MAX_DEPTH).then(|| {
            self.stack.push(Frame {
                tag,
                attrs,
                children: Vec::new(),
            });
            len
        })
    }
}

/// Elements that end tags of ordinary elements do not reach across.
fn is_cell_boundary(tag: Tag) -> bool {
    matches!(tag, Tag::Table | Tag::Td | Tag::Th | Tag::Caption)
}

fn is_table_section(tag: Tag) -> bool {
    matches!(tag, Tag::Table | Tag::Thead | Tag::Tbody | Tag::Tfoot)
}

/// Drops whitespace-only text: all of it with `all`, otherwise only where it
/// sits between block elements (or a block and the start or end).
fn strip_whitespace(children: &mut Vec<Node>, all: bool) {
    fn blank(node: &Node) -> bool {
        matches!(node, Node::Text(t) if t.bytes().all(is_space))
    }
    fn block_or_edge(node: Option<&Node>) -> bool {
        match node {
            None => true,
            Some(Node::Element { tag, .. }) => tag.is_block(),
            Some(Node::Text(_)) => false,
        }
    }
    if !children.iter().any(blank) {
        return;
    }
    let keep: Vec<bool> = (0..children.len())
        .map(|i| match children.get(i) {
            Some(node) if blank(node) => {
                let prev = i.checked_sub(1).and_then(|j| children.get(j));
                let between_blocks = block_or_edge(prev) && block_or_edge(children.get(i + 1));
                !(all || between_blocks)
            }
            _ => true,
        })
        .collect();
    let mut keep = keep.into_iter();
    children.retain(|_| keep.next().unwrap_or(true));
}
