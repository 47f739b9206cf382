<?php
// What install.php and seed.php share: WordPress run from the command line believes it
// answers a GET of URL's host and port (wp-cli is not available here).

function fake_request(string $url): void
{
    $u = parse_url($url);
    $_SERVER['HTTP_HOST'] = $u['host'] . (isset($u['port']) ? ':' . $u['port'] : '');
    $_SERVER['SERVER_NAME'] = $u['host'];
    $_SERVER['SERVER_PORT'] = $u['port'] ?? 80;
    $_SERVER['REQUEST_URI'] = '/';
    $_SERVER['REQUEST_METHOD'] = 'GET';
    $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
}

// No network and no mail from the harness's WordPress (call once it is loaded).
function no_network(): void
{
    add_filter('pre_http_request', fn() => new WP_Error('http_blocked', 'no network in the test harness'), 1);
    add_filter('pre_wp_mail', '__return_false');
}
