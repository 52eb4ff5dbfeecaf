// The CSV rules are shared with the portal's chart downloads, so they live in the domain layer.
export { csvCell, csvRow } from '../../domain/csv.js';
