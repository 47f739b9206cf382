<?php
// Router for PHP's built-in server (`php -S … router.php`), standing in for Apache's
// mod_rewrite rules: existing files and directories are served as they are, every other
// path (pretty permalinks, /wp-json/…, missing uploads) goes to WordPress's index.php.
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (strpos($path, '..') === false) {
    $file = $root . $path;
    if (is_file($file) || (is_dir($file) && (is_file("$file/index.php") || is_file("$file/index.html")))) {
        return false; // let the built-in server serve it (or run the .php)
    }
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
