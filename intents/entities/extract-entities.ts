import type { NormalisedText } from '../normalise';
import type { Entities } from '../taxonomy';
import { aspect } from './aspect';
import { citizenId } from './citizen-id';
import { dossierCode } from './dossier-code';
import { phone } from './phone';
import { place } from './place';

/**
 * All entities of the contract. Codes, phones and ids are read from the raw message (their digits
 * and dots are not syllables); aspect and place from the normalised, shorthand-expanded syllables.
 * A key is present only when its entity is in the message.
 */
export function extractEntities(text: NormalisedText): Entities {
  const found: Entities = {
    dossierCode: dossierCode(text.raw),
    phone: phone(text.raw),
    citizenId: citizenId(text.raw),
    aspect: aspect(text),
    place: place(text),
  };
  return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined)) as Entities;
}
