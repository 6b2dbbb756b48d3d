/** Cells a spreadsheet would run as a formula: starting with = + - @ (or a tab or CR that hides one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A cell a spreadsheet would read as a formula gets a leading `'` so it stays text.
 */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return "";
	let text =
		typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text with CRLF line ends, the header first. */
export function toCsv(header: string[], rows: unknown[][]): string {
	return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
