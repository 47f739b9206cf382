<?php
/**
 * Plugin Name: Meridian popularity
 * Description: Exposes the post meta `popularity` (a number, >= 0) in the REST API as
 *              `meta.popularity`, which the front-end's "Top news" ranks by. Installed as a
 *              must-use plugin by tests/wordpress/wordpress (meta registered from a one-off PHP CLI
 *              script would not persist across requests).
 */
add_action('init', function () {
    register_post_meta('post', 'popularity', [
        'type'         => 'number',
        'single'       => true,
        'show_in_rest' => true,
        'description'  => 'Reader popularity score; absent counts as 0.',
    ]);
});
