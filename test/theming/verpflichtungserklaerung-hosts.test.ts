import { colourSchemes, onLightAndDarkPages } from './host-pages.js';

onLightAndDarkPages('verpflichtungserklaerung');
colourSchemes();
