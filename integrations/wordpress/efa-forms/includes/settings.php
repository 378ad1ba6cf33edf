<?php
/**
 * The webmaster's settings (Settings → efa-forms), one option `efa_forms_settings`. The Settings API checks the
 * capability (manage_options) and the nonce on save; every value is validated here, and a rejected value keeps
 * the previous one and says why.
 */

defined( 'ABSPATH' ) || exit;

const EFA_FORMS_OPTION = 'efa_forms_settings';

/** The choices the elements understand; the first is the default. An empty language follows the page. */
function efa_forms_choices() {
	return array(
		'lang'    => array( '', 'de', 'en', 'uk', 'ru', 'tr', 'fr', 'es', 'ar', 'fa' ),
		'adapter' => array( 'http', 'fit-connect' ),
		'drafts'  => array( 'tab', 'local', 'file', 'none' ),
	);
}

function efa_forms_defaults() {
	return array(
		'endpoint'   => '/api/submissions',
		'authority'  => '',
		'lang'       => '',
		'adapter'    => 'http',
		'drafts'     => 'tab',
		'asset_base' => '',
	);
}

function efa_forms_settings() {
	$stored = get_option( EFA_FORMS_OPTION, array() );
	return array_merge( efa_forms_defaults(), is_array( $stored ) ? $stored : array() );
}

/** AGS (8 digits) or ARS (12 digits), as schemas/submission.schema.json requires. */
function efa_forms_is_authority( $value ) {
	return 1 === preg_match( '/^(?:\d{8}|\d{12})$/D', $value );
}

/** A path on this site ("/api/submissions") or an http(s) URL. */
function efa_forms_is_url_or_path( $value ) {
	return 1 === preg_match( '#^(?:/(?!/)|https?://[^/\s]+)[^\s"<>]*$#D', $value );
}

function efa_forms_sanitize_settings( $input ) {
	$previous = efa_forms_settings();
	$input    = is_array( $input ) ? $input : array();
	$clean    = $previous;

	$authority = trim( (string) ( $input['authority'] ?? '' ) );
	if ( '' === $authority || efa_forms_is_authority( $authority ) ) {
		$clean['authority'] = $authority;
	} else {
		add_settings_error( EFA_FORMS_OPTION, 'authority', __( 'The authority must be an AGS (8 digits) or an ARS (12 digits), e.g. 06414000. The previous value was kept.', 'efa-forms' ) );
	}

	foreach ( array( 'endpoint', 'asset_base' ) as $key ) {
		$value = trim( (string) ( $input[ $key ] ?? '' ) );
		if ( 'asset_base' === $key && '' === $value ) {
			$clean[ $key ] = '';
		} elseif ( efa_forms_is_url_or_path( $value ) ) {
			$clean[ $key ] = esc_url_raw( $value, array( 'http', 'https' ) );
		} else {
			add_settings_error(
				EFA_FORMS_OPTION,
				$key,
				'endpoint' === $key
					? __( 'The endpoint must be a path on this site (e.g. /api/submissions) or an http(s) URL. The previous value was kept.', 'efa-forms' )
					: __( 'The asset base URL must be a path on this site or an http(s) URL, or empty for the files bundled with the plugin. The previous value was kept.', 'efa-forms' )
			);
		}
	}
	if ( '' !== $clean['asset_base'] ) {
		$clean['asset_base'] = trailingslashit( $clean['asset_base'] );
	}

	foreach ( efa_forms_choices() as $key => $allowed ) {
		$value = (string) ( $input[ $key ] ?? '' );
		if ( in_array( $value, $allowed, true ) ) {
			$clean[ $key ] = $value;
		}
	}
	return $clean;
}

function efa_forms_register_settings() {
	register_setting(
		'efa_forms',
		EFA_FORMS_OPTION,
		array(
			'type'              => 'array',
			'sanitize_callback' => 'efa_forms_sanitize_settings',
			'default'           => efa_forms_defaults(),
		)
	);
	add_settings_section( 'efa_forms_main', '', '__return_false', 'efa-forms' );
	$fields = array(
		'endpoint'   => __( 'Endpoint', 'efa-forms' ),
		'authority'  => __( 'Authority (AGS or ARS)', 'efa-forms' ),
		'lang'       => __( 'Language', 'efa-forms' ),
		'adapter'    => __( 'Adapter', 'efa-forms' ),
		'drafts'     => __( 'Drafts', 'efa-forms' ),
		'asset_base' => __( 'Asset base URL', 'efa-forms' ),
	);
	foreach ( $fields as $key => $label ) {
		add_settings_field( 'efa_forms_' . $key, $label, 'efa_forms_render_field', 'efa-forms', 'efa_forms_main', array( 'key' => $key, 'label_for' => 'efa_forms_' . $key ) );
	}
}

function efa_forms_add_settings_page() {
	add_options_page( 'efa-forms', 'efa-forms', 'manage_options', 'efa-forms', 'efa_forms_render_settings_page' );
}

function efa_forms_field_description( $key ) {
	$descriptions = array(
		'endpoint'   => __( 'Where the form sends a submission: a path on this site proxied to the receiver (recommended), or the receiver\'s URL (it must allow this site\'s origin).', 'efa-forms' ),
		'authority'  => __( 'The receiving office\'s Amtlicher Gemeindeschlüssel (8 digits) or Regionalschlüssel (12 digits); part of every submission.', 'efa-forms' ),
		'lang'       => __( 'Empty: the language of the page.', 'efa-forms' ),
		'adapter'    => __( 'http: post to the endpoint; fit-connect: send through the FIT-Connect relay at the endpoint.', 'efa-forms' ),
		'drafts'     => __( 'tab: answers are kept in the browser tab until sent and come back after a reload or Back; local: also across visits, and they can be saved to a file; file: the tab and the file; none: nothing is kept (shared computers).', 'efa-forms' ),
		'asset_base' => __( 'The folder with the release files (efa-verpflichtungserklaerung.js, chunks/ …). Empty: the copy bundled with this plugin.', 'efa-forms' ),
	);
	return $descriptions[ $key ];
}

function efa_forms_render_field( $args ) {
	$key      = $args['key'];
	$settings = efa_forms_settings();
	$id       = 'efa_forms_' . $key;
	$name     = EFA_FORMS_OPTION . '[' . $key . ']';
	$choices  = efa_forms_choices();
	if ( isset( $choices[ $key ] ) ) {
		printf( '<select id="%s" name="%s" aria-describedby="%s-description">', esc_attr( $id ), esc_attr( $name ), esc_attr( $id ) );
		foreach ( $choices[ $key ] as $value ) {
			printf(
				'<option value="%s"%s>%s</option>',
				esc_attr( $value ),
				selected( $settings[ $key ], $value, false ),
				esc_html( '' === $value ? __( '(language of the page)', 'efa-forms' ) : $value )
			);
		}
		echo '</select>';
	} else {
		printf(
			'<input type="text" class="regular-text" id="%s" name="%s" value="%s" aria-describedby="%s-description"%s>',
			esc_attr( $id ),
			esc_attr( $name ),
			esc_attr( $settings[ $key ] ),
			esc_attr( $id ),
			'authority' === $key ? ' inputmode="numeric"' : ''
		);
	}
	printf( '<p class="description" id="%s-description">%s</p>', esc_attr( $id ), esc_html( efa_forms_field_description( $key ) ) );
}

function efa_forms_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<form action="options.php" method="post">
			<?php
			settings_fields( 'efa_forms' );
			do_settings_sections( 'efa-forms' );
			submit_button();
			?>
		</form>
	</div>
	<?php
}
