import { fitsNarrowColumns } from './columns.js';

fitsNarrowColumns('verpflichtungserklaerung');
