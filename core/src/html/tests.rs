use super::*;

fn t(s: &str) -> Node {
    Node::Text(s.to_owned())
}

fn el(tag: Tag, children: Vec<Node>) -> Node {
    Node::Element {
        tag,
        attrs: Vec::new(),
        children,
    }
}

fn ela(tag: Tag, attrs: &[(Attr, &str)], children: Vec<Node>) -> Node {
    Node::Element {
        tag,
        attrs: attrs.iter().map(|(a, v)| (*a, (*v).to_owned())).collect(),
        children,
    }
}

fn link(href: &str, children: Vec<Node>) -> Node {
    ela(
        Tag::A,
        &[(Attr::Href, href), (Attr::Rel, "noopener noreferrer")],
        children,
    )
}

/// A table of one row holding `cells`, with the `<tbody>` HTML puts in.
fn table(cells: Vec<Node>) -> Node {
    el(Tag::Table, vec![el(Tag::Tbody, vec![el(Tag::Tr, cells)])])
}

fn img(src: &str) -> Node {
    ela(Tag::Img, &[(Attr::Src, src)], Vec::new())
}

const ALL_TAGS: [Tag; 34] = [
    Tag::P,
    Tag::H2,
    Tag::H3,
    Tag::H4,
    Tag::Strong,
    Tag::Em,
    Tag::B,
    Tag::I,
    Tag::U,
    Tag::S,
    Tag::Sub,
    Tag::Sup,
    Tag::Small,
    Tag::Code,
    Tag::Pre,
    Tag::Br,
    Tag::Hr,
    Tag::A,
    Tag::Ul,
    Tag::Ol,
    Tag::Li,
    Tag::Blockquote,
    Tag::Cite,
    Tag::Figure,
    Tag::Figcaption,
    Tag::Img,
    Tag::Table,
    Tag::Caption,
    Tag::Thead,
    Tag::Tbody,
    Tag::Tfoot,
    Tag::Tr,
    Tag::Th,
    Tag::Td,
];

/// Walks the tree (iteratively) and checks the safety invariants; returns
/// the maximum element depth.
fn assert_safe(nodes: &[Node], input: &str) -> usize {
    let allowed: Vec<&str> = ALL_TAGS.iter().map(|t| t.name()).collect();
    let mut max_depth = 0;
    let mut stack: Vec<(&Node, usize)> = nodes.iter().map(|n| (n, 1)).collect();
    while let Some((node, depth)) = stack.pop() {
        let Node::Element {
            tag,
            attrs,
            children,
        } = node
        else {
            continue;
        };
        max_depth = max_depth.max(depth);
        assert!(allowed.contains(&tag.name()), "{input:?}: tag {tag:?}");
        for (attr, value) in attrs {
            assert!(tag.allows(*attr), "{input:?}: {attr:?} on {tag:?}");
            let squashed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            // A raster picture as a `data:` URL may stay, on an image, as the rule keeps it.
            let picture = *tag == Tag::Img
                && *attr == Attr::Src
                && data_picture(value).as_deref() == Some(value.as_str());
            for bad in ["javascript:", "vbscript:", "data:"] {
                assert!(
                    picture || !squashed.starts_with(bad),
                    "{input:?}: {attr:?}={value:?} in {nodes:?}"
                );
            }
            if matches!(attr, Attr::Href | Attr::Src) {
                assert!(
                    !squashed.starts_with("//") && !squashed.starts_with("\\\\"),
                    "{input:?}: protocol-relative {value:?}"
                );
            }
            assert!(
                value.chars().count()
                    <= if picture {
                        MAX_DATA_PICTURE
                    } else {
                        MAX_ATTR_CHARS
                    }
            );
        }
        match tag {
            Tag::A => assert!(attrs.iter().any(|(a, _)| *a == Attr::Href)),
            Tag::Img => assert!(attrs.iter().any(|(a, _)| *a == Attr::Src)),
            _ => {}
        }
        if tag.is_void() {
            assert!(children.is_empty());
        }
        if !tag.keep_when_empty() {
            assert!(!children.is_empty(), "{input:?}: empty {tag:?}");
        }
        for pair in children.windows(2) {
            assert!(
                !matches!(pair, [Node::Text(_), Node::Text(_)]),
                "{input:?}: unmerged text"
            );
        }
        stack.extend(children.iter().map(|c| (c, depth + 1)));
    }
    max_depth
}

fn check(cases: &[(&str, Vec<Node>)]) {
    for (input, expected) in cases {
        let got = sanitize(input);
        assert_safe(&got, input);
        assert_eq!(&got, expected, "input: {input:?}");
    }
}

#[test]
fn names() {
    for tag in ALL_TAGS {
        assert_eq!(Tag::from_name(tag.name()), Some(tag));
    }
    assert_eq!(Tag::Blockquote.name(), "blockquote");
    assert_eq!(Attr::Srcset.name(), "srcset");
}

