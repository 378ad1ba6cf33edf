<?php
/**
 * The block and the shortcode store only a service and a route; the element, its attributes and its module
 * script are printed here, at render time. That is why a page placed by an editor without unfiltered_html
 * keeps its form: nothing kses would strip is ever saved.
 */

defined( 'ABSPATH' ) || exit;

const EFA_FORMS_SCRIPT_PREFIX = 'efa-forms-';

/** The block's attribute definitions (block/block.json): the one list of services and routes the plugin accepts. */
function efa_forms_attribute_enum( $name ) {
	$block = WP_Block_Type_Registry::get_instance()->get_registered( 'efa-forms/form' );
	return $block->attributes[ $name ]['enum'];
}

function efa_forms_asset_base() {
	$base = efa_forms_settings()['asset_base'];
	return '' === $base ? plugins_url( 'assets/', EFA_FORMS_FILE ) : $base;
}

/**
 * The element for one service, with the webmaster's settings. An unknown service or route prints nothing for
 * visitors and a short notice for those who can edit the page.
 */
function efa_forms_element( $service, $route ) {
	if ( ! in_array( $service, efa_forms_attribute_enum( 'service' ), true ) || ! in_array( $route, efa_forms_attribute_enum( 'route' ), true ) ) {
		return current_user_can( 'edit_posts' )
			? '<p>' . esc_html( sprintf( __( 'efa-forms: unknown service "%1$s" or route "%2$s".', 'efa-forms' ), $service, $route ) ) . '</p>'
			: '';
	}
	$tag      = 'efa-' . $service;
	$settings = efa_forms_settings();

	wp_enqueue_script( EFA_FORMS_SCRIPT_PREFIX . $service, efa_forms_asset_base() . $tag . '.js', array(), EFA_FORMS_VERSION, true );
	// Until the module has defined the element, it is empty: keep its place so the page does not jump.
	wp_register_style( 'efa-forms', false, array(), EFA_FORMS_VERSION );
	wp_enqueue_style( 'efa-forms' );
	wp_add_inline_style( 'efa-forms', $tag . ':not(:defined){display:block;min-block-size:100vh}' );

	$attributes = array(
		'endpoint'  => $settings['endpoint'],
		'adapter'   => $settings['adapter'],
		'authority' => $settings['authority'],
		'lang'      => $settings['lang'],
		'drafts'    => 'tab' === $settings['drafts'] ? '' : $settings['drafts'],
		'route'     => 'aufenthaltstitel' === $service ? $route : '',
	);
	$html = '<' . $tag;
	foreach ( $attributes as $name => $value ) {
		if ( '' !== $value ) {
			$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
		}
	}
	return $html . '></' . $tag . '>';
}

function efa_forms_render_block( $attributes ) {
	return efa_forms_element( $attributes['service'], $attributes['route'] );
}

/** [efa_form service="verpflichtungserklaerung"] or [efa_form service="aufenthaltstitel" route="familie"] */
function efa_forms_render_shortcode( $atts ) {
	$atts = shortcode_atts( array( 'service' => 'verpflichtungserklaerung', 'route' => '' ), $atts, 'efa_form' );
	return efa_forms_element( (string) $atts['service'], (string) $atts['route'] );
}

/** WordPress 6.1 has no script modules (6.5): the element's script gets type="module" here. */
function efa_forms_module_script_tag( $tag, $handle ) {
	if ( 0 !== strpos( $handle, EFA_FORMS_SCRIPT_PREFIX ) ) {
		return $tag;
	}
	$tag = preg_replace( '/\stype=([\'"])[^\'"]*\1/', '', $tag );
	return str_replace( '<script ', '<script type="module" ', $tag );
}
