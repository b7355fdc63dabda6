import placesJson from './places.generated.json';
import type { PlacesFile } from './places-file';

/**
 * Khánh Hòa's units today, the former Ninh Thuận units and where each one went on 1 July 2025, as
 * imported by `npm run places:import` (see places-file.ts for the shape and the code namespaces).
 * The importer writes it through PlacesFileSchema and a unit test reads it back through the schema,
 * so it is not parsed again here: that walk was ~10 ms of every cold start (issue 17).
 */
export const PLACES = placesJson as PlacesFile;