#[test]
fn basic_markup() {
    check(&[
        ("", vec![]),
        ("plain", vec![t("plain")]),
        ("<p>Hello</p>", vec![el(Tag::P, vec![t("Hello")])]),
        (
            "<p>a <strong>b</strong> <em>c</em></p>",
            vec![el(
                Tag::P,
                vec![
                    t("a "),
                    el(Tag::Strong, vec![t("b")]),
                    t(" "),
                    el(Tag::Em, vec![t("c")]),
                ],
            )],
        ),
        (
            "<P>Up<BR>per</P>",
            vec![el(Tag::P, vec![t("Up"), el(Tag::Br, vec![]), t("per")])],
        ),
        (
            "<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6>",
            vec![
                el(Tag::H2, vec![t("A")]),
                el(Tag::H2, vec![t("B")]),
                el(Tag::H3, vec![t("C")]),
                el(Tag::H4, vec![t("D")]),
                el(Tag::H4, vec![t("E")]),
                el(Tag::H4, vec![t("F")]),
            ],
        ),
        (
            "<b>b</b><i>i</i><u>u</u><s>s</s><sub>1</sub><sup>2</sup><small>sm</small><code>c</code><cite>ci</cite><del>d</del><ins>n</ins>",
            vec![
                el(Tag::B, vec![t("b")]),
                el(Tag::I, vec![t("i")]),
                el(Tag::U, vec![t("u")]),
                el(Tag::S, vec![t("s")]),
                el(Tag::Sub, vec![t("1")]),
                el(Tag::Sup, vec![t("2")]),
                el(Tag::Small, vec![t("sm")]),
                el(Tag::Code, vec![t("c")]),
                el(Tag::Cite, vec![t("ci")]),
                el(Tag::S, vec![t("d")]),
                el(Tag::U, vec![t("n")]),
            ],
        ),
        (
            "<pre>\n  x\n</pre>",
            vec![el(Tag::Pre, vec![t("  x\n")])],
        ),
        ("<hr/>", vec![el(Tag::Hr, vec![])]),
        (
            "<ul>\n  <li>one</li>\n  <li>two</li>\n</ul>\n",
            vec![el(
                Tag::Ul,
                vec![el(Tag::Li, vec![t("one")]), el(Tag::Li, vec![t("two")])],
            )],
        ),
        (
            "<ol><li>a<ul><li>b</li></ul></li></ol>",
            vec![el(
                Tag::Ol,
                vec![el(
                    Tag::Li,
                    vec![t("a"), el(Tag::Ul, vec![el(Tag::Li, vec![t("b")])])],
                )],
            )],
        ),
        (
            "<blockquote><p>Q</p><cite>W</cite></blockquote>",
            vec![el(
                Tag::Blockquote,
                vec![el(Tag::P, vec![t("Q")]), el(Tag::Cite, vec![t("W")])],
            )],
        ),
        (
            r#"<figure class="wp-block-image"><img src="/a.jpg" alt="An &quot;A&quot;" width="640" height="480" class="x" loading="lazy"><figcaption>Cap</figcaption></figure>"#,
            vec![el(
                Tag::Figure,
                vec![
                    ela(
                        Tag::Img,
                        &[
                            (Attr::Src, "/a.jpg"),
                            (Attr::Alt, "An \"A\""),
                            (Attr::Width, "640"),
                            (Attr::Height, "480"),
                        ],
                        vec![],
                    ),
                    el(Tag::Figcaption, vec![t("Cap")]),
                ],
            )],
        ),
        (
            "<table><caption>C</caption><thead><tr><th colspan=2>H</th></tr></thead><tbody><tr><td>1</td><td rowspan='3'>2</td></tr></tbody><tfoot><tr><td></td></tr></tfoot></table>",
            vec![el(
                Tag::Table,
                vec![
                    el(Tag::Caption, vec![t("C")]),
                    el(
                        Tag::Thead,
                        vec![el(
                            Tag::Tr,
                            vec![ela(Tag::Th, &[(Attr::Colspan, "2")], vec![t("H")])],
                        )],
                    ),
                    el(
                        Tag::Tbody,
                        vec![el(
                            Tag::Tr,
                            vec![
                                el(Tag::Td, vec![t("1")]),
                                ela(Tag::Td, &[(Attr::Rowspan, "3")], vec![t("2")]),
                            ],
                        )],
                    ),
                    el(Tag::Tfoot, vec![el(Tag::Tr, vec![el(Tag::Td, vec![])])]),
                ],
            )],
        ),
        (
            r#"<a href="https://example.com/x?a=1&amp;b=2" title="T" target="_blank">x</a>"#,
            vec![ela(
                Tag::A,
                &[
                    (Attr::Href, "https://example.com/x?a=1&b=2"),
                    (Attr::Rel, "noopener noreferrer"),
                    (Attr::Target, "_blank"),
                    (Attr::Title, "T"),
                ],
                vec![t("x")],
            )],
        ),
        (
            "<a href=/local rel='Nofollow bad\"x'>l</a>",
            vec![ela(
                Tag::A,
                &[(Attr::Href, "/local"), (Attr::Rel, "nofollow")],
                vec![t("l")],
            )],
        ),
        (
            "<a href='mailto:ed@example.com'>m</a>",
            vec![ela(Tag::A, &[(Attr::Href, "mailto:ed@example.com")], vec![t("m")])],
        ),
        (
            "<a href='HTTPS://X.COM' rel=nofollow target=_self>x</a>",
            vec![link("HTTPS://X.COM", vec![t("x")])],
        ),
        (
            "<p title=hi id=x class=c style='color:red' data-x=1 onclick=f()>t</p>",
            vec![ela(Tag::P, &[(Attr::Title, "hi")], vec![t("t")])],
        ),
        (
            "<p><b>unclosed <i>both",
            vec![el(
                Tag::P,
                vec![el(Tag::B, vec![t("unclosed "), el(Tag::I, vec![t("both")])])],
            )],
        ),
        ("a</b></p></div>b", vec![t("ab")]),
        (
            // The `<i>` goes on after the `</b>`, as HTML's adoption agency reopens it.
            "<b>x<i>y</b>z",
            vec![
                el(Tag::B, vec![t("x"), el(Tag::I, vec![t("y")])]),
                el(Tag::I, vec![t("z")]),
            ],
        ),
        (
            "<div class=wp><span>one</span> <section>two</section></div>",
            vec![t("one two")],
        ),
        ("<p></p><b></b><ul></ul><p>x</p>", vec![el(Tag::P, vec![t("x")])]),
        ("<p>\n</p>", vec![el(Tag::P, vec![t("\n")])]),
        (
            "<p>a</p>\n\n<p>b</p>",
            vec![el(Tag::P, vec![t("a")]), el(Tag::P, vec![t("b")])],
        ),
        (
            "<b>a</b> <i>b</i>",
            vec![el(Tag::B, vec![t("a")]), t(" "), el(Tag::I, vec![t("b")])],
        ),
        ("<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->", vec![el(Tag::P, vec![t("x")])]),
        ("<!DOCTYPE html><?xml version='1.0'?>x", vec![t("x")]),
        ("a < b > c, 1<2", vec![t("a < b > c, 1<2")]),
        ("x</>y", vec![t("xy")]),
        ("x</ y>z", vec![t("xz")]),
        ("trailing <", vec![t("trailing <")]),
        ("trailing </", vec![t("trailing </")]),
        ("<p title=\"a>b\">x</p>", vec![ela(Tag::P, &[(Attr::Title, "a>b")], vec![t("x")])]),
        ("<p title=\"first\" TITLE=\"second\">x</p>", vec![ela(Tag::P, &[(Attr::Title, "first")], vec![t("x")])]),
        ("<p title>x</p>", vec![ela(Tag::P, &[(Attr::Title, "")], vec![t("x")])]),
        ("<p>x</p title=\"</p>\">y", vec![el(Tag::P, vec![t("x")]), t("y")]),
        ("a\r\nb\rc", vec![t("a\nb\nc")]),
        ("a\0b", vec![t("ab")]),
        (
            "<img src=/i.png width=100% height=0 alt>",
            vec![ela(Tag::Img, &[(Attr::Src, "/i.png"), (Attr::Alt, "")], vec![])],
        ),
        (
            "<img src=/i.png width=' 007 ' height=10001>",
            vec![ela(Tag::Img, &[(Attr::Src, "/i.png"), (Attr::Width, "7")], vec![])],
        ),
        (
            "<img src=/a.png srcset='/a.png 1x,/b.png 2x' sizes='(max-width: 600px) 100vw, 600px'>",
            vec![ela(
                Tag::Img,
                &[
                    (Attr::Src, "/a.png"),
                    (Attr::Srcset, "/a.png 1x, /b.png 2x"),
                    (Attr::Sizes, "(max-width: 600px) 100vw, 600px"),
                ],
                vec![],
            )],
        ),
        (
            "<img src='https://cdn.example/a.jpg' srcset='https://cdn.example/a.jpg 300w, https://cdn.example/b.jpg 1024w'>",
            vec![ela(
                Tag::Img,
                &[
                    (Attr::Src, "https://cdn.example/a.jpg"),
                    (
                        Attr::Srcset,
                        "https://cdn.example/a.jpg 300w, https://cdn.example/b.jpg 1024w",
                    ),
                ],
                vec![],
            )],
        ),
        ("<a>no href</a>", vec![t("no href")]),
        ("<a href=''>empty</a>", vec![t("empty")]),
        ("<img alt=x>", vec![]),
        (
            "<p><a href='#top'>t</a> <a href='?p=2'>q</a> <a href='./x'>r</a> <a href='../y'>u</a> <a href='page.html'>v</a></p>",
            vec![el(
                Tag::P,
                vec![
                    ela(Tag::A, &[(Attr::Href, "#top")], vec![t("t")]),
                    t(" "),
                    ela(Tag::A, &[(Attr::Href, "?p=2")], vec![t("q")]),
                    t(" "),
                    ela(Tag::A, &[(Attr::Href, "./x")], vec![t("r")]),
                    t(" "),
                    ela(Tag::A, &[(Attr::Href, "../y")], vec![t("u")]),
                    t(" "),
                    ela(Tag::A, &[(Attr::Href, "page.html")], vec![t("v")]),
                ],
            )],
        ),
        (
            "<a href=' https://x.com/\n a '>s</a>",
            vec![link("https://x.com/ a", vec![t("s")])],
        ),
        (
            "<a href='/x:y'>c</a>",
            vec![ela(Tag::A, &[(Attr::Href, "/x:y")], vec![t("c")])],
        ),
        ("<img src='mailto:x@y'>", vec![]),
    ]);
}

