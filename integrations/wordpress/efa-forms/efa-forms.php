<?php
/**
 * Plugin Name:       efa-forms
 * Description:       Places the efa-forms elements (Verpflichtungserklärung, Aufenthaltstitel) with a block or the shortcode [efa_form]. Editors store only the block's settings; the element and its script are printed by the plugin, so editors without the unfiltered_html capability can place and keep the form.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           EUPL-1.2
 * Text Domain:       efa-forms
 */

defined( 'ABSPATH' ) || exit;

define( 'EFA_FORMS_VERSION', '0.1.0' );
define( 'EFA_FORMS_FILE', __FILE__ );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/render.php';

add_action( 'init', 'efa_forms_register' );
add_action( 'admin_init', 'efa_forms_register_settings' );
add_action( 'admin_menu', 'efa_forms_add_settings_page' );
add_filter( 'script_loader_tag', 'efa_forms_module_script_tag', 10, 2 );

function efa_forms_register() {
	register_block_type( __DIR__ . '/block', array( 'render_callback' => 'efa_forms_render_block' ) );
	add_shortcode( 'efa_form', 'efa_forms_render_shortcode' );
}
