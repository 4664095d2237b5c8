import { TranslationNote } from "#app/components/translated.tsx";
import type { PlaceView } from "./view-models.ts";

/** A place: the address in its own language (with `lang` and the fallback note), then the municipality. */
export function Place({ place }: { place: PlaceView }) {
  return (
    <>
      {place.address ? <span lang={place.address.lang}>{place.address.text}</span> : null}
      {place.address && place.municipality ? ", " : null}
      {place.municipality}
      <TranslationNote value={place.address} spaced />
    </>
  );
}
