/**
 * The block in the editor: two choices, no build step (WordPress's globals only). It saves nothing but its
 * attributes; the plugin prints the element when the page is shown.
 */
(function (blocks, element, blockEditor, components, i18n) {
  const { createElement: h } = element;
  const { __ } = i18n;
  const name = 'efa-forms/form';
  const services = {
    verpflichtungserklaerung: __('Verpflichtungserklärung', 'efa-forms'),
    aufenthaltstitel: __('Aufenthaltstitel', 'efa-forms'),
  };

  blocks.registerBlockType(name, {
    edit({ attributes, setAttributes }) {
      const routes = blocks.getBlockType(name).attributes.route.enum;
      const props = blockEditor.useBlockProps();
      return h(
        'div',
        props,
        h(
          components.Placeholder,
          { icon: 'forms', label: 'efa-forms: ' + services[attributes.service] },
          h(components.SelectControl, {
            label: __('Form', 'efa-forms'),
            value: attributes.service,
            options: Object.entries(services).map(([value, label]) => ({ value, label })),
            onChange: (service) => setAttributes({ service, route: '' }),
          }),
          attributes.service === 'aufenthaltstitel' &&
            h(components.SelectControl, {
              label: __('Route', 'efa-forms'),
              value: attributes.route,
              options: routes.map((value) => ({ value, label: value || __('(the form asks first)', 'efa-forms') })),
              onChange: (route) => setAttributes({ route }),
            }),
        ),
      );
    },
    save: () => null,
  });
})(window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n);
