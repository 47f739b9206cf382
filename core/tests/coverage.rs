//! Live coverage (src/coverage.rs, docs/content-api.md §7): decoding a live page, what a poll
//! brings, when to poll next.

use meridian_core::coverage::{
    anchor, count_new, headline, key_events, next_poll_ms, pinned_first, poll_every_ms, stream,
    DEFAULT_POLL_MS, MAX_POLL_MS,
};
use meridian_core::model::{decode, Article, ArticleSummary, LiveStatus, LiveUpdate, OlderUpdates};

fn update(id: &str, pinned: bool, key: bool, title: Option<&str>, text: &str) -> LiveUpdate {
    serde_json::from_value(serde_json::json!({
        "id": id, "published": "2026-11-20T10:00:00+01:00", "title": title,
        "pinned": pinned, "key_event": key,
        "body": [{"type": "paragraph", "text": text}]
    }))
    .unwrap()
}

const LIVE: &str = r#"{"slug": "storm-live", "title": "Storm live", "category": "world",
  "published": "2026-11-20T06:30:00+01:00", "body": [],
  "live": {"status": "live", "older": "storm-live-2.json", "updates": [
    {"id": "u-2", "published": "2026-11-20T10:20:00+01:00", "title": "Ports close",
     "key_event": true, "body": [{"type": "paragraph", "text": "Antwerp shuts."}, {"type": "poll"}]},
    {"id": "u-1", "published": "2026-11-20T10:00:00+01:00", "pinned": true,
     "body": [{"type": "paragraph", "text": "What we know."}]}
  ]}}"#;

#[test]
fn a_live_article_decodes_with_its_updates_and_lists_say_it_is_live() {
    let article: Article = decode("storm-live.json", LIVE).unwrap();
    let live = article.live.unwrap();
    assert_eq!(live.status, LiveStatus::Live);
    assert_eq!(live.older.as_deref(), Some("storm-live-2.json"));
    assert_eq!(live.updates.len(), 2);
    // An unknown block type is skipped, as in an article body.
    assert_eq!(live.updates[0].body.len(), 1);
    assert!(live.updates[1].pinned && !live.updates[1].key_event);
    // A summary read from the same file (an index written by another tool) is live too;
    // `"live": true` and an ended coverage say what they say.
    let summary: ArticleSummary = decode("storm-live.json", LIVE).unwrap();
    assert!(summary.live);
    let ended = LIVE.replace(r#""status": "live""#, r#""status": "ended""#);
    assert!(!decode::<ArticleSummary>("x", &ended).unwrap().live);
    let article: Article = decode("x", &ended).unwrap();
    assert_eq!(article.live.unwrap().status, LiveStatus::Ended);
    // A status this app does not know keeps the page polling.
    let odd = LIVE.replace(r#""status": "live""#, r#""status": "paused""#);
    assert_eq!(
        decode::<Article>("x", &odd).unwrap().live.unwrap().status,
        LiveStatus::Live
    );
}

#[test]
fn a_damaged_update_is_named_by_its_path() {
    let broken = LIVE.replace(r#""id": "u-1", "#, "");
    let e = decode::<Article>("storm-live.json", &broken)
        .unwrap_err()
        .to_string();
    assert!(e.contains("storm-live.json") && e.contains("id"), "{e}");
    let older: OlderUpdates = serde_json::from_str(r#"{"updates": []}"#).unwrap();
    assert!(older.updates.is_empty() && older.older.is_none());
}

#[test]
fn a_poll_counts_only_updates_the_reader_has_not_seen() {
    let shown = vec![
        update("b", false, false, None, "B"),
        update("a", false, false, None, "A"),
    ];
    let mut fresh = shown.clone();
    assert_eq!(count_new(&shown, &fresh), 0);
    fresh.insert(0, update("c", false, false, None, "C"));
    fresh.insert(0, update("d", false, false, None, "D"));
    assert_eq!(count_new(&shown, &fresh), 2);
    // An edited update is not new.
    fresh[2] = update("b", false, false, None, "B, corrected");
    assert_eq!(count_new(&shown, &fresh), 2);
}

#[test]
fn older_pages_follow_the_first_without_an_update_twice() {
    let first = vec![
        update("c", false, false, None, "C"),
        update("b", false, false, None, "B"),
    ];
    let older = vec![
        update("b", false, false, None, "B"),
        update("a", false, false, None, "A"),
    ];
    let ids: Vec<String> = stream(&first, &older).into_iter().map(|u| u.id).collect();
    assert_eq!(ids, ["c", "b", "a"]);
    let (pinned, rest) = pinned_first(&[
        update("c", false, false, None, "C"),
        update("b", true, false, None, "B"),
        update("a", false, false, None, "A"),
    ]);
    assert_eq!(pinned.len(), 1);
    assert_eq!(
        rest.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["c", "a"]
    );
}

#[test]
fn key_events_link_to_their_update() {
    let long = "word ".repeat(40);
    let updates = vec![
        update("u 3", false, true, Some("Ports close"), "x"),
        update("u-2", false, false, Some("Not key"), "x"),
        update("u-1", false, true, None, &long),
    ];
    let events = key_events(&updates);
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0],
        ("update-u_3".to_string(), "Ports close".to_string())
    );
    assert!(
        events[1].1.ends_with('…') && events[1].1.chars().count() <= 81,
        "{}",
        events[1].1
    );
    assert_eq!(
        headline(&update("x", false, false, Some("  "), "Text")),
        "Text"
    );
    assert_eq!(anchor("<script>"), "update-_script_");
}

#[test]
fn polls_back_off_after_failures_and_never_wait_forever() {
    assert_eq!(poll_every_ms(None), DEFAULT_POLL_MS);
    assert_eq!(poll_every_ms(Some(0)), 1_000);
    assert_eq!(poll_every_ms(Some(30)), 30_000);
    assert_eq!(poll_every_ms(Some(u32::MAX)), MAX_POLL_MS);
    assert_eq!(next_poll_ms(15_000, 0), 15_000);
    assert_eq!(next_poll_ms(15_000, 1), 30_000);
    assert_eq!(next_poll_ms(15_000, 3), 120_000);
    assert_eq!(next_poll_ms(15_000, 40), MAX_POLL_MS);
}
