/** The ids a generated export gives its rows: fixed-width numbers after a prefix, so they sort in order. */
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
/** The id of the application at index i (from 0). */
export const applicationId = (i: number): string => `DV${pad(i + 1, 8)}`;
/** The id of person number p (from 1). */
export const personId = (p: number): string => `P${pad(p, 8)}`;