#[test]
fn long_attribute_values() {
    let long = "é".repeat(3000);
    let got = sanitize(&format!("<p title='{long}'>x</p>"));
    assert_safe(&got, "long title");
    let Some(Node::Element { attrs, .. }) = got.first() else {
        panic!("{got:?}");
    };
    assert_eq!(attrs.len(), 1);
    assert_eq!(attrs[0].1.chars().count(), MAX_ATTR_CHARS);
    let path = "a".repeat(3000);
    assert_eq!(sanitize(&format!("<a href='/{path}'>x</a>")), vec![t("x")]);
    assert_eq!(sanitize(&format!("<img src='/{path}'>")), vec![]);
}

#[test]
fn implied_closes() {
    check(&[
        (
            "<p>a<p>b",
            vec![el(Tag::P, vec![t("a")]), el(Tag::P, vec![t("b")])],
        ),
        (
            "<p>a<h2>b</h2>",
            vec![el(Tag::P, vec![t("a")]), el(Tag::H2, vec![t("b")])],
        ),
        // The paragraph closes first; the heading it was in is then the current
        // element and closes too, as in browsers (found by html_serialize_round_trip;
        // the first heading, left empty, is dropped like any empty element).
        (
            "<h2><p><h2>x</h2>a",
            vec![el(Tag::H2, vec![t("x")]), t("a")],
        ),
        (
            "<p>a<ul><li>b</ul>c",
            vec![
                el(Tag::P, vec![t("a")]),
                el(Tag::Ul, vec![el(Tag::Li, vec![t("b")])]),
                t("c"),
            ],
        ),
        (
            "<p>a<blockquote>q</blockquote>",
            vec![el(Tag::P, vec![t("a")]), el(Tag::Blockquote, vec![t("q")])],
        ),
        (
            "<p>a<pre>p</pre>",
            vec![el(Tag::P, vec![t("a")]), el(Tag::Pre, vec![t("p")])],
        ),
        (
            "<p>a<hr>b",
            vec![el(Tag::P, vec![t("a")]), el(Tag::Hr, vec![]), t("b")],
        ),
        (
            "<p>a<table><tr><td>c</table>",
            vec![
                el(Tag::P, vec![t("a")]),
                el(
                    Tag::Table,
                    vec![el(
                        Tag::Tbody,
                        vec![el(Tag::Tr, vec![el(Tag::Td, vec![t("c")])])],
                    )],
                ),
            ],
        ),
        (
            "<p>a<figure><img src=/x></figure>",
            vec![el(Tag::P, vec![t("a")]), el(Tag::Figure, vec![img("/x")])],
        ),
        (
            "<p>a<ol><li>b</ol>",
            vec![
                el(Tag::P, vec![t("a")]),
                el(Tag::Ol, vec![el(Tag::Li, vec![t("b")])]),
            ],
        ),
        ("<p>a<div>b</div>c", vec![el(Tag::P, vec![t("a")]), t("bc")]),
        ("<div><p>a</div>b", vec![el(Tag::P, vec![t("a")]), t("b")]),
        (
            "<ul><li>a<li>b<li>c</ul>",
            vec![el(
                Tag::Ul,
                vec![
                    el(Tag::Li, vec![t("a")]),
                    el(Tag::Li, vec![t("b")]),
                    el(Tag::Li, vec![t("c")]),
                ],
            )],
        ),
        (
            "<ul><li>a<ul><li>b</ul><li>c</ul>",
            vec![el(
                Tag::Ul,
                vec![
                    el(
                        Tag::Li,
                        vec![t("a"), el(Tag::Ul, vec![el(Tag::Li, vec![t("b")])])],
                    ),
                    el(Tag::Li, vec![t("c")]),
                ],
            )],
        ),
        (
            "<li><p>x<li>y",
            vec![
                el(Tag::Li, vec![el(Tag::P, vec![t("x")])]),
                el(Tag::Li, vec![t("y")]),
            ],
        ),
        (
            "<table><tr><td>1<td>2<tr><th>3<td>4</table>",
            vec![el(
                Tag::Table,
                vec![el(
                    Tag::Tbody,
                    vec![
                        el(
                            Tag::Tr,
                            vec![el(Tag::Td, vec![t("1")]), el(Tag::Td, vec![t("2")])],
                        ),
                        el(
                            Tag::Tr,
                            vec![el(Tag::Th, vec![t("3")]), el(Tag::Td, vec![t("4")])],
                        ),
                    ],
                )],
            )],
        ),
        (
            "<table><thead><tr><th>h<tbody><tr><td>d</table>",
            vec![el(
                Tag::Table,
                vec![
                    el(
                        Tag::Thead,
                        vec![el(Tag::Tr, vec![el(Tag::Th, vec![t("h")])])],
                    ),
                    el(
                        Tag::Tbody,
                        vec![el(Tag::Tr, vec![el(Tag::Td, vec![t("d")])])],
                    ),
                ],
            )],
        ),
        (
            "<table><tr><td><table><tr><td>in</table>out</table>",
            vec![table(vec![el(
                Tag::Td,
                vec![table(vec![el(Tag::Td, vec![t("in")])]), t("out")],
            )])],
        ),
        (
            // A cell outside a table is no cell: HTML ignores its tags.
            "<td><b>x</td>y",
            vec![el(Tag::B, vec![t("xy")])],
        ),
        ("<b><td>x</b>y", vec![el(Tag::B, vec![t("x")]), t("y")]),
        (
            "<h2>a<h3>b",
            vec![el(Tag::H2, vec![t("a")]), el(Tag::H3, vec![t("b")])],
        ),
        ("<h2>a</h3>b", vec![el(Tag::H2, vec![t("a")]), t("b")]),
        (
            "<a href=/1>a<a href=/2>b</a>",
            vec![
                ela(Tag::A, &[(Attr::Href, "/1")], vec![t("a")]),
                ela(Tag::A, &[(Attr::Href, "/2")], vec![t("b")]),
            ],
        ),
        (
            "<p>a</br>b",
            vec![el(Tag::P, vec![t("a"), el(Tag::Br, vec![]), t("b")])],
        ),
        ("<b/>bold", vec![el(Tag::B, vec![t("bold")])]),
    ]);
}

