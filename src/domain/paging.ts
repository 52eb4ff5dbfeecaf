/** Lists are read a page at a time: `limit` items, 1 to LIMIT_MAX. */
export const LIMIT_MAX = 100;
export const LIMIT_DEFAULT = 50;
