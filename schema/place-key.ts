/**
 * The key of an address among a contact's recent places: its first line and city, trimmed and
 * with A–Z lower-cased — exactly what SQLite's `lower(trim(line1) || '|' || trim(city))` gives,
 * so rows keyed here and rows keyed by SQL (the migration that filled the table) agree.
 */
export const placeKey = (line1: string, city: string): string =>
	`${line1.trim()}|${city.trim()}`.replace(/[A-Z]/g, (c) => c.toLowerCase());