#[test]
fn entities() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("no refs", "no refs"),
        ("&amp; &lt; &gt; &quot; &apos;", "& < > \" '"),
        ("a&nbsp;b", "a\u{A0}b"),
        ("&hellip;&mdash;&ndash;", "…—–"),
        (
            "&lsquo;x&rsquo; &ldquo;y&rdquo; &laquo;z&raquo;",
            "‘x’ “y” «z»",
        ),
        ("&copy;&reg;&trade;", "©®™"),
        (
            "&eacute;&egrave;&agrave;&ccedil;&uuml;&ouml;&auml;",
            "éèàçüöä",
        ),
        ("&Eacute;&AMP;&LT;", "É&<"),
        ("&#38;&#038;&#x26;&#X26;", "&&&&"),
        ("&#8217;&#x2019;", "’’"),
        ("&#128512;&#x1F600;", "😀😀"),
        ("&#65&#66", "AB"),
        ("&#x41&#x42 x", "AB x"),
        ("&#0000106;", "j"),
        ("&#0;", "\u{FFFD}"),
        ("&#x0", "\u{FFFD}"),
        ("&#xD800;&#55296;", "\u{FFFD}\u{FFFD}"),
        ("&#x110000;", "\u{FFFD}"),
        ("&#99999999999999999999999;", "\u{FFFD}"),
        ("&#150;&#x92;&#x81;", "–’\u{81}"),
        ("&#;&#x;&#xg;&#", "&#;&#x;&#xg;&#"),
        ("&unknown; &foo &; & &&", "&unknown; &foo &; & &&"),
        ("&amp &lt3 &copy2024", "& <3 ©2024"),
        ("&ampx; &notanentity;", "&x; ¬anentity;"),
        ("&hellip &mdash", "&hellip &mdash"),
        ("&Amp; &EACUTE;", "&Amp; &EACUTE;"),
        ("&colon;&Tab;&sol;", ":\t/"),
        ("é&eacute;😀&amp;", "éé😀&"),
        ("&amp;amp;", "&amp;"),
    ];
    for (input, expected) in cases {
        assert_eq!(decode_entities(input), *expected, "input: {input:?}");
    }
    // Attribute values keep `&name` before `=`/alphanumerics, as HTML reads them.
    check(&[(
        "<a href='?a=1&copy=2&lt;3&amp x &ampy'>q</a>",
        vec![ela(
            Tag::A,
            &[(Attr::Href, "?a=1&copy=2<3& x &ampy")],
            vec![t("q")],
        )],
    )]);
    check(&[
        ("Tips &#038; Tricks", vec![t("Tips & Tricks")]),
        (
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            vec![t("<script>alert(1)</script>")],
        ),
        (
            "<a href='/s?a=1&copy=2&amp;b=3'>x</a>",
            vec![ela(
                Tag::A,
                &[(Attr::Href, "/s?a=1&copy=2&b=3")],
                vec![t("x")],
            )],
        ),
        (
            "<p title='&quot;q&quot; &#39;s'>x</p>",
            vec![ela(Tag::P, &[(Attr::Title, "\"q\" 's")], vec![t("x")])],
        ),
    ]);
}

