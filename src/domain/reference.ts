/** The kinds the reference data of the process is sorted by. */

/** In the order the member states page groups them. */
export const SUBREGIONS = ['north-america', 'central-america', 'caribbean', 'south-america'] as const;
export type Subregion = (typeof SUBREGIONS)[number];

export function isSubregion(value: unknown): value is Subregion {
  return typeof value === 'string' && (SUBREGIONS as readonly string[]).includes(value);
}

export const DOCUMENT_TYPES = ['commitment', 'consensus', 'recommendations', 'institutional-document'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const NETWORK_KINDS = ['network', 'program'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** How a state came to chair a technical group, as its source words it: elected by the ministers, or
 * designated (the press's word for MISPA VIII). */
export const CHAIR_SELECTIONS = ['elected', 'designated'] as const;
export type ChairSelection = (typeof CHAIR_SELECTIONS)[number];
