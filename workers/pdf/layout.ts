import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import type { Locale } from "../../schema/locales";
import { formatMoney } from "../domain/format";
import { type EmailText, emailText } from "../email/messages";

/**
 * What every PDF the app writes shares (estimates, invoices): A4-ish US letter pages, the
 * embedded Noto fonts for any script, the tenant's letterhead, a table of lines, totals, titled
 * sections and page numbers.
 */

/** The font files a PDF embeds (web/public/pdf-fonts, made by scripts/pdf-fonts.sh). */
export type PdfFontName = "latin-regular.ttf" | "latin-bold.ttf" | "cjk-regular.otf";

/** Reads one font file; the CJK one only when some text needs it. */
export type LoadFont = (name: PdfFontName) => Promise<Uint8Array>;

/** The tenant as a letterhead shows it, and the language and zone the document is written in. */
export type PdfTenant = {
	name: string;
	colors: { primary: string; accent: string; text: string };
	supportEmail: string | null;
	supportPhone: string | null;
	timezone: string;
	locale: Locale;
	logo: { bytes: Uint8Array; type: "png" | "jpeg" } | null;
};

type Color = ReturnType<typeof rgb>;

export const PAGE = { width: 612, height: 792, margin: 48 };
export const INK = rgb(0.12, 0.16, 0.2);
export const MUTED = rgb(0.32, 0.38, 0.43);
const RULE = rgb(0.85, 0.87, 0.9);