#[test]
fn text_and_plain_text() {
    assert_eq!(to_plain_text("Tips &#038; Tricks"), "Tips & Tricks");
    assert_eq!(
        to_plain_text("  <p>One</p><p>Two\n\n three</p>  "),
        "One Two three"
    );
    assert_eq!(to_plain_text("a<br>b"), "a b");
    assert_eq!(to_plain_text("<b>bo</b>ld"), "bold");
    assert_eq!(
        to_plain_text("<ul><li>x</li><li>y</li></ul><table><tr><td>1</td><td>2</td></tr></table>"),
        "x y 1 2"
    );
    assert_eq!(to_plain_text("a&nbsp;&nbsp;b"), "a b");
    assert_eq!(
        to_plain_text("<script>var x = 1;</script>Visible"),
        "Visible"
    );
    assert_eq!(to_plain_text(""), "");
    assert_eq!(to_plain_text(" \n "), "");
    assert_eq!(text_of(&[t("  a  "), t(" b ")]), "a b");
    assert_eq!(text_of(&[]), "");
}

#[test]
fn dropped_elements() {
    let dropped = [
        "script", "style", "iframe", "object", "applet", "noscript", "noembed", "noframes",
        "template", "textarea", "title", "xmp", "svg", "math", "select", "option", "button",
        "form", "audio", "video", "canvas",
    ];
    // (`<q>` is no tag that ends foreign content, as `<b>` would end an `<svg>`.)
    for name in dropped {
        for input in [
            format!("a<{name}>x<q>y</q></{name}>b"),
            format!("a<{} title=t>x<q>y</q></{}>b", name.to_uppercase(), name),
        ] {
            let got = sanitize(&input);
            assert_safe(&got, &input);
            assert_eq!(got, vec![t("ab")], "input: {input:?}");
        }
    }
    // Ignored in a body by HTML itself, as these: the tag goes, any content stays.
    for name in [
        "frame", "embed", "input", "source", "track", "link", "meta", "base", "param", "frameset",
        "head",
    ] {
        let input = format!("a<{name} src=/x href=/y>b");
        assert_eq!(sanitize(&input), vec![t("ab")], "input: {input:?}");
    }
    for name in [
        "div",
        "span",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "center",
        "font",
        "mark",
        "abbr",
        "time",
        "label",
        "picture",
        "custom-tag",
        "x",
    ] {
        let input = format!("<{name} class=c>a<b>b</b></{name}>");
        assert_eq!(
            sanitize(&input),
            vec![t("a"), el(Tag::B, vec![t("b")])],
            "input: {input:?}"
        );
    }
    check(&[
        // Raw text: no tags are recognized inside.
        ("<script>\"</script>\"after", vec![t("\"after")]),
        (
            "<script>document.write('</scr'+'ipt>')</script>x",
            vec![t("x")],
        ),
        ("<script>if (a<b) x('</b>')</script>ok", vec![t("ok")]),
        ("<SCRIPT>x</ScRiPt >ok", vec![t("ok")]),
        ("<script>x</scriptx>y</script>ok", vec![t("ok")]),
        ("<script>x</script", vec![]),
        ("<script>never closed <p>hidden</p>", vec![]),
        ("<script/>alert(1)</script>ok", vec![t("ok")]),
        (
            "<title><img src=x onerror=alert(1)></title>ok",
            vec![t("ok")],
        ),
        ("<textarea><img src=x></textarea>ok", vec![t("ok")]),
        ("<style><img src=x></style>ok", vec![t("ok")]),
        ("<xmp><img src=x></xmp>ok", vec![t("ok")]),
        ("<noembed><img src=x></noembed>ok", vec![t("ok")]),
        ("<noframes><img src=x></noframes>ok", vec![t("ok")]),
        ("<iframe><img src=x></iframe>ok", vec![t("ok")]),
        ("<plaintext><img src=x></plaintext>still text", vec![]),
        (
            "ok<style><!--</style>--><b>x</b>",
            vec![t("ok-->"), el(Tag::B, vec![t("x")])],
        ),
        // Nested same-name dropped elements are counted.
        ("<object><object></object>x</object>ok", vec![t("ok")]),
        // HTML's breakout tags (`<p>`, `<b>`, ...) end foreign content, as in browsers.
        (
            "<svg><svg/><p>x</p></svg>ok",
            vec![el(Tag::P, vec![t("x")]), t("ok")],
        ),
        // Self-closing foreign elements are empty.
        ("<svg/>ok", vec![t("ok")]),
        ("<math/>ok", vec![t("ok")]),
        (
            "<p>a<svg><p>b</p></svg>c</p>",
            vec![el(Tag::P, vec![t("a")]), el(Tag::P, vec![t("b")]), t("c")],
        ),
        ("<p><select>x</p><p>y", vec![]),
        ("<!--<script>-->ok", vec![t("ok")]),
        ("<!---->ok<!-->x", vec![t("okx")]),
        ("<!--->ok", vec![t("ok")]),
        ("<!-- a --!>ok", vec![t("ok")]),
        ("<!-- never closed <p>x", vec![]),
        ("<![CDATA[<b>x</b>]]>y", vec![t("x]]>y")]),
    ]);
}

