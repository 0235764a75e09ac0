/**
 * (v2) The worklist's formula guard, reversible so the team's text round-trips exactly (BRIEF
 * section 6b). It is the guard of every CSV the tool writes (src/shared/csv-cell.ts), so the
 * worklist and the report files guard alike.
 */
export { guardCell, unguardCell } from '../shared/csv-cell.js';
