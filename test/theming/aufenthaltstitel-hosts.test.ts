import { onLightAndDarkPages } from './host-pages.js';

onLightAndDarkPages('aufenthaltstitel');