/// OWASP XSS filter evasion cheat sheet and mutation-XSS vectors, one JSON
/// list shared with the browser test (`tests/xss.rs`), which renders each of
/// them and watches for script execution.
fn vectors() -> Vec<String> {
    serde_json::from_str(include_str!("../../../tests/fixtures/xss-vectors.json"))
        .expect("tests/fixtures/xss-vectors.json is a JSON array of strings")
}

#[test]
fn xss_vectors_are_neutralized() {
    let vectors = vectors();
    assert!(vectors.len() >= 160, "{} vectors", vectors.len());
    for input in &vectors {
        let got = sanitize(input);
        assert_safe(&got, input);
        let _ = text_of(&got);
    }
}

#[test]
fn xss_vectors_are_distinct() {
    let vectors = vectors();
    for (i, v) in vectors.iter().enumerate() {
        assert!(!vectors[..i].contains(v), "duplicate vector {v:?}");
    }
}

/// `s` lower-cased, with its character references decoded (twice, for
/// `&amp;#106;`), with its CSS escapes (`\0061`, `\j`) resolved, and every
/// `base64,` payload in it decoded: the forms in which a vector hides its code.
fn payload_forms(s: &str) -> Vec<String> {
    let decoded = decode_entities(&decode_entities(s));
    let mut forms = vec![s.to_lowercase(), decoded.to_lowercase()];
    let mut css = String::new();
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            css.push(c);
            continue;
        }
        let mut hex = String::new();
        while hex.len() < 6 && chars.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            hex.extend(chars.next());
        }
        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
            Some(c) => css.push(c),
            None => css.extend(chars.next()),
        }
    }
    forms.push(css.to_lowercase());
    const BASE64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (at, _) in decoded.match_indices("base64,") {
        let data = decoded.get(at + "base64,".len()..).unwrap_or("");
        let (mut bits, mut n, mut bytes) = (0u32, 0, Vec::new());
        for c in data.chars().filter(|c| !c.is_ascii_whitespace()) {
            let Some(v) = BASE64.find(c) else { break };
            bits = (bits << 6) | v as u32;
            n += 6;
            if n >= 8 {
                n -= 8;
                bytes.push((bits >> n) as u8);
            }
        }
        forms.push(String::from_utf8_lossy(&bytes).to_lowercase());
    }
    forms
}

/// Every vector does something the browser test can observe if it ever
/// runs: it calls `alert`, `confirm`, `prompt` or `print`, or sets
/// `window.xss` / calls `top.xss()`.
#[test]
fn xss_vectors_have_observable_payloads() {
    const CALLS: [&str; 7] = [
        "alert(", "alert`", "confirm(", "prompt(", "print(", "xss=1", "xss()",
    ];
    for v in vectors() {
        assert!(
            payload_forms(&v)
                .iter()
                .any(|form| CALLS.iter().any(|call| form.contains(call))),
            "{v:?} calls none of {CALLS:?}"
        );
    }
}

