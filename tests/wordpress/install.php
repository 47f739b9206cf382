<?php
// Installs WordPress from the command line (wp-cli is not available here).
// Usage: php install.php SITE_DIR URL SITE_JSON      (called by tests/wordpress/wordpress start)
if (PHP_SAPI !== 'cli' || $argc !== 4) {
    fwrite(STDERR, "usage: php install.php SITE_DIR URL SITE_JSON\n");
    exit(2);
}
[, $siteDir, $url, $siteJson] = $argv;
require __DIR__ . '/cli-request.php';
fake_request($url);
define('WP_INSTALLING', true);
require $siteDir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

no_network();

$site = json_decode(file_get_contents($siteJson), true, 512, JSON_THROW_ON_ERROR);
if (is_blog_installed()) {
    fwrite(STDERR, "install.php: already installed\n");
    exit(0);
}
$result = wp_install($site['name'], 'admin', 'admin@example.invalid', true, '', 'meridian-admin');
if (is_wp_error($result)) {
    fwrite(STDERR, 'install.php: ' . $result->get_error_message() . "\n");
    exit(1);
}
update_option('blogdescription', $site['tagline'] ?? '');
update_option('timezone_string', $site['time_zone'] ?? 'UTC');
update_option('gmt_offset', '');
update_option('posts_per_page', 10);
update_option('default_comment_status', 'closed');
update_option('default_ping_status', 'closed');

// Pretty permalinks: without them /wp-json/ is not routed (only ?rest_route= works).
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false); // false: no .htaccess, php -S does not read it

// A blank site: the seed is the whole paper. Drop the sample post, page, privacy page, comment.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    wp_delete_post($p->ID, true);
}
foreach (get_comments() as $c) {
    wp_delete_comment($c->comment_ID, true);
}
fwrite(STDERR, sprintf("install.php: WordPress %s installed at %s\n", get_bloginfo('version'), home_url()));
