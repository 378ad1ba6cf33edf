import { LANGUAGE_GROUPS, walkLanguages } from '../helpers/languages-walk.js';

walkLanguages(LANGUAGE_GROUPS['latin']);
