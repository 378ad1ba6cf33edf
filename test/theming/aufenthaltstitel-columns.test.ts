import { fitsNarrowColumns } from './columns.js';

fitsNarrowColumns('aufenthaltstitel');