#[test]
fn xss_vectors_exact() {
    let x = || vec![t("x")];
    check(&[
        ("<IMG SRC=\"javascript:alert('XSS');\">", vec![]),
        ("<IMG SRC=JaVaScRiPt:alert('XSS')>", vec![]),
        ("<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>", vec![]),
        ("<a onmouseover=\"alert(document.cookie)\">xxs link</a>", vec![t("xxs link")]),
        ("<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>", vec![t("\"\\>")]),
        ("<IMG SRC=# onmouseover=\"alert('xxs')\">", vec![img("#")]),
        ("<IMG onmouseover=\"alert('xxs')\">", vec![]),
        ("<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>", vec![img("/")]),
        ("<img src=x onerror=\"&#0000106&#0000097\">", vec![img("x")]),
        ("<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>", vec![]),
        ("<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>", vec![]),
        ("<IMG SRC=\"jav\tascript:alert('XSS');\">", vec![]),
        ("<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">", vec![]),
        ("<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">", vec![]),
        ("<IMG SRC=\" &#14;  javascript:alert('XSS');\">", vec![]),
        ("<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>", vec![]),
        ("<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>", vec![t("<")]),
        ("<SCRIPT SRC=http://xss.rocks/xss.js?< B >", vec![]),
        ("<IMG SRC=\"`<javascript:alert>`('XSS')\"", vec![]),
        ("<iframe src=http://xss.rocks/scriptlet.html <", vec![]),
        ("</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>", vec![]),
        ("<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">", vec![]),
        (
            "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
            vec![el(Tag::Ul, vec![el(Tag::Li, vec![t("XSS"), el(Tag::Br, vec![])])])],
        ),
        ("<IMG SRC='vbscript:msgbox(\"XSS\")'>", vec![]),
        ("<svg/onload=alert('XSS')>", vec![]),
        ("<svg onload=alert(1)>after", vec![]),
        ("<BODY ONLOAD=alert('XSS')>text", vec![t("text")]),
        ("<BR SIZE=\"&{alert('XSS')}\">", vec![el(Tag::Br, vec![])]),
        ("<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">", vec![]),
        ("<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">", vec![]),
        ("<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>", vec![]),
        ("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>after", vec![t("after")]),
        ("<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>", vec![]),
        ("<TABLE BACKGROUND=\"javascript:alert('XSS')\">", vec![]),
        (
            "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">",
            vec![table(vec![el(Tag::Td, vec![])])],
        ),
        ("<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">d</DIV>", vec![t("d")]),
        ("<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->", vec![]),
        ("<BASE HREF=\"javascript:alert('XSS');//\">", vec![]),
        ("<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>", vec![]),
        ("<SCRIPT a=\">\" SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>", vec![]),
        ("<SCRIPT>document.write(\"<SCRI\");</SCRIPT>PT SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>", vec![t("PT SRC=\"httx://xss.rocks/xss.js\">")]),
        ("<A HREF=\"http://66.102.7.147/\">XSS</A>", vec![link("http://66.102.7.147/", vec![t("XSS")])]),
        ("<A HREF=\"//www.google.com/\">XSS</A>", vec![t("XSS")]),
        ("<A HREF=\"javascript:document.location='http://www.google.com/'\">XSS</A>", vec![t("XSS")]),
        ("<a href=\"  javascript:alert(1)\">x</a>", x()),
        ("<a href=\"java\nscript:alert(1)\">x</a>", x()),
        ("<a href=\"java&Tab;script&colon;alert(1)\">x</a>", x()),
        ("<a href=\"javascript&#0000058alert(1)\">x</a>", x()),
        ("<a href=\"\x01\x02javascript:alert(1)\">x</a>", x()),
        ("<a href=\"java&#0;script:alert(1)\">x</a>", x()),
        ("<a href=\"&amp;#106;avascript:alert(1)\">x</a>", x()),
        ("<a href=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>x</a>", x()),
        ("<a href=\"/\\evil.example\">x</a>", x()),
        ("<a href=\"/\t/evil.example\">x</a>", x()),
        ("<a href=\"file:///etc/passwd\">x</a>", x()),
        ("<img src=\"x\" srcset=\"/ok.png 1x, javascript:alert(1) 2x\">", vec![img("x")]),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", vec![]),
        ("<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>", vec![]),
        (
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            vec![img("x"), t("\">")],
        ),
        ("<form action=javascript:alert(1)><button>X</button></form>", vec![]),
        ("<details open ontoggle=alert(1)>d", vec![t("d")]),
        ("<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>XSS</text></a></svg>", vec![]),
        ("<img src=x onerror=alert(1)//", vec![]),
        ("<img src=\"x\" style=\"background:url(javascript:alert(1))\">", vec![img("x")]),
        (
            "<a href=\"https://ok.example\" onclick=\"alert(1)\" style=\"x\">ok</a>",
            vec![link("https://ok.example", vec![t("ok")])],
        ),
        ("<scr<script>ipt>alert(1)</scr</script>ipt>", vec![t("ipt>alert(1)ipt>")]),
        ("<!--><img src=x onerror=alert(1)>-->", vec![img("x"), t("-->")]),
        ("<![CDATA[<img src=x onerror=alert(1)>]]>", vec![t("]]>")]),
        ("<a href=\"\u{A0}javascript:alert(1)\">x</a>", x()),
        ("<img src=x:alert(1) onerror=eval(src)>", vec![]),
        ("<textarea></textarea><img src=x onerror=alert(1)>", vec![img("x")]),
        ("<title></title><a href=javascript:alert(1)>x</a>", x()),
        (
            "<table><td colspan=\"javascript:alert(1)\" title=\"x\">c</td></table>",
            vec![table(vec![ela(Tag::Td, &[(Attr::Title, "x")], vec![t("c")])])],
        ),
        (
            "<a href=\"#\" target=\"javascript:alert(1)\" rel=\"javascript:x\">x</a>",
            vec![ela(Tag::A, &[(Attr::Href, "#")], x())],
        ),
    ]);
}

/// xorshift64*, enough for fuzzing.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_input_never_panics() {
    const FRAGMENTS: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "a",
        "p",
        "b",
        "li",
        "td",
        "tr",
        "table",
        "svg",
        "=",
        "\"",
        "'",
        "&#",
        "&#x",
        "&",
        ";",
        "amp",
        "x",
        "0",
        "9",
        " ",
        "\n",
        "\t",
        "script",
        "<!--",
        "-->",
        "--",
        "!",
        "?",
        "é",
        "😀",
        "\0",
        "\r",
        "href",
        "src",
        "srcset",
        "javascript:",
        "http:",
        "//",
        "\\",
        ",",
        "img",
        "br",
        "pre",
        "title",
        "style",
        "math",
        "h1",
        "ul",
        "#",
        "1x",
        "&lt",
        "\u{FFFD}",
        "ß",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5000 {
        let mut s = String::new();
        for _ in 0..rng.below(80) {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        }
        let nodes = sanitize(&s);
        assert!(assert_safe(&nodes, &s) <= MAX_DEPTH + 1);
        let _ = text_of(&nodes);
        let _ = to_plain_text(&s);
        let _ = decode_entities(&s);
        // Every string prefix of every char boundary as well, cheaply.
        if let Some((cut, _)) = s.char_indices().nth(s.chars().count() / 2) {
            let _ = sanitize(s.get(..cut).unwrap_or(""));
        }
    }
}

#[test]
fn deep_nesting_is_capped() {
    let n = 100_000;
    let input = format!("{}x{}", "<b>".repeat(n), "</b>".repeat(n));
    let nodes = sanitize(&input);
    assert_eq!(assert_safe(&nodes, "deep b"), MAX_DEPTH);
    assert_eq!(text_of(&nodes), "x");
    drop(nodes);

    // Unclosed, mixed, and through unwrapped/dropped wrappers.
    for input in [
        "<b><i>".repeat(n / 2),
        format!("{}y", "<li><ul>".repeat(n / 2)),
        format!("{}y", "<table><tr><td>".repeat(n / 3)),
        format!("{}y{}", "<div>".repeat(n), "</div>".repeat(n)),
        format!("{}y{}", "<svg>".repeat(n), "</svg>".repeat(n)),
        format!("{}y", "<blockquote><p>".repeat(n / 2)),
        format!("{}z", "<a href=/>".repeat(n)),
        format!("{}z", "<h2>".repeat(n)),
        // Past the parser's depth cap, a raw text element still ends where it ends.
        format!("{}<script/>x</script><p>y", "<b>".repeat(300)),
        format!("{}<textarea>x</textarea><p>y", "<div>".repeat(300)),
    ] {
        let nodes = sanitize(&input);
        assert!(assert_safe(&nodes, "deep") <= MAX_DEPTH + 1);
        let _ = text_of(&nodes);
        let copy = nodes.clone();
        assert_eq!(copy, nodes);
    }
}

#[test]
fn serialized_nodes_parse_back_to_the_same_nodes() {
    // Each once lost something on the way back (found by `html_serialize_round_trip`).
    for input in [
        "<pre>\n\nx</pre>",
        "a<pre><a href=\"mailto\0:x\">\r\n</pre><td>x",
        "</p>\u{feff}",
        "<p>a</p>\u{feff}b",
    ] {
        let nodes = sanitize(input);
        assert_eq!(sanitize(&to_html(&nodes)), nodes, "input: {input:?}");
    }
}

#[test]
fn nesting_past_the_parse_cap_loses_its_tags_not_its_text() {
    use super::depth::{cap_depth, MAX_PARSE_DEPTH};
    use std::borrow::Cow;
    // What does not nest, or not that deep, passes untouched: paragraphs and list items
    // without end tags, an icon's self-closing paths, tags inside a script.
    for ordinary in [
        "<p>a<b>b</b>".repeat(10_000),
        "<ul><li>x<li>y</ul>".repeat(10_000),
        format!("<svg>{}</svg>", "<path d='M0 0'/>".repeat(1_000)),
        format!("<script>{}</script>", "if (a<b) {}".repeat(1_000)),
    ] {
        assert!(matches!(cap_depth(&ordinary), Cow::Borrowed(_)));
    }
    let n = MAX_PARSE_DEPTH + 10;
    let deep = format!("{}x{}after", "<i>".repeat(n), "</I >".repeat(n));
    let capped = format!(
        "{}x{}after",
        "<i>".repeat(MAX_PARSE_DEPTH),
        "</I >".repeat(MAX_PARSE_DEPTH)
    );
    assert_eq!(cap_depth(&deep), capped);
}

#[test]
fn large_inputs_complete_safely() {
    // Quadratic behaviour on these would take minutes instead of a second: no clock here.
    let n = 200_000;
    for input in [
        "<".repeat(n),
        "</".repeat(n),
        "<a ".repeat(n),
        "<!--".repeat(n),
        "<!".repeat(n),
        "-".repeat(n),
        "&".repeat(n),
        "&#".repeat(n),
        "&amp".repeat(n),
        "&eacutex".repeat(n / 4),
        format!("<script>{}", "</scrip".repeat(n / 4)),
        format!("<p title='{}", "x".repeat(n)),
        format!("<!--{}", "-".repeat(n)),
        "<p>".repeat(n),
        "<li>".repeat(n),
        "<td>".repeat(n),
        "a<b></b>".repeat(n / 4),
        "<i>".repeat(64) + &"</b>".repeat(n / 2),
        format!("<img src=/ srcset='{}'>", "/a 1x,".repeat(n / 4)),
    ] {
        let nodes = sanitize(&input);
        assert_safe(&nodes, "large");
        let _ = text_of(&nodes);
    }
}

#[test]
fn types_are_serde() {
    fn serde<T: Serialize + for<'de> Deserialize<'de>>() {}
    serde::<Vec<Node>>();
    serde::<Tag>();
    serde::<Attr>();
}

/// A picture pasted into a post as `data:` stays, as a raster image in base64; anything else
/// under `data:` goes, and so does a picture too large or not made of base64.
#[test]
fn data_pictures_stay_in_images_and_nowhere_else() {
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    assert_eq!(
        sanitize(&format!(r#"<img src="{png}" alt="A dot">"#)),
        vec![ela(
            Tag::Img,
            &[(Attr::Src, png), (Attr::Alt, "A dot")],
            Vec::new()
        )]
    );
    // Spaces and line breaks inside the base64, as editors wrap it, and any case of the type.
    let wrapped = "DATA:image/JPEG;base64, /9j/4AAQ\n SkZJRg==";
    assert_eq!(
        sanitize(&format!(r#"<img src="{wrapped}">"#)),
        vec![ela(
            Tag::Img,
            &[(Attr::Src, "data:image/jpeg;base64,/9j/4AAQSkZJRg==")],
            Vec::new()
        )]
    );
    for src in [
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/png,rawbytes",
        "data:image/png;base64,\"><script>alert(1)</script>",
        "data:image/png;base64,",
    ] {
        let nodes = sanitize(&format!(r#"<p><img src='{src}'>x</p>"#));
        assert_eq!(nodes, vec![el(Tag::P, vec![t("x")])], "{src}");
    }
    let huge = format!("data:image/png;base64,{}", "A".repeat(MAX_DATA_PICTURE));
    assert!(sanitize(&format!(r#"<img src="{huge}">"#)).is_empty());
    // Not a link target.
    let nodes = sanitize(&format!(r#"<a href="{png}">x</a>"#));
    assert_eq!(to_html(&nodes), "x");
}
