import { interpolateCividis } from 'd3-scale-chromatic';

/** Each class of the map and the ranking a colour of cividis (a scale made to read the same with
 * colour-vision deficiencies, and in greyscale). */
export const CLASS_COUNT = 5;
export const NO_DATA_COLOUR = '#e6e6e6';

export interface ColourScale {
  /** The upper bound of each class but the last. */
  thresholds: number[];
  colours: string[];
  colourOf(value: number | undefined): string;
}

/** Classes of the map and the ranking: quantiles of the values (one fifth of the states each). */
export function colourScale(values: readonly number[]): ColourScale {
  const sorted = [...values].sort((a, b) => a - b);
  return classScale(
    sorted.length === 0
      ? []
      : Array.from(
          { length: CLASS_COUNT - 1 },
          (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / CLASS_COUNT)] as number,
        ),
  );
}

/** Classes with fixed bounds (the upper bound of each but the last), e.g. rates in percent. */
export function classScale(thresholds: number[]): ColourScale {
  const colours = Array.from({ length: CLASS_COUNT }, (_, i) => interpolateCividis((i + 0.5) / CLASS_COUNT));
  return {
    thresholds,
    colours,
    colourOf(value) {
      if (value === undefined) return NO_DATA_COLOUR;
      const index = thresholds.findIndex((bound) => value < bound);
      return colours[index === -1 ? CLASS_COUNT - 1 : index] as string;
    },
  };
}
