import placesJson from './places.generated.json';
import { type PlacesFile, PlacesFileSchema } from './places-file';

/**
 * Khánh Hòa's units today, the former Ninh Thuận units and where each one went on 1 July 2025, as
 * imported by `npm run places:import` (see places-file.ts for the shape and the code namespaces).
 */
export const PLACES: PlacesFile = PlacesFileSchema.parse(placesJson);
