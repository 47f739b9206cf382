//! The tree builder: the allow-listed tags nested as HTML's rules nest them, with depth
//! capped.

use super::*;

/// What a start tag does.
pub(super) enum Kind {
    Allowed(Tag),
    /// Dropped together with everything up to its matching end tag.
    DropWithContent,
    /// Dropped; it has no content (void) or its content is kept (wrapper).
    Ignore,
}

pub(super) fn classify(name: &str) -> Kind {
    if let Some(tag) = Tag::from_name(name) {
        return Kind::Allowed(tag);
    }
    match name {
        "frameset" | "object" | "applet" | "template" | "svg" | "math" | "select" | "option"
        | "button" | "form" | "audio" | "video" | "canvas" | "head" => Kind::DropWithContent,
        // Void elements in the drop list (frame, embed, input, source, track,
        // link, meta, base, param), wrappers (div, span, section, ...) and
        // unknown tags: the tag goes, any content stays.
        _ => Kind::Ignore,
    }
}

/// Unwrapped wrappers that, like the blocks they are, close an open `<p>`.
pub(super) fn wrapper_closes_p(name: &str) -> bool {
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

pub(super) struct Frame {
    tag: Tag,
    attrs: Vec<(Attr, String)>,
    children: Vec<Node>,
}

#[derive(Default)]
pub(super) struct Builder {
    root: Vec<Node>,
    /// Open elements; never longer than `MAX_DEPTH`.
    stack: Vec<Frame>,
    /// Inside an element dropped with its content: its name and how many
    /// same-named elements are open.
    dropping: Option<(String, usize)>,
    /// Just opened a `<pre>`: a leading newline is dropped, as in HTML5.
    after_pre: bool,
}

impl Builder {
    pub(super) fn token(&mut self, token: Token<'_>) {
        let after_pre = std::mem::take(&mut self.after_pre);
        match token {
            Token::Text(text) => {
                if self.dropping.is_none() {
                    let text = if after_pre {
                        text.strip_prefix('\n').unwrap_or(text)
                    } else {
                        text
                    };
                    let mut decoded = decode(text, false);
                    if decoded.contains('\0') {
                        decoded = decoded.replace('\0', "");
                    }
                    self.text(&decoded);
                }
            }
            Token::Start {
                name,
                attrs,
                self_closing,
            } => self.start(name, attrs, self_closing),
            Token::End(name) => self.end(&name),
        }
    }

    pub(super) fn children(&mut self) -> &mut Vec<Node> {
        match self.stack.last_mut() {
            Some(frame) => &mut frame.children,
            None => &mut self.root,
        }
    }

    pub(super) fn text(&mut self, text: &str) {
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

    pub(super) fn append(&mut self, node: Node) {
        match node {
            Node::Text(text) => self.text(&text),
            element => self.children().push(element),
        }
    }

    /// Closes the current element.
    pub(super) fn pop(&mut self) {
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
    pub(super) fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len {
            self.pop();
        }
    }

    /// The index of the innermost open element matching `target`, searching
    /// outwards but not past one matching `boundary`.
    pub(super) fn find(
        &self,
        target: impl Fn(Tag) -> bool,
        boundary: impl Fn(Tag) -> bool,
    ) -> Option<usize> {
        for (i, frame) in self.stack.iter().enumerate().rev() {
            if target(frame.tag) {
                return Some(i);
            }
            if boundary(frame.tag) {
                return None;
            }
        }
        None
    }

    /// Closes the innermost open element matching `target` (and everything
    /// inside it), unless a `boundary` element is in the way.
    pub(super) fn close(&mut self, target: impl Fn(Tag) -> bool, boundary: impl Fn(Tag) -> bool) {
        if let Some(i) = self.find(target, boundary) {
            self.pop_to(i);
        }
    }

    pub(super) fn close_p(&mut self) {
        self.close(|t| t == Tag::P, is_cell_boundary);
    }

    pub(super) fn start(&mut self, name: String, attrs: Vec<(Attr, String)>, self_closing: bool) {
        let foreign_empty = self_closing && (name == "svg" || name == "math");
        if let Some((dropped, open)) = &mut self.dropping {
            if *dropped == name && !foreign_empty {
                *open += 1;
            }
            return;
        }
        match classify(&name) {
            Kind::Allowed(tag) => self.open(tag, attrs),
            Kind::DropWithContent => {
                if !foreign_empty {
                    self.dropping = Some((name, 1));
                }
            }
            Kind::Ignore => {
                if wrapper_closes_p(&name) {
                    self.close_p();
                }
            }
        }
    }

    pub(super) fn open(&mut self, tag: Tag, attrs: Vec<(Attr, String)>) {
        // Implied end tags. An open `<p>` closes first, as in browsers, so that what is
        // then the current element decides the rest (`<h2><p><h2>` closes the outer h2).
        if tag.closes_p() {
            self.close_p();
        }
        match tag {
            Tag::Li => self.close(
                |t| t == Tag::Li,
                |t| {
                    matches!(t, Tag::Ul | Tag::Ol | Tag::Blockquote | Tag::Figure)
                        || is_cell_boundary(t)
                },
            ),
            Tag::Tr => self.close(|t| t == Tag::Tr, is_table_section),
            Tag::Td | Tag::Th => self.close(
                |t| matches!(t, Tag::Td | Tag::Th),
                |t| t == Tag::Tr || t == Tag::Caption || is_table_section(t),
            ),
            Tag::Thead | Tag::Tbody | Tag::Tfoot => self.close(
                |t| matches!(t, Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Caption),
                |t| t == Tag::Table,
            ),
            Tag::A => self.close(|t| t == Tag::A, is_cell_boundary),
            // A heading directly inside a heading closes it.
            Tag::H2 | Tag::H3 | Tag::H4
                if self.stack.last().is_some_and(|f| f.tag.is_heading()) =>
            {
                self.pop();
            }
            _ => {}
        }
        let Some(attrs) = filter_attrs(tag, attrs) else {
            // An <a> without a usable href is unwrapped; such an <img> dropped.
            return;
        };
        if tag.is_void() {
            self.children().push(Node::Element {
                tag,
                attrs,
                children: Vec::new(),
            });
        } else if self.stack.len() < MAX_DEPTH {
            self.stack.push(Frame {
                tag,
                attrs,
                children: Vec::new(),
            });
            self.after_pre = tag == Tag::Pre;
        }
        // Deeper than MAX_DEPTH: the tag is ignored and its content flattened
        // into the current element.
    }

    pub(super) fn end(&mut self, name: &str) {
        if let Some((dropped, open)) = &mut self.dropping {
            if dropped == name {
                *open -= 1;
                if *open == 0 {
                    self.dropping = None;
                }
            }
            return;
        }
        let Some(tag) = Tag::from_name(name) else {
            if wrapper_closes_p(name) {
                // `</div>` ends the paragraphs inside it, roughly as in HTML5.
                self.close_p();
            }
            return;
        };
        match tag {
            // `</br>` is treated as `<br>`, as browsers do.
            Tag::Br => self.open(Tag::Br, Vec::new()),
            Tag::H2 | Tag::H3 | Tag::H4 => self.close(Tag::is_heading, is_cell_boundary),
            Tag::Table => self.close(|t| t == Tag::Table, |_| false),
            Tag::Tr | Tag::Td | Tag::Th | Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Caption => {
                self.close(|t| t == tag, |t| t == Tag::Table)
            }
            _ => self.close(|t| t == tag, is_cell_boundary),
        }
    }

    pub(super) fn finish(mut self) -> Vec<Node> {
        self.pop_to(0);
        strip_whitespace(&mut self.root, false);
        self.root
    }
}

/// Elements that end tags of ordinary elements do not reach across.
pub(super) fn is_cell_boundary(tag: Tag) -> bool {
    matches!(tag, Tag::Table | Tag::Td | Tag::Th | Tag::Caption)
}

pub(super) fn is_table_section(tag: Tag) -> bool {
    matches!(tag, Tag::Table | Tag::Thead | Tag::Tbody | Tag::Tfoot)
}

/// Drops whitespace-only text: all of it with `all`, otherwise only where it
/// sits between block elements (or a block and the start or end).
pub(super) fn strip_whitespace(children: &mut Vec<Node>, all: bool) {
    pub(super) fn blank(node: &Node) -> bool {
        matches!(node, Node::Text(t) if t.bytes().all(is_space))
    }
    pub(super) fn block_or_edge(node: Option<&Node>) -> bool {
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
