#!/usr/bin/env python3
"""Validate the bundled sample articles in public/api/articles/.

Checks every article file against the content rules (shape, dates, tags,
images, block types) and a few set-wide properties (six per category, the
deliberate edge cases). Exits non-zero and lists the problems if anything
is off.  Usage:  python3 scripts/check-sample.py   (needs Pillow)
"""

import collections
import datetime as dt
import glob
import html.parser
import json
import os
import re
import sys

from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "public", "api")
ART = os.path.join(ROOT, "articles")

CATEGORIES = ["world", "business", "technology", "science", "culture", "sport"]
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TAGS = {
    "energy", "eu", "climate", "elections", "ai", "football", "cycling", "markets",
    "housing", "transport", "health", "space", "museums", "music", "film", "trade",
    "belgium", "netherlands", "research", "startups", "privacy", "rail", "tennis",
    "agriculture", "water", "books",
}
KNOWN_BLOCKS = {"paragraph", "heading", "quote", "list", "image", "html"}
HTML_TAGS = {"p", "a", "strong", "em", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption"}
WINDOW = (dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc) - dt.timedelta(hours=2),
          dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc))

errors = []
warnings = []


def err(slug, msg):
    errors.append(f"{slug}: {msg}")


def words(text):
    return len(text.split())


def parse_time(slug, field, value):
    if not isinstance(value, str) or not RFC3339.match(value):
        err(slug, f"{field} is not RFC 3339 with offset: {value!r}")
        return None
    t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not (WINDOW[0] <= t < WINDOW[1]):
        err(slug, f"{field} {value} outside 2026-11-01..2026-11-26")
    return t


class HtmlCheck(html.parser.HTMLParser):
    def __init__(self, slug):
        super().__init__()
        self.slug = slug

    def handle_starttag(self, tag, attrs):
        if tag not in HTML_TAGS:
            err(self.slug, f"html block uses <{tag}>")
        for name, value in attrs:
            if tag == "a" and name == "href":
                if not (value or "").startswith("https://"):
                    err(self.slug, f"html link is not https: {value}")
            elif name not in ("href",):
                err(self.slug, f"html attribute {name} on <{tag}>")


def check_plain(slug, where, text):
    if not isinstance(text, str) or not text.strip():
        err(slug, f"{where}: empty or not a string")
        return
    if re.search(r"<[a-zA-Z/]", text):
        err(slug, f"{where}: looks like markup")
    if "'" in text or '"' in text:
        err(slug, f"{where}: straight quote/apostrophe (use ’ “ ”)")
    if "  " in text:
        warnings.append(f"{slug}: {where}: double space")


def check_image(slug, where, img, require_caption=False):
    for key in ("src", "alt", "width", "height"):
        if key not in img:
            err(slug, f"{where}: image missing {key}")
            return None
    path = os.path.join(ROOT, img["src"])
    if not img["src"].startswith("images/") or not os.path.isfile(path):
        err(slug, f"{where}: image file {img['src']} missing")
        return None
    with Image.open(path) as im:
        if (img["width"], img["height"]) != im.size:
            err(slug, f"{where}: {img['src']} is {im.size}, JSON says {img['width']}x{img['height']}")
    if os.path.getsize(path) >= 25 * 1024:
        err(slug, f"{where}: {img['src']} is {os.path.getsize(path)} bytes (>= 25 KB)")
    if words(img["alt"]) < 6:
        err(slug, f"{where}: alt text too short")
    for key in ("alt", "caption", "credit"):
        if key in img:
            check_plain(slug, f"{where}.{key}", img[key])
    return img["src"]


