import { type CellGrid, parseCsv } from "../csv";
import { looksLikeZip, readXlsx, XlsxError } from "./xlsx";

/** The largest file the console imports, and the most rows (the header not counted). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

export type SpreadsheetProblem = { status: 400 | 413; message: string };

export type Spreadsheet = { headers: string[]; rows: Array<{ line: number; cells: string[] }> };

/**
 * The header and the rows of an uploaded CSV or XLSX file (told apart by their bytes, not the
 * name), or the problem to answer naming the file: not a table, no rows, too many rows.
 * `line` is the row's number as the spreadsheet shows it, the header being line 1.
 */
export function readSpreadsheet(bytes: Uint8Array): Spreadsheet | SpreadsheetProblem {
	let grid: CellGrid;
	if (looksLikeZip(bytes)) {
		try {
			grid = readXlsx(bytes, { maxRows: IMPORT_MAX_ROWS + 1 });
		} catch (err) {
			if (err instanceof XlsxError) return { status: 400, message: err.message };
			throw err;
		}
	} else {
		let text: string;
		try {
			text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
		} catch {
			// Older Excel saves "CSV" in the Windows code page; Latin-1 keeps every byte readable.
			text = new TextDecoder("windows-1252").decode(bytes);
		}
		if (text.includes("\u0000")) {
			return { status: 400, message: "The file is neither a CSV nor an Excel (.xlsx) file." };
		}
		grid = parseCsv(text, { maxRows: IMPORT_MAX_ROWS + 1 });
	}
	const [header, ...body] = grid;
	const headers = (header ?? []).map((h) => h.trim());
	if (headers.every((h) => h === "")) {
		return { status: 400, message: "The file has no header row: put the column names on the first line." };
	}
	if (body.length === 0) return { status: 400, message: "The file has a header but no rows." };
	if (body.length > IMPORT_MAX_ROWS) {
		return {
			status: 413,
			message: `The file has more than ${IMPORT_MAX_ROWS.toLocaleString("en-US")} rows; split it into smaller files.`,
		};
	}
	return {
		headers: headers.map((h, i) => h || `Column ${i + 1}`),
		rows: body.map((cells, i) => ({ line: i + 2, cells })),
	};
}