export function hexColor(hex: string, fallback = rgb(0.12, 0.3, 0.47)) {
	const m = /^#([0-9a-f]{6})$/i.exec(hex);
	if (!m?.[1]) return fallback;
	const n = Number.parseInt(m[1], 16);
	return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/**
 * A font family for text in any script we ship: Noto Sans, falling back to Noto Sans JP per
 * character; `cjkCovers` is what the CJK face has (nothing when it is not embedded).
 */
type Faces = {
	regular: PDFFont;
	bold: PDFFont;
	cjk: PDFFont | null;
	covers: (cp: number) => boolean;
	cjkCovers: (cp: number) => boolean;
};
type Run = { text: string; font: PDFFont };

/**
 * Splits text into runs of one font each: the Latin face when it has the glyph, else the CJK
 * face when it has it, else "?" in the Latin face. A glyph neither face has is never handed to
 * fontkit, which throws on it outside any promise (the request would hang): the PDF always renders.
 */
export function runsOf(faces: Faces, text: string, bold: boolean): Run[] {
	const latin = bold ? faces.bold : faces.regular;
	const runs: Run[] = [];
	for (const ch of text.replace(/[\r\n\t]+/g, " ")) {
		const cp = ch.codePointAt(0) ?? 63;
		const inLatin = faces.covers(cp);
		const font = !inLatin && faces.cjk && faces.cjkCovers(cp) ? faces.cjk : latin;
		const piece = inLatin || font !== latin ? ch : "?";
		const last = runs[runs.length - 1];
		if (last && last.font === font) last.text += piece;
		else runs.push({ text: piece, font });
	}
	return runs;
}

/** Lays text out top to bottom across pages, breaking lines to widths and pages at the margin. */
export class Layout {
	page: PDFPage;
	y: number;
	readonly pages: PDFPage[] = [];

	constructor(
		private readonly doc: PDFDocument,
		private readonly faces: Faces,
	) {
		this.page = this.addPage();
		this.y = PAGE.height - PAGE.margin;
	}

	private addPage(): PDFPage {
		const page = this.doc.addPage([PAGE.width, PAGE.height]);
		this.pages.push(page);
		return page;
	}

	/** Room for `height` more points on this page, or a new page. */
	need(height: number): void {
		if (this.y - height >= PAGE.margin + 20) return;
		this.page = this.addPage();
		this.y = PAGE.height - PAGE.margin;
	}

	width(text: string, size: number, bold = false): number {
		return runsOf(this.faces, text, bold).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
	}

	/** Draws one line at (x, y) without moving the cursor. */
	text(
		text: string,
		x: number,
		y: number,
		o: { size: number; bold?: boolean; color?: Color; page?: PDFPage },
	): void {
		let at = x;
		for (const run of runsOf(this.faces, text, o.bold ?? false)) {
			(o.page ?? this.page).drawText(run.text, {
				x: at,
				y,
				size: o.size,
				font: run.font,
				color: o.color ?? INK,
			});
			at += run.font.widthOfTextAtSize(run.text, o.size);
		}
	}

	/** Text right-aligned to `right`. */
	textRight(text: string, right: number, y: number, o: { size: number; bold?: boolean; color?: Color }) {
		this.text(text, right - this.width(text, o.size, o.bold), y, o);
	}

	/** Word-wraps text to `maxWidth`; words wider than a line are broken by character. */
	wrap(text: string, size: number, maxWidth: number, bold = false): string[] {
		const lines: string[] = [];
		for (const paragraph of text.split(/\r?\n/)) {
			let line = "";
			for (const word of paragraph.split(/(\s+)/)) {
				const next = line + word;
				if (this.width(next, size, bold) <= maxWidth) {
					line = next;
					continue;
				}
				if (line.trim()) lines.push(line.trimEnd());
				line = word.trimStart();
				while (this.width(line, size, bold) > maxWidth && line.length > 1) {
					let cut = line.length - 1;
					while (cut > 1 && this.width(line.slice(0, cut), size, bold) > maxWidth) cut--;
					lines.push(line.slice(0, cut));
					line = line.slice(cut);
				}
			}
			lines.push(line.trimEnd());
		}
		return lines;
	}

	/** A wrapped paragraph at the cursor, moving it down. */
	paragraph(text: string, o: { size: number; x?: number; width?: number; bold?: boolean; color?: Color }) {
		const x = o.x ?? PAGE.margin;
		const lineHeight = o.size * 1.35;
		for (const line of this.wrap(text, o.size, o.width ?? PAGE.width - 2 * PAGE.margin, o.bold)) {
			this.need(lineHeight);
			this.y -= lineHeight;
			this.text(line, x, this.y, o);
		}
	}

	rule(gap = 8): void {
		this.need(gap * 2);
		this.y -= gap;
		this.page.drawLine({
			start: { x: PAGE.margin, y: this.y },
			end: { x: PAGE.width - PAGE.margin, y: this.y },
			thickness: 0.75,
			color: RULE,
		});
		this.y -= gap;
	}
}

/**
 * Embeds Noto Sans (regular, bold), subset, and Noto Sans JP only when some of `texts` has a
 * character the Latin face lacks.
 */
export async function embedFaces(doc: PDFDocument, loadFont: LoadFont, texts: string[]): Promise<Faces> {
	doc.registerFontkit(fontkit);
	const [regularBytes, boldBytes] = await Promise.all([
		loadFont("latin-regular.ttf"),
		loadFont("latin-bold.ttf"),
	]);
	const coverage = fontkit.create(regularBytes);
	const covers = (cp: number) => cp < 0x20 || coverage.hasGlyphForCodePoint(cp);
	const needsCjk = texts.some((t) => [...t].some((ch) => !covers(ch.codePointAt(0) ?? 32)));
	const cjkBytes = needsCjk ? await loadFont("cjk-regular.otf") : null;
	const cjkCoverage = cjkBytes ? fontkit.create(cjkBytes) : null;
	const [regular, bold, cjk] = await Promise.all([
		doc.embedFont(regularBytes, { subset: true }),
		doc.embedFont(boldBytes, { subset: true }),
		cjkBytes ? doc.embedFont(cjkBytes, { subset: true }) : null,
	]);
	return {
		regular,
		bold,
		cjk,
		covers,
		cjkCovers: (cp) => cjkCoverage?.hasGlyphForCodePoint(cp) ?? false,
	};
}

/** A document being written: its pages, its text in the tenant's language, money in its currency. */
export type PdfDocument = {
	doc: PDFDocument;
	out: Layout;
	t: EmailText;
	money: (minor: number) => string;
	primary: Color;
	right: number;
};

/**
 * A new document with its metadata and fonts (embedded for every string of `texts`), the
 * letterhead drawn: a band in the tenant's primary colour with logo, name and support contact.
 */
export async function openPdf(o: {
	loadFont: LoadFont;
	tenant: PdfTenant;
	currency: string;
	title: string;
	createdAt: string;
	texts: string[];
}): Promise<PdfDocument> {
	const { tenant } = o;
	const doc = await PDFDocument.create();
	doc.setTitle(o.title);
	doc.setAuthor(tenant.name);
	doc.setCreator(tenant.name);
	doc.setProducer("fleet-portal");
	doc.setCreationDate(new Date(o.createdAt));
	const faces = await embedFaces(doc, o.loadFont, [tenant.name, ...o.texts]);
	const out = new Layout(doc, faces);
	const primary = hexColor(tenant.colors.primary);
	const onPrimary = hexColor(tenant.colors.text, rgb(1, 1, 1));
	const right = PAGE.width - PAGE.margin;

	const band = 64;
	out.page.drawRectangle({ x: 0, y: PAGE.height - band, width: PAGE.width, height: band, color: primary });
	let nameX = PAGE.margin;
	if (tenant.logo) {
		try {
			const image =
				tenant.logo.type === "png"
					? await doc.embedPng(tenant.logo.bytes)
					: await doc.embedJpg(tenant.logo.bytes);
			const scale = Math.min(40 / image.height, 120 / image.width);
			out.page.drawImage(image, {
				x: PAGE.margin,
				y: PAGE.height - band / 2 - (image.height * scale) / 2,
				width: image.width * scale,
				height: image.height * scale,
			});
			nameX += image.width * scale + 12;
		} catch (err) {
			// A logo pdf-lib cannot read costs the letterhead its picture, not the document.
			console.error("pdf: logo not embedded", { err: String(err) });
		}
	}
	out.text(tenant.name, nameX, PAGE.height - band / 2 - 7, { size: 18, bold: true, color: onPrimary });
	const contact = [tenant.supportPhone, tenant.supportEmail].filter(Boolean).join("  ·  ");
	if (contact) out.textRight(contact, right, PAGE.height - band / 2 - 4, { size: 9, color: onPrimary });
	out.page.drawRectangle({
		x: 0,
		y: PAGE.height - band - 4,
		width: PAGE.width,
		height: 4,
		color: hexColor(tenant.colors.accent),
	});
	out.y = PAGE.height - band - 36;
	return {
		doc,
		out,
		t: emailText(tenant.locale),
		money: (minor) => formatMoney(minor, o.currency, tenant.locale),
		primary,
		right,
	};
}

/** The document's title on the left and its status on the right, in the tenant's colour. */
export function drawHeading(p: PdfDocument, title: string, status: string): void {
	p.out.text(title, PAGE.margin, p.out.y, { size: 20, bold: true });
	p.out.textRight(status, p.right, p.out.y, { size: 11, bold: true, color: p.primary });
}

/** Label and value pairs, one a line (who it is for, dates). */
export function drawFacts(p: PdfDocument, facts: ReadonlyArray<readonly [string, string]>): void {
	for (const [label, value] of facts) {
		p.out.need(16);
		p.out.y -= 14;
		p.out.text(label, PAGE.margin, p.out.y, { size: 9, color: MUTED });
		p.out.text(value, PAGE.margin + 90, p.out.y, { size: 10 });
	}
	p.out.y -= 10;
}

/** One row of the lines table; `mark` is a tag under it ("Optional"), `muted` an amount out of the total. */
export type PdfLine = {
	description: string;
	quantity: number;
	unitPriceMinor: number;
	amountMinor: number;
	mark?: string | null;
	muted?: boolean;
};

const columnsOf = (right: number) => ({ qty: right - 190, unit: right - 90, amount: right });

/** The lines as a table: description (wrapped), quantity, unit price, amount. */
export function drawLines(
	p: PdfDocument,
	lines: readonly PdfLine[],
	labels: { description: string; quantity: string; unitPrice: string; amount: string },
	locale: Locale,
): void {
	const { out, money, primary } = p;
	const cols = columnsOf(p.right);
	const descWidth = cols.qty - 40 - PAGE.margin;
	out.need(24);
	out.y -= 14;
	const head = { size: 9, bold: true, color: MUTED };
	out.text(labels.description, PAGE.margin, out.y, head);
	out.textRight(labels.quantity, cols.qty, out.y, head);
	out.textRight(labels.unitPrice, cols.unit, out.y, head);
	out.textRight(labels.amount, cols.amount, out.y, head);
	out.rule(6);
	const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
	for (const line of lines) {
		const wrapped = out.wrap(line.description, 10, descWidth);
		out.need(14 * wrapped.length + (line.mark ? 12 : 0) + 6);
		out.y -= 13;
		out.textRight(quantity.format(line.quantity), cols.qty, out.y, { size: 10 });
		out.textRight(money(line.unitPriceMinor), cols.unit, out.y, { size: 10 });
		out.textRight(money(line.amountMinor), cols.amount, out.y, { size: 10, color: line.muted ? MUTED : INK });
		wrapped.forEach((text, i) => {
			if (i > 0) out.y -= 13;
			out.text(text, PAGE.margin, out.y, { size: 10 });
		});
		if (line.mark) {
			out.y -= 12;
			out.text(`[${line.mark}]`, PAGE.margin, out.y, { size: 8, bold: true, color: primary });
		}
		out.y -= 6;
	}
	out.rule(6);
}

/** Totals right-aligned under the amounts; a `strong` row is the one that matters (the total, the balance). */
export function drawTotals(p: PdfDocument, rows: ReadonlyArray<readonly [string, string, boolean]>): void {
	const cols = columnsOf(p.right);
	for (const [label, value, strong] of rows) {
		p.out.need(18);
		p.out.y -= strong ? 18 : 14;
		p.out.textRight(label, cols.unit, p.out.y, {
			size: strong ? 12 : 10,
			bold: strong,
			color: strong ? INK : MUTED,
		});
		p.out.textRight(value, cols.amount, p.out.y, { size: strong ? 12 : 10, bold: strong });
	}
}

/** The tax label's rate: 8.25 %. */
export const taxRate = (locale: Locale, bps: number) =>
	new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 3 }).format(bps / 10_000);

/** Titled paragraphs (notes, terms); the empty ones are left out. */
export function drawSections(
	p: PdfDocument,
	sections: ReadonlyArray<readonly [string, string | null]>,
): void {
	for (const [label, body] of sections) {
		if (!body) continue;
		p.out.y -= 10;
		p.out.paragraph(label, { size: 11, bold: true });
		p.out.paragraph(body, { size: 9.5, color: INK });
	}
}

/** Numbers every page and writes the file. */
export async function closePdf(p: PdfDocument, pageLabel: (page: number, pages: number) => string) {
	p.out.pages.forEach((page, i) => {
		p.out.text(pageLabel(i + 1, p.out.pages.length), PAGE.margin, 28, { size: 8, color: MUTED, page });
	});
	// Plain objects (no object streams) keep the file readable by the simplest of PDF readers.
	return p.doc.save({ useObjectStreams: false });
}
