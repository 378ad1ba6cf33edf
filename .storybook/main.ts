import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // A docs page per element (tag `autodocs` in preview.ts), filled from custom-elements.json.
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
};
export default config;
