//! The tokenizer: tags, attributes, text, comments and raw text, tolerant of any input.

use super::*;

/// A token. Text is still encoded; attribute values are decoded and only the
/// allow-listed attributes are kept (first occurrence wins).
#[derive(Debug)]
pub(super) enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attrs: Vec<(Attr, String)>,
        self_closing: bool,
    },
    End(String),
}

/// HTML whitespace, as the tokenizer sees it.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

/// Elements whose content is raw text up to their end tag (or to the end of
/// the input for `plaintext`); all of them are dropped with that content.
pub(super) fn is_raw_text(name: &str) -> bool {
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

/// A tolerant HTML tokenizer. Every construct either finds its terminator or
/// consumes the rest of the input, so tokenizing is linear. All delimiters are
/// ASCII, so every slice boundary is a char boundary (slicing still goes
/// through `get` so a mistake could only lose text, not panic).
pub(super) struct Tokenizer<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn byte(&self, i: usize) -> Option<u8> {
        self.src.as_bytes().get(i).copied()
    }

    pub(super) fn slice(&self, from: usize, to: usize) -> &'a str {
        self.src.get(from..to).unwrap_or("")
    }

    pub(super) fn find_from(&self, from: usize, pat: &str) -> Option<usize> {
        self.src.get(from..)?.find(pat).map(|i| i + from)
    }

    pub(super) fn skip_space(&mut self) {
        while self.byte(self.pos).is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// Moves past the next `>` (or to the end of the input).
    pub(super) fn skip_past_gt(&mut self, from: usize) {
        self.pos = self.find_from(from, ">").map_or(self.src.len(), |i| i + 1);
    }

    /// Whether the `<` at `lt` starts markup rather than being a literal.
    pub(super) fn is_markup(&self, lt: usize) -> bool {
        match self.byte(lt + 1) {
            Some(b'!' | b'?') => true,
            Some(b'/') => self.byte(lt + 2).is_some(),
            Some(b) => b.is_ascii_alphabetic(),
            None => false,
        }
    }

    pub(super) fn next_token(&mut self) -> Option<Token<'a>> {
        while self.pos < self.src.len() {
            let start = self.pos;
            let mut from = start;
            let lt = loop {
                match self.find_from(from, "<") {
                    Some(lt) if self.is_markup(lt) => break lt,
                    Some(lt) => from = lt + 1,
                    None => break self.src.len(),
                }
            };
            if lt > start {
                self.pos = lt;
                return Some(Token::Text(self.slice(start, lt)));
            }
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
        None
    }

    /// Consumes the markup at `self.pos` (a `<` for which `is_markup` holds).
    /// Returns `None` for markup that yields no token (comments, doctypes,
    /// raw-text elements, tags cut off by the end of the input).
    pub(super) fn markup(&mut self) -> Option<Token<'a>> {
        let lt = self.pos;
        match self.byte(lt + 1) {
            Some(b'!') => {
                if self.src.get(lt + 2..lt + 4) == Some("--") {
                    self.skip_comment(lt + 4);
                } else {
                    // <!DOCTYPE>, <![CDATA[...]>, <!foo>: bogus comments.
                    self.skip_past_gt(lt + 2);
                }
                None
            }
            Some(b'?') => {
                self.skip_past_gt(lt + 2);
                None
            }
            Some(b'/') => match self.byte(lt + 2) {
                Some(b'>') => {
                    self.pos = lt + 3;
                    None
                }
                Some(b) if b.is_ascii_alphabetic() => {
                    self.pos = lt + 2;
                    let name = self.tag_name();
                    self.attributes(false)?;
                    Some(Token::End(name))
                }
                _ => {
                    self.skip_past_gt(lt + 2);
                    None
                }
            },
            _ => {
                self.pos = lt + 1;
                let name = self.tag_name();
                let (attrs, self_closing) = self.attributes(true)?;
                if is_raw_text(&name) {
                    self.skip_raw_text(&name);
                    return None;
                }
                Some(Token::Start {
                    name,
                    attrs,
                    self_closing,
                })
            }
        }
    }

    /// Skips a comment whose body starts at `body`, honouring the abrupt
    /// `<!-->` / `<!--->` forms and the `--!>` terminator.
    pub(super) fn skip_comment(&mut self, body: usize) {
        let bytes = self.src.as_bytes();
        if bytes.get(body) == Some(&b'>') {
            self.pos = body + 1;
            return;
        }
        if bytes.get(body..body + 2) == Some(b"->") {
            self.pos = body + 2;
            return;
        }
        let mut from = body;
        while let Some(dash) = self.find_from(from, "--") {
            match bytes.get(dash + 2) {
                Some(b'>') => {
                    self.pos = dash + 3;
                    return;
                }
                Some(b'!') if bytes.get(dash + 3) == Some(&b'>') => {
                    self.pos = dash + 4;
                    return;
                }
                _ => from = dash + 1,
            }
        }
        self.pos = self.src.len();
    }

    /// Skips the content of a raw-text element and its end tag. Only the
    /// matching end tag (any case) ends it; `plaintext` never ends.
    pub(super) fn skip_raw_text(&mut self, name: &str) {
        if name == "plaintext" {
            self.pos = self.src.len();
            return;
        }
        let bytes = self.src.as_bytes();
        let mut from = self.pos;
        while let Some(lt) = self.find_from(from, "</") {
            let name_end = lt + 2 + name.len();
            let matches = bytes
                .get(lt + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            if matches
                && bytes
                    .get(name_end)
                    .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
            {
                self.pos = name_end;
                if self.attributes(false).is_none() {
                    self.pos = self.src.len();
                }
                return;
            }
            from = lt + 2;
        }
        self.pos = self.src.len();
    }

    /// Reads a tag name (ASCII-lower-cased) at `self.pos`.
    pub(super) fn tag_name(&mut self) -> String {
        let start = self.pos;
        while self
            .byte(self.pos)
            .is_some_and(|b| !is_space(b) && b != b'/' && b != b'>')
        {
            self.pos += 1;
        }
        self.slice(start, self.pos).to_ascii_lowercase()
    }

    /// Reads attributes up to and including the closing `>`. Returns `None`
    /// if the input ends inside the tag (the tag is then dropped, as in
    /// HTML5). With `keep` false, nothing is collected (end tags).
    pub(super) fn attributes(&mut self, keep: bool) -> Option<(Vec<(Attr, String)>, bool)> {
        let mut attrs: Vec<(Attr, String)> = Vec::new();
        loop {
            self.skip_space();
            match self.byte(self.pos) {
                None => return None,
                Some(b'>') => {
                    self.pos += 1;
                    return Some((attrs, false));
                }
                Some(b'/') => {
                    self.pos += 1;
                    if self.byte(self.pos) == Some(b'>') {
                        self.pos += 1;
                        return Some((attrs, true));
                    }
                    continue;
                }
                Some(_) => {}
            }
            // A name may start with `=`; it always takes at least one byte.
            let name_start = self.pos;
            if self.byte(self.pos) == Some(b'=') {
                self.pos += 1;
            }
            while self
                .byte(self.pos)
                .is_some_and(|b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
            {
                self.pos += 1;
            }
            let name = self.slice(name_start, self.pos);
            self.skip_space();
            let mut value = "";
            if self.byte(self.pos) == Some(b'=') {
                self.pos += 1;
                self.skip_space();
                match self.byte(self.pos) {
                    None => return None,
                    Some(quote @ (b'"' | b'\'')) => {
                        let open = self.pos + 1;
                        let close = self.find_from(open, if quote == b'"' { "\"" } else { "'" })?;
                        value = self.slice(open, close);
                        self.pos = close + 1;
                    }
                    Some(b'>') => {}
                    Some(_) => {
                        let open = self.pos;
                        while self
                            .byte(self.pos)
                            .is_some_and(|b| !is_space(b) && b != b'>')
                        {
                            self.pos += 1;
                        }
                        value = self.slice(open, self.pos);
                    }
                }
            }
            if keep {
                if let Some(attr) = Attr::from_name(name) {
                    if !attrs.iter().any(|(a, _)| *a == attr) {
                        attrs.push((attr, decode(value, true).replace('\0', "\u{FFFD}")));
                    }
                }
            }
        }
    }
}
