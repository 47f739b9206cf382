<?php
// Seeds a freshly installed WordPress with the sample paper in public/: the site.json
// categories, every tag, one user per byline, one attachment per picture and one post per
// public/api/articles/*.json, with the body as block-editor HTML.
// Usage: php seed.php SITE_DIR URL PUBLIC_DIR                (called by tests/wordpress/wordpress start)
if (PHP_SAPI !== 'cli' || $argc !== 4) {
    fwrite(STDERR, "usage: php seed.php SITE_DIR URL PUBLIC_DIR\n");
    exit(2);
}
[, $siteDir, $url, $pub] = $argv;
require __DIR__ . '/cli-request.php';
fake_request($url);
require $siteDir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';

no_network();

function fail(string $what, $err = null): void
{
    $msg = $err instanceof WP_Error ? $err->get_error_message() : (string) $err;
    fwrite(STDERR, "seed.php: $what" . ($msg !== '' ? ": $msg" : '') . "\n");
    exit(1);
}

/** Plain text to HTML text (every character kept: no double-encoding shortcut). */
function h(string $s): string
{
    return htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** RFC 3339 to [GMT, site-local] 'Y-m-d H:i:s'. */
function wp_dates(string $rfc3339): array
{
    $d = new DateTimeImmutable($rfc3339);
    $gmt = $d->setTimezone(new DateTimeZone('UTC'))->format('Y-m-d H:i:s');
    return [$gmt, get_date_from_gmt($gmt)];
}

$site = json_decode(file_get_contents("$pub/site.json"), true, 512, JSON_THROW_ON_ERROR);
$articles = [];
foreach (glob("$pub/api/articles/*.json") as $f) {
    $article = json_decode(file_get_contents($f), true, 512, JSON_THROW_ON_ERROR);
    // A live page's page of older updates sits beside the articles: not one of them.
    if (isset($article['slug'])) $articles[] = $article;
}
// Oldest first, so post ids grow with the publication date as on a real site.
usort($articles, fn($a, $b) => [strtotime($a['published']), $a['slug']] <=> [strtotime($b['published']), $b['slug']]);

// The administrator writes the posts: it has unfiltered_html, so the html blocks are stored
// as they are (kses would otherwise filter them on save).
$admin = get_user_by('login', 'admin') ?: fail('no admin user; run install.php first');
wp_set_current_user($admin->ID);
kses_remove_filters();
// Byline-less articles are attributed to the admin account, shown as the paper itself.
wp_update_user(['ID' => $admin->ID, 'display_name' => $site['name'], 'nickname' => $site['name']]);

// ---------------------------------------------------------------- categories (site.json order)
$catIds = [];
$ensureCategory = function (string $slug, string $name) use (&$catIds) {
    if (isset($catIds[$slug])) {
        return $catIds[$slug];
    }
    $t = term_exists($slug, 'category');
    $t = $t ?: wp_insert_term($name, 'category', ['slug' => $slug]);
    if (is_wp_error($t)) {
        fail("category $slug", $t);
    }
    return $catIds[$slug] = (int) $t['term_id'];
};
foreach ($site['categories'] as $c) {
    $ensureCategory($c['slug'], $c['name']);
}
// No "Uncategorized": the paper's categories are exactly those of site.json.
$uncat = (int) get_option('default_category');
update_option('default_category', reset($catIds));
if ($uncat && !in_array($uncat, $catIds, true)) {
    wp_delete_term($uncat, 'category');
}

// ---------------------------------------------------------------- tags (as written)
$tagIds = [];
foreach ($articles as $a) {
    foreach ($a['tags'] ?? [] as $tag) {
        if (isset($tagIds[$tag])) {
            continue;
        }
        $slug = sanitize_title($tag);
        $t = term_exists($slug, 'post_tag') ?: wp_insert_term($tag, 'post_tag', ['slug' => $slug]);
        if (is_wp_error($t)) {
            fail("tag $tag", $t);
        }
        $tagIds[$tag] = (int) $t['term_id'];
    }
}

// ---------------------------------------------------------------- authors (one user per byline)
$userIds = [];
foreach ($articles as $a) {
    foreach ($a['authors'] ?? [] as $byline) {
        if (isset($userIds[$byline])) {
            continue;
        }
        $login = sanitize_title($byline); // "Hélène Dufresne" -> helene-dufresne
        $parts = explode(' ', $byline, 2);
        $id = wp_insert_user(wp_slash([
            'user_login'    => $login,
            'user_nicename' => $login,
            'user_email'    => "$login@example.invalid",
            'user_pass'     => wp_generate_password(24),
            'display_name'  => $byline,
            'nickname'      => $byline,
            'first_name'    => $parts[0],
            'last_name'     => $parts[1] ?? '',
            'role'          => 'author',
        ]));
        if (is_wp_error($id)) {
            fail("user $byline", $id);
        }
        $userIds[$byline] = $id;
    }
}

// ---------------------------------------------------------------- pictures
// One attachment per distinct picture: the same file with the same alt text, caption and
// credit is uploaded once and reused. The sample reuses some files with a different alt
// text or caption per article; those get their own attachment (photo-1.jpg, ...), so that
// every post's featured media carries its own article's alt text and caption.
$attachments = []; // json of [src, alt, caption, credit] => attachment id
function attachment_for(array $img, string $published): int
{
    global $attachments, $pub;
    $src = $img['src'];
    $key = json_encode([$src, $img['alt'] ?? '', $img['caption'] ?? '', $img['credit'] ?? '']);
    if (isset($attachments[$key])) {
        return $attachments[$key];
    }
    $path = "$pub/api/$src";
    $bits = @file_get_contents($path);
    if ($bits === false) {
        fail("image $path", 'cannot read');
    }
    // Uploads go to uploads/YYYY/MM of the first article using the picture.
    $upload = wp_upload_bits(basename($src), null, $bits, (new DateTimeImmutable($published))->format('Y/m'));
    if (!empty($upload['error'])) {
        fail("upload $src", $upload['error']);
    }
    $type = wp_check_filetype($upload['file']);
    [$gmt, $local] = wp_dates($published);
    $id = wp_insert_attachment(wp_slash([
        'post_mime_type' => $type['type'] ?: 'image/jpeg',
        'post_title'     => pathinfo($upload['file'], PATHINFO_FILENAME),
        'post_excerpt'   => $img['caption'] ?? '', // caption
        'post_content'   => $img['credit'] ?? '', // description: WordPress has no credit field
        'post_status'    => 'inherit',
        'post_date'      => $local,
        'post_date_gmt'  => $gmt,
        'guid'           => $upload['url'],
    ]), $upload['file'], 0, true);
    if (is_wp_error($id)) {
        fail("attachment $src", $id);
    }
    update_post_meta($id, '_wp_attachment_image_alt', wp_slash($img['alt'] ?? ''));
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    return $attachments[$key] = $id;
}

// ---------------------------------------------------------------- body blocks -> block-editor HTML
function block_html(array $b, string $published): ?string
{
    switch ($b['type']) {
        case 'paragraph':
            return "<!-- wp:paragraph -->\n<p>" . h($b['text']) . "</p>\n<!-- /wp:paragraph -->";
        case 'heading':
            return "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">" . h($b['text']) . "</h2>\n<!-- /wp:heading -->";
        case 'quote':
            $cite = isset($b['cite']) && $b['cite'] !== '' ? '<cite>' . h($b['cite']) . '</cite>' : '';
            return "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>"
                . h($b['text']) . "</p>\n<!-- /wp:paragraph -->$cite</blockquote>\n<!-- /wp:quote -->";
        case 'list':
            $ordered = !empty($b['ordered']);
            $tag = $ordered ? 'ol' : 'ul';
            $items = '';
            foreach ($b['items'] as $it) {
                $items .= "<!-- wp:list-item -->\n<li>" . h($it) . "</li>\n<!-- /wp:list-item -->";
            }
            return '<!-- wp:list' . ($ordered ? ' {"ordered":true}' : '') . " -->\n<$tag>$items</$tag>\n<!-- /wp:list -->";
        case 'image':
            $id = attachment_for($b, $published);
            $url = wp_get_attachment_url($id);
            $meta = wp_get_attachment_metadata($id) ?: [];
            $w = (int) ($meta['width'] ?? $b['width'] ?? 0);
            $hgt = (int) ($meta['height'] ?? $b['height'] ?? 0);
            $caption = isset($b['caption']) && $b['caption'] !== ''
                ? '<figcaption class="wp-element-caption">' . h($b['caption']) . '</figcaption>' : '';
            return "<!-- wp:image {\"id\":$id,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
                . '<figure class="wp-block-image size-large"><img src="' . esc_url($url) . '" alt="' . h($b['alt'] ?? '')
                . "\" width=\"$w\" height=\"$hgt\" class=\"wp-image-$id\"/>$caption</figure>\n<!-- /wp:image -->";
        case 'html':
            return "<!-- wp:html -->\n" . $b['html'] . "\n<!-- /wp:html -->";
        default:
            // A block the contract does not know (the sample has one "poll"): nothing in
            // WordPress corresponds to it, so it is left out, as the app skips it.
            return null;
    }
}

// ---------------------------------------------------------------- posts
global $wpdb;
$attachedTo = []; // attachment id => first post
foreach ($articles as $a) {
    [$gmt, $local] = wp_dates($a['published']);
    [$mgmt, $mlocal] = isset($a['updated']) ? wp_dates($a['updated']) : [$gmt, $local];
    $blocks = [];
    foreach ($a['body'] as $b) {
        $html = block_html($b, $a['published']);
        if ($html !== null) {
            $blocks[] = $html;
        }
    }
    $lead = isset($a['image']) ? attachment_for($a['image'], $a['published']) : 0;
    $catId = $ensureCategory($a['category'], $a['category']);
    $authors = $a['authors'] ?? [];
    $postId = wp_insert_post(wp_slash([
        'post_type'      => 'post',
        'post_status'    => 'publish',
        'post_name'      => $a['slug'],
        'post_title'     => $a['title'],
        'post_excerpt'   => $a['standfirst'] ?? '',
        'post_content'   => implode("\n\n", $blocks),
        'post_date'      => $local,
        'post_date_gmt'  => $gmt,
        'post_author'    => $authors ? $userIds[$authors[0]] : $admin->ID,
        'post_category'  => [$catId],
        'tags_input'     => array_map(fn($t) => $tagIds[$t], $a['tags'] ?? []), // ids, not names
        'comment_status' => 'closed',
        'ping_status'    => 'closed',
    ]), true);
    if (is_wp_error($postId)) {
        fail("post {$a['slug']}", $postId);
    }
    // wp_insert_post stamps post_modified with "now" (and a date in the future of this
    // machine's clock would make the post "future", not "publish"): set both directly.
    $wpdb->update($wpdb->posts, [
        'post_status'       => 'publish',
        'post_modified'     => $mlocal,
        'post_modified_gmt' => $mgmt,
    ], ['ID' => $postId]);
    clean_post_cache($postId);
    wp_clear_scheduled_hook('publish_future_post', [$postId]);
    if (isset($a['popularity'])) {
        update_post_meta($postId, 'popularity', $a['popularity']);
    }
    if ($lead) {
        set_post_thumbnail($postId, $lead);
    }
    // Attach each picture to the first post that uses it (media library "Uploaded to").
    preg_match_all('/wp-image-(\d+)/', implode('', $blocks), $m);
    foreach (array_merge($lead ? [$lead] : [], array_map('intval', $m[1])) as $att) {
        if (!isset($attachedTo[$att])) {
            $attachedTo[$att] = $postId;
            $wpdb->update($wpdb->posts, ['post_parent' => $postId], ['ID' => $att]);
            clean_post_cache($att);
        }
    }
    if (get_post($postId)->post_name !== $a['slug']) {
        fail("post {$a['slug']}", 'WordPress changed its slug to ' . get_post($postId)->post_name);
    }
}

$total = (int) wp_count_posts('post')->publish;
fwrite(STDERR, sprintf(
    "seed.php: %d posts, %d categories, %d tags, %d authors, %d pictures\n",
    $total, count($catIds), count($tagIds), count($userIds), count($attachments)
));
if ($total !== count($articles)) {
    fail('published posts', "$total, expected " . count($articles));
}
