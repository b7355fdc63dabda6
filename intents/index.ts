import { IntentNlu } from './intent-nlu';
import { readIntentModel } from './load-model';
import type { Nlu } from './types';

export { aspect, findAspectCues } from './entities/aspect';
export { citizenId, extractCitizenIds } from './entities/citizen-id';
export {
  DEFAULT_DOSSIER_CODE_FORMAT,
  dossierCode,
  dossierCodeRegExp,
  extractDossierCodes,
} from './entities/dossier-code';
export { extractEntities } from './entities/extract-entities';
export { extractPhones, phone } from './entities/phone';
export { extractPlace, extractPlaces, type PlaceMatch, place } from './entities/place';
export { IntentNlu } from './intent-nlu';
export { prepareText } from './prepare-text';
export { expandShorthand } from './shorthand/expand-shorthand';

let cached: Nlu | undefined;

/**
 * The NLU layer, loaded once per process from the committed JSON model (trained at build time by
 * `npm run nlu:train`, never at cold start).
 */
export function loadNlu(): Nlu {
  cached ??= new IntentNlu(readIntentModel(undefined, { trusted: true }));
  return cached;
}
