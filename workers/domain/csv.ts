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

/** A table read from a file: every row as its cells, text as written (the header is row 0). */
export type CellGrid = string[][];

/**
 * The delimiter of a CSV file: a comma, or the semicolon (or tab) Excel writes where the decimal
 * separator is a comma — whichever splits the first line into the most cells outside quotes.
 */
export function sniffDelimiter(text: string): string {
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	let best = ",";
	let bestCount = 0;
	for (const delimiter of [",", ";", "\t"]) {
		let count = 0;
		let quoted = false;
		for (const ch of firstLine) {
			if (ch === '"') quoted = !quoted;
			else if (!quoted && ch === delimiter) count += 1;
		}
		if (count > bestCount) {
			best = delimiter;
			bestCount = count;
		}
	}
	return best;
}

/**
 * Parses CSV text (RFC 4180 as spreadsheets write it): a leading byte-order mark is dropped,
 * quoted cells may hold delimiters, doubled quotes and line breaks, lines end in CRLF, LF or CR,
 * and blank lines are skipped. The delimiter is sniffed unless given. `maxRows` stops early
 * (returning one row more than allowed, so the caller can tell the file was too long).
 */
export function parseCsv(input: string, options: { delimiter?: string; maxRows?: number } = {}): CellGrid {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const delimiter = options.delimiter ?? sniffDelimiter(text);
	const limit = options.maxRows ?? Number.POSITIVE_INFINITY;
	const rows: CellGrid = [];
	let row: string[] = [];
	let cell = "";
	let quoted = false;
	let i = 0;
	const endRow = () => {
		row.push(cell);
		cell = "";
		if (row.length > 1 || row[0] !== "") rows.push(row);
		row = [];
	};
	while (i < text.length && rows.length <= limit) {
		const ch = text[i] as string;
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i += 1;
				} else quoted = false;
			} else cell += ch;
		} else if (ch === '"' && cell === "") quoted = true;
		else if (ch === delimiter) {
			row.push(cell);
			cell = "";
		} else if (ch === "\r" || ch === "\n") {
			if (ch === "\r" && text[i + 1] === "\n") i += 1;
			endRow();
		} else cell += ch;
		i += 1;
	}
	if (rows.length <= limit && (cell !== "" || row.length > 0)) endRow();
	return rows;
}
