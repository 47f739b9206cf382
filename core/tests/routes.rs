//! URL building for every route, at the root and under a sub-path.

use meridian_core::routes::{
    article, category, encode_component, has_scheme, home, is_safe_src, join, parse_page, resolve,
    tag,
};

#[test]
fn routes_at_the_root_and_under_a_sub_path() {
    assert_eq!(home("/"), "/");
    assert_eq!(home("/news/"), "/news/");
    assert_eq!(category("/", "world", 1), "/world");
    assert_eq!(category("/news/", "world", 3), "/news/world?page=3");
    assert_eq!(article("/", "world", "a-b"), "/world/a-b");
    assert_eq!(article("/news", "world", "a-b"), "/news/world/a-b");
    assert_eq!(tag("/", "energy", 1), "/tag/energy");
    assert_eq!(tag("/", "r&d café", 2), "/tag/r%26d%20caf%C3%A9?page=2");
    assert_eq!(join("/news/", "/search"), "/news/search");
}

#[test]
fn page_numbers_fall_back_to_one() {
    assert_eq!(parse_page(None), 1);
    assert_eq!(parse_page(Some("3")), 3);
    for bad in ["0", "-1", "x", "", "99999999999999999999"] {
        assert_eq!(parse_page(Some(bad)), 1, "{bad}");
    }
}

#[test]
fn content_urls_resolve_against_the_base() {
    assert_eq!(resolve("/api", "images/x.jpg"), "/api/images/x.jpg");
    assert_eq!(
        resolve("/api/", "./articles-2.json"),
        "/api/articles-2.json"
    );
    assert_eq!(resolve("/api", "/elsewhere/x.jpg"), "/elsewhere/x.jpg");
    assert_eq!(
        resolve("/api", "https://cdn.example/x.jpg"),
        "https://cdn.example/x.jpg"
    );
    assert!(has_scheme("https://x") && has_scheme("javascript:alert(1)"));
    assert!(!has_scheme("images/a:b.jpg") || has_scheme("images:b"));
    assert!(is_safe_src("images/x.jpg") && is_safe_src("https://x/y.jpg"));
    assert!(
        !is_safe_src("javascript:alert(1)")
            && !is_safe_src(" JavaScript:x")
            && !is_safe_src("data:image/png;base64,x")
    );
    assert_eq!(encode_component("a b/c"), "a%20b%2Fc");
}

#[test]
fn srcset_urls_are_resolved_and_unsafe_ones_dropped() {
    use meridian_core::routes::resolve_srcset;
    assert_eq!(
        resolve_srcset(
            "/api",
            "images/a-400.jpg 400w, https://cdn.example/a-800.jpg 800w"
        )
        .as_deref(),
        Some("/api/images/a-400.jpg 400w, https://cdn.example/a-800.jpg 800w")
    );
    assert_eq!(
        resolve_srcset("/api", "images/b.jpg 2x").as_deref(),
        Some("/api/images/b.jpg 2x")
    );
    for bad in [
        "javascript:alert(1) 400w, images/b.jpg 2x",
        "images/c.jpg",
        "images/d.jpg 0w",
        "a.jpg 2x 3x",
    ] {
        assert_eq!(resolve_srcset("/api", bad), None, "{bad}");
    }
    assert_eq!(resolve_srcset("/api", "data:image/png;base64,xx 1x"), None);
    assert_eq!(resolve_srcset("/api", ""), None);
}

#[test]
fn page_kind_matches_the_routes_under_any_root() {
    use meridian_core::routes::{page_kind, PageKind::*};
    for (root, url, kind) in [
        ("/", "/", Home),
        ("/", "https://paper.example/", Home),
        ("/", "https://paper.example", Home),
        ("/", "/?utm=x#top", Home),
        ("/", "/search?q=grid", Search),
        ("/", "/tag/energy", Tag),
        ("/", "/tag/energy?page=2", Tag),
        ("/", "/world", Section),
        ("/", "/world/", Section),
        ("/", "/world?page=3", Section),
        (
            "/",
            "http://127.0.0.1:8080/world/eu-leaders-agree-grid-compact",
            Article,
        ),
        ("/", "/world/a/b", Other),
        ("/news/", "https://paper.example/news/", Home),
        ("/news/", "/news", Home),
        ("/news/", "/news/world", Section),
        ("/news/", "/news/world/some-story", Article),
        ("/news/", "/news/search", Search),
        ("/news/", "/newsroom", Other),
        ("/news/", "/world", Other),
    ] {
        assert_eq!(page_kind(root, url), kind, "{root} {url}");
    }
}

/// Every link the app builds lands on the route of the table it means, under any root.
#[test]
fn every_link_built_is_a_route_of_the_table() {
    use meridian_core::routes::{article, category, home, page_kind, tag, PageKind::*, ROUTES};
    assert_eq!(
        ROUTES.map(|(kind, _)| kind),
        [Home, Search, Tag, Article, Section]
    );
    for root in ["/", "/news/"] {
        for (url, kind) in [
            (home(root), Home),
            (format!("{}search?q=grid", root), Search),
            (tag(root, "energy", 2), Tag),
            (article(root, "world", "a-story"), Article),
            (category(root, "world", 1), Section),
            (category(root, "world", 3), Section),
        ] {
            assert_eq!(page_kind(root, &url), kind, "{url}");
        }
    }
}
