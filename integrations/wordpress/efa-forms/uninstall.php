<?php
// Deleting the plugin removes its settings. Pages keep their blocks (which then print nothing) and shortcodes
// (which then show as text).
defined( 'WP_UNINSTALL_PLUGIN' ) || exit;
delete_option( 'efa_forms_settings' );
