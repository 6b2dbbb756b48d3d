import { unzipSync } from "fflate";
import type { CellGrid } from "../csv";

/** The parts of a workbook this reader opens; anything else in the archive is never inflated. */
const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS = "xl/sharedStrings.xml";

/** What one part may inflate to: a 5 MB upload of text cells stays far below; a zip bomb does not. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

export class XlsxError extends Error {}

/** The ZIP local-file signature every .xlsx file starts with. */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text to a string: entities, numeric references, and OOXML's `_xHHHH_` escapes. */
function xmlText(raw: string): string {
	return raw
		.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
			if (ref[0] !== "#") return ENTITIES[ref] ?? whole;
			const code =
				ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
			return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
		})
		.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function attribute(tag: string, name: string): string | undefined {
	const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return match ? xmlText(match[1] ?? "") : undefined;
}

/** The text of every `<t>` inside a string item, phonetic runs (`<rPh>`) left out. */
function runsText(xml: string): string {
	const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
	let text = "";
	for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) {
		text += xmlText(m[1] ?? "");
	}
	return text;
}

function sharedStrings(xml: string | undefined): string[] {
	if (!xml) return [];
	return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => runsText(m[1] ?? ""));
}

/** "B12" → 1 (zero-based column). */
function columnIndex(ref: string): number {
	let index = 0;
	for (const ch of ref) {
		const code = ch.charCodeAt(0);
		if (code < 65 || code > 90) break;
		index = index * 26 + (code - 64);
	}
	return index - 1;
}

/** The path inside the archive of the workbook's first sheet (by its order in workbook.xml). */
function firstSheetPath(workbook: string, rels: string | undefined): string {
	const sheet = /<sheet\s[^>]*>/.exec(workbook)?.[0];
	const relId = sheet && (attribute(sheet, "r:id") ?? attribute(sheet, "[a-zA-Z0-9]+:id"));
	const rel = relId
		? [...(rels ?? "").matchAll(/<Relationship\s[^>]*>/g)]
				.map((m) => m[0])
				.find((r) => attribute(r, "Id") === relId)
		: undefined;
	const target = rel ? attribute(rel, "Target") : undefined;
	if (!target) return "xl/worksheets/sheet1.xml";
	return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

function cellValue(attrs: string, inner: string, strings: string[]): string {
	const type = attribute(attrs, "t");
	if (type === "inlineStr") return runsText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? "");
	const value = xmlText(/<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? "");
	if (type === "s") return strings[Number(value)] ?? "";
	if (type === "b") return value === "1" ? "TRUE" : "FALSE";
	return value;
}

/**
 * Reads the first sheet of an .xlsx workbook as rows of text cells, without Node APIs: the ZIP is
 * opened with fflate and the sheet and shared strings are read from their XML. Numbers come as
 * Excel stores them ("2125550102"); empty cells between filled ones are ""; empty rows dropped.
 * `maxRows` stops early, returning one row more than allowed so the caller can tell.
 */
export function readXlsx(bytes: Uint8Array, options: { maxRows?: number } = {}): CellGrid {
	if (!looksLikeZip(bytes)) throw new XlsxError("The file is not an Excel workbook (.xlsx).");
	let parts: Record<string, Uint8Array>;
	const wanted = (name: string) =>
		name === WORKBOOK ||
		name === WORKBOOK_RELS ||
		name === SHARED_STRINGS ||
		name.startsWith("xl/worksheets/");
	try {
		parts = unzipSync(bytes, { filter: (file) => wanted(file.name) && file.originalSize <= MAX_PART_BYTES });
	} catch {
		throw new XlsxError("The workbook could not be opened; save it again as .xlsx.");
	}
	const decoder = new TextDecoder();
	const read = (name: string) => {
		const part = parts[name];
		return part ? decoder.decode(part) : undefined;
	};
	const workbook = read(WORKBOOK);
	if (!workbook) throw new XlsxError("The file is not an Excel workbook (.xlsx).");
	const sheet = read(firstSheetPath(workbook, read(WORKBOOK_RELS)));
	if (sheet === undefined) throw new XlsxError("The workbook's first sheet could not be read.");
	const strings = sharedStrings(read(SHARED_STRINGS));
	const limit = options.maxRows ?? Number.POSITIVE_INFINITY;
	const rows: CellGrid = [];
	for (const rowMatch of sheet.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const cells: string[] = [];
		let next = 0;
		for (const cell of (rowMatch[1] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attrs = cell[1] ?? "";
			const ref = attribute(attrs, "r");
			const at = ref ? columnIndex(ref) : next;
			while (cells.length < at) cells.push("");
			cells[at] = cellValue(attrs, cell[2] ?? "", strings);
			next = at + 1;
		}
		if (cells.some((c) => c.trim() !== "")) rows.push(cells);
		if (rows.length > limit) break;
	}
	return rows;
}
