<?php
// WordPress reads the editor script's dependencies from this file (it is what a build step would generate).
return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
	'version'      => '0.1.0',
);