def main():
    files = sorted(glob.glob(os.path.join(ART, "*.json")))
    arts = []
    for f in files:
        name = os.path.basename(f)[:-5]
        try:
            with open(f, encoding="utf-8") as fh:
                a = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(name, f"invalid JSON: {e}")
            continue
        arts.append(a)
        slug = a.get("slug", name)
        for key in ("slug", "title", "category", "published", "body"):
            if key not in a:
                err(slug, f"missing required field {key}")
        allowed = {"slug", "title", "standfirst", "category", "tags", "authors", "published",
                   "updated", "popularity", "image", "body"}
        extra = set(a) - allowed
        if extra:
            err(slug, f"unexpected fields {sorted(extra)}")
        if slug != name:
            err(slug, f"slug does not match file name {name}.json")
        if not SLUG_RE.match(slug) or not 3 <= len(slug.split("-")) <= 7:
            err(slug, "slug must be ^[a-z0-9-]+$ with 3-7 words")
        if a.get("category") not in CATEGORIES:
            err(slug, f"bad category {a.get('category')!r}")
        check_plain(slug, "title", a.get("title"))
        sf = a.get("standfirst", "")
        check_plain(slug, "standfirst", sf)
        if not 20 <= words(sf) <= 35:
            err(slug, f"standfirst has {words(sf)} words (want 20-35)")
        tags = a.get("tags", [])
        if not 2 <= len(tags) <= 4 or len(set(tags)) != len(tags):
            err(slug, f"want 2-4 distinct tags, got {tags}")
        for t in tags:
            if t not in TAGS:
                err(slug, f"tag {t!r} not in shared vocabulary")
        if "authors" in a:
            if not 1 <= len(a["authors"]) <= 2:
                err(slug, "authors must have 1-2 names")
        pub = parse_time(slug, "published", a.get("published"))
        a["_pub"] = pub
        if "updated" in a:
            upd = parse_time(slug, "updated", a["updated"])
            if pub and upd and upd <= pub:
                err(slug, "updated is not later than published")
        if "popularity" in a:
            p = a["popularity"]
            if not isinstance(p, int) or isinstance(p, bool) or p < 0:
                err(slug, f"bad popularity {p!r}")
        if "image" in a:
            check_image(slug, "image", a["image"])
            if "caption" not in a["image"] or "credit" not in a["image"]:
                err(slug, "lead image needs caption and credit")
        counts = collections.Counter()
        for i, b in enumerate(a.get("body", [])):
            t = b.get("type")
            counts[t] += 1
            where = f"body[{i}]"
            if t == "paragraph":
                check_plain(slug, where, b.get("text"))
                n = words(b.get("text", ""))
                if not 50 <= n <= 110:
                    err(slug, f"{where}: paragraph has {n} words (want 50-110)")
            elif t == "heading":
                check_plain(slug, where, b.get("text"))
            elif t == "quote":
                check_plain(slug, where, b.get("text"))
                if "cite" in b:
                    check_plain(slug, where + ".cite", b["cite"])
            elif t == "list":
                items = b.get("items", [])
                if len(items) < 2:
                    err(slug, f"{where}: list needs at least 2 items")
                for j, it in enumerate(items):
                    check_plain(slug, f"{where}.items[{j}]", it)
            elif t == "image":
                check_image(slug, where, b)
            elif t == "html":
                h = b.get("html", "")
                if not h.strip():
                    err(slug, f"{where}: empty html")
                HtmlCheck(slug).feed(h)
            elif t == "poll":
                pass  # deliberate unknown block, the app must skip it
            else:
                err(slug, f"{where}: unexpected block type {t!r}")
        a["_counts"] = counts
        if counts["paragraph"] < 6:
            err(slug, f"only {counts['paragraph']} paragraphs")

    # ---- set-wide rules -------------------------------------------------
    by_cat = collections.defaultdict(list)
    for a in arts:
        by_cat[a.get("category")].append(a["slug"])
    for c in CATEGORIES:
        if len(by_cat[c]) != 6:
            err("SET", f"category {c} has {len(by_cat[c])} articles (want 6)")
    if len(arts) != 36:
        err("SET", f"{len(arts)} articles (want 36)")
    pubs = [a["_pub"] for a in arts if a.get("_pub")]
    if len(set(pubs)) != len(pubs):
        err("SET", "published instants are not all distinct")
    zs = sum(a["published"].endswith("Z") for a in arts)
    ist = sum(a["published"].endswith("+05:30") for a in arts)
    cet = sum(a["published"].endswith("+01:00") for a in arts)
    if zs != 2 or ist != 1 or cet != len(arts) - 3:
        err("SET", f"offsets: Z={zs} +05:30={ist} +01:00={cet}")
    upd = sum("updated" in a for a in arts)
    if not 10 <= upd <= 14:
        err("SET", f"{upd} articles have 'updated' (want about a third)")
    if sum("image" not in a for a in arts) != 1:
        err("SET", "exactly one article must lack an image")
    if sum("authors" not in a for a in arts) != 2:
        err("SET", "exactly two articles must lack authors")
    if sum("popularity" not in a for a in arts) != 1:
        err("SET", "exactly one article must lack popularity")
    pops = collections.Counter(a["popularity"] for a in arts if "popularity" in a)
    ties = [p for p, n in pops.items() if n > 1]
    if ties != [next(iter(ties), None)] or pops[ties[0]] != 2:
        err("SET", f"want exactly one pair of equal popularity, got {ties}")
    big = sum(p > 40000 for p in pops.elements())
    mid = sum(500 <= p <= 15000 for p in pops.elements())
    if not 2 <= big <= 5 or mid < len(arts) * 0.6:
        err("SET", f"popularity not long-tailed enough: >40000={big}, 500-15000={mid}")
    staff = collections.Counter(n for a in arts for n in a.get("authors", []))
    if not 10 <= len(staff) <= 14:
        err("SET", f"{len(staff)} distinct authors (want ~12)")
    tags = collections.Counter(t for a in arts for t in a.get("tags", []))
    total = collections.Counter()
    for a in arts:
        total.update({k: 1 for k in a["_counts"]})
    need = {"list": 8, "image": 6, "html": 5, "heading": 18, "quote": 18}
    for k, n in need.items():
        if total[k] < n:
            err("SET", f"only {total[k]} articles with a {k} block (want >= {n})")
    if total["poll"] != 1:
        err("SET", f"{total['poll']} articles with the unknown 'poll' block (want exactly 1)")
    ordered = sum(any(b.get("type") == "list" and b.get("ordered") for b in a["body"]) for a in arts)
    if ordered < 2:
        err("SET", "want some ordered lists")
    alltext = json.dumps([a["body"] for a in arts], ensure_ascii=False)
    for w in ("Liège", "Québec", "café", "São Paulo"):
        if w not in alltext:
            warnings.append(f"SET: accented word {w} not used in any body")

    for c in CATEGORIES:
        print(f"{c:11} {', '.join(sorted(by_cat[c]))}")
    print(f"\n{len(arts)} articles; updated={upd}; Z={zs}; +05:30={ist}; "
          f"blocks: list={total['list']} (ordered {ordered}) image={total['image']} html={total['html']} "
          f"heading={total['heading']} quote={total['quote']} poll={total['poll']}")
    print(f"authors ({len(staff)}): {dict(staff)}")
    print(f"tags ({len(tags)}): {dict(tags)}")
    words_total = sum(words(b.get("text", "")) for a in arts for b in a["body"])
    print(f"body words: {words_total}")
    for w in warnings:
        print("WARN", w)
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  ", e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
