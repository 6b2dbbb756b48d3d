import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import type { Locale } from "../../schema/locales";
import type { CustomerEstimate, StaffEstimate } from "../contracts/estimates";
import { formatMoney } from "../domain/format";
import { emailText } from "../email/messages";

type Estimate = CustomerEstimate | StaffEstimate;
type Version = Estimate["versions"][number];

/** The font files a PDF embeds (web/public/pdf-fonts, made by scripts/pdf-fonts.sh). */
export type PdfFontName = "latin-regular.ttf" | "latin-bold.ttf" | "cjk-regular.otf";

/** Reads one font file; the CJK one only when some text needs it. */
export type LoadFont = (name: PdfFontName) => Promise<Uint8Array>;

export type EstimatePdfInput = {
	loadFont: LoadFont;
	tenant: {
		name: string;
		colors: { primary: string; accent: string; text: string };
		supportEmail: string | null;
		supportPhone: string | null;
		timezone: string;
		locale: Locale;
		logo: { bytes: Uint8Array; type: "png" | "jpeg" } | null;
	};
	estimate: Estimate;
	version: Version;
};

const PAGE = { width: 612, height: 792, margin: 48 };
const INK = rgb(0.12, 0.16, 0.2);
const MUTED = rgb(0.32, 0.38, 0.43);
const RULE = rgb(0.85, 0.87, 0.9);

function hexColor(hex: string, fallback = rgb(0.12, 0.3, 0.47)) {
	const m = /^#([0-9a-f]{6})$/i.exec(hex);
	if (!m?.[1]) return fallback;
	const n = Number.parseInt(m[1], 16);
	return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** A font family for text in any script we ship: Noto Sans, falling back to Noto Sans JP per character. */
type Faces = { regular: PDFFont; bold: PDFFont; cjk: PDFFont | null; covers: (cp: number) => boolean };
type Run = { text: string; font: PDFFont };

/**
 * Splits text into runs of one font each: the Latin face when it has the glyph, else the CJK
 * face (embedded only when some text needs it), else "?" so nothing is silently dropped.
 */
function runsOf(faces: Faces, text: string, bold: boolean): Run[] {
	const latin = bold ? faces.bold : faces.regular;
	const runs: Run[] = [];
	for (const ch of text.replace(/[\r\n\t]+/g, " ")) {
		const cp = ch.codePointAt(0) ?? 63;
		const font = faces.covers(cp) || !faces.cjk ? latin : faces.cjk;
		const piece = faces.covers(cp) || faces.cjk ? ch : "?";
		const last = runs[runs.length - 1];
		if (last && last.font === font) last.text += piece;
		else runs.push({ text: piece, font });
	}
	return runs;
}

/** Lays text out top to bottom across pages, breaking lines to widths and pages at the margin. */
class Layout {
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
		o: { size: number; bold?: boolean; color?: ReturnType<typeof rgb>; page?: PDFPage },
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
	textRight(
		text: string,
		right: number,
		y: number,
		o: { size: number; bold?: boolean; color?: ReturnType<typeof rgb> },
	) {
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
	paragraph(
		text: string,
		o: { size: number; x?: number; width?: number; bold?: boolean; color?: ReturnType<typeof rgb> },
	) {
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

async function embedFaces(doc: PDFDocument, loadFont: LoadFont, texts: string[]): Promise<Faces> {
	doc.registerFontkit(fontkit);
	const [regularBytes, boldBytes] = await Promise.all([
		loadFont("latin-regular.ttf"),
		loadFont("latin-bold.ttf"),
	]);
	const coverage = fontkit.create(regularBytes);
	const covers = (cp: number) => cp < 0x20 || coverage.hasGlyphForCodePoint(cp);
	const needsCjk = texts.some((t) => [...t].some((ch) => !covers(ch.codePointAt(0) ?? 32)));
	const [regular, bold, cjk] = await Promise.all([
		doc.embedFont(regularBytes, { subset: true }),
		doc.embedFont(boldBytes, { subset: true }),
		needsCjk ? loadFont("cjk-regular.otf").then((bytes) => doc.embedFont(bytes, { subset: true })) : null,
	]);
	return { regular, bold, cjk, covers };
}

/**
 * One version of an estimate as a PDF: the tenant's letterhead (logo, colours, name, contact),
 * the lines with optional ones marked, totals, notes, terms, expiry and, once approved, the
 * approval record (name, time, content hash). Fonts are embedded and subset, so any name in
 * Latin, Greek, Cyrillic, Japanese or Simplified Chinese script prints as typed.
 */
export async function renderEstimatePdf(input: EstimatePdfInput): Promise<Uint8Array> {
	const { tenant, estimate, version } = input;
	const t = emailText(tenant.locale);
	const money = (minor: number) => formatMoney(minor, estimate.currency, tenant.locale);
	const when = (iso: string, style: "date" | "dateTime") =>
		new Intl.DateTimeFormat(tenant.locale, {
			timeZone: tenant.timezone,
			dateStyle: "long",
			...(style === "dateTime" ? { timeStyle: "short" } : {}),
		}).format(Date.parse(iso) - (style === "date" && iso === version.expiresAt ? 1 : 0));
	const approval =
		estimate.approval && estimate.approval.version === version.version ? estimate.approval : null;
	const selected = new Set(approval?.optionalItemIds ?? []);
	const totals = approval ? approval.totals : version.totals;

	const doc = await PDFDocument.create();
	const title = t("pdf.estimate.title", { number: estimate.number });
	doc.setTitle(`${title} — ${version.title}`);
	doc.setAuthor(tenant.name);
	doc.setCreator(tenant.name);
	doc.setProducer("fleet-portal");
	doc.setCreationDate(new Date(version.createdAt));
	const texts = [
		tenant.name,
		version.title,
		estimate.account.name,
		estimate.contact?.name ?? "",
		estimate.location?.name ?? "",
		version.notes ?? "",
		version.terms ?? "",
		approval?.signedName ?? "",
		approval?.contact.name ?? "",
		approval?.contact.email ?? "",
		...version.lines.map((l) => l.description),
	];
	const faces = await embedFaces(doc, input.loadFont, texts);
	const out = new Layout(doc, faces);
	const primary = hexColor(tenant.colors.primary);
	const onPrimary = hexColor(tenant.colors.text, rgb(1, 1, 1));
	const right = PAGE.width - PAGE.margin;

	// Letterhead: a band in the tenant's primary colour with the logo and name.
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
			console.error("estimate pdf: logo not embedded", { err: String(err) });
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

	// Heading.
	out.text(title, PAGE.margin, out.y, { size: 20, bold: true });
	out.textRight(t("pdf.estimate.status", { status: estimate.status }), right, out.y, {
		size: 11,
		bold: true,
		color: primary,
	});
	out.y -= 18;
	out.text(
		t("pdf.estimate.version", { version: version.version, versions: estimate.versions.length }),
		PAGE.margin,
		out.y,
		{ size: 10, color: MUTED },
	);
	out.paragraph(version.title, { size: 13, bold: true });
	out.y -= 10;
	const facts: Array<[string, string]> = [
		[
			t("pdf.estimate.for"),
			[estimate.account.name, estimate.contact?.name, estimate.location?.name].filter(Boolean).join(" · "),
		],
		[t("pdf.estimate.issued"), when(version.createdAt, "date")],
		...(version.expiresAt
			? [[t("pdf.estimate.validUntil"), when(version.expiresAt, "date")] as [string, string]]
			: []),
	];
	for (const [label, value] of facts) {
		out.need(16);
		out.y -= 14;
		out.text(label, PAGE.margin, out.y, { size: 9, color: MUTED });
		out.text(value, PAGE.margin + 90, out.y, { size: 10 });
	}
	out.y -= 10;

	// Lines.
	const cols = { qty: right - 190, unit: right - 90, amount: right };
	const descWidth = cols.qty - 40 - PAGE.margin;
	out.need(24);
	out.y -= 14;
	out.text(t("pdf.estimate.description"), PAGE.margin, out.y, { size: 9, bold: true, color: MUTED });
	out.textRight(t("pdf.estimate.quantity"), cols.qty, out.y, { size: 9, bold: true, color: MUTED });
	out.textRight(t("pdf.estimate.unitPrice"), cols.unit, out.y, { size: 9, bold: true, color: MUTED });
	out.textRight(t("pdf.estimate.amount"), cols.amount, out.y, { size: 9, bold: true, color: MUTED });
	out.rule(6);
	const quantity = new Intl.NumberFormat(tenant.locale, { maximumFractionDigits: 3 });
	for (const line of version.lines) {
		const wrapped = out.wrap(line.description, 10, descWidth);
		const mark = line.optional
			? t(selected.has(line.id) ? "pdf.estimate.optionalSelected" : "pdf.estimate.optional")
			: null;
		out.need(14 * wrapped.length + (mark ? 12 : 0) + 6);
		out.y -= 13;
		out.textRight(quantity.format(line.quantity), cols.qty, out.y, { size: 10 });
		out.textRight(money(line.unitPriceMinor), cols.unit, out.y, { size: 10 });
		const excluded = line.optional && !selected.has(line.id);
		out.textRight(money(line.totalMinor), cols.amount, out.y, { size: 10, color: excluded ? MUTED : INK });
		wrapped.forEach((text, i) => {
			if (i > 0) out.y -= 13;
			out.text(text, PAGE.margin, out.y, { size: 10 });
		});
		if (mark) {
			out.y -= 12;
			out.text(`[${mark}]`, PAGE.margin, out.y, { size: 8, bold: true, color: primary });
		}
		out.y -= 6;
	}
	out.rule(6);

	// Totals.
	const totalRows: Array<[string, string, boolean]> = [
		[t("pdf.estimate.subtotal"), money(totals.subtotalMinor), false],
		...(totals.discountMinor
			? [[t("pdf.estimate.discount"), `−${money(totals.discountMinor)}`, false] as [string, string, boolean]]
			: []),
		[
			t("pdf.estimate.tax", {
				rate: new Intl.NumberFormat(tenant.locale, { style: "percent", maximumFractionDigits: 3 }).format(
					totals.taxRateBps / 10_000,
				),
			}),
			money(totals.taxMinor),
			false,
		],
		[t("pdf.estimate.total"), money(totals.totalMinor), true],
	];
	for (const [label, value, strong] of totalRows) {
		out.need(18);
		out.y -= strong ? 18 : 14;
		out.textRight(label, cols.unit, out.y, {
			size: strong ? 12 : 10,
			bold: strong,
			color: strong ? INK : MUTED,
		});
		out.textRight(value, cols.amount, out.y, { size: strong ? 12 : 10, bold: strong });
	}
	if (totals.optionalMinor > 0) {
		out.y -= 4;
		out.paragraph(t("pdf.estimate.optionalLeftOut", { amount: money(totals.optionalMinor) }), {
			size: 9,
			color: MUTED,
		});
	}

	for (const [label, body] of [
		[t("pdf.estimate.notes"), version.notes],
		[t("pdf.estimate.terms"), version.terms],
	] as const) {
		if (!body) continue;
		out.y -= 10;
		out.paragraph(label, { size: 11, bold: true });
		out.paragraph(body, { size: 9.5, color: INK });
	}

	if (approval) {
		out.y -= 12;
		out.need(90);
		const top = out.y;
		out.paragraph(t("pdf.estimate.approval"), { size: 11, bold: true, color: primary });
		out.paragraph(t("pdf.estimate.signedBy", { name: approval.signedName }), { size: 10 });
		out.paragraph(
			t("pdf.estimate.contact", { contact: `${approval.contact.name} <${approval.contact.email}>` }),
			{
				size: 9,
				color: MUTED,
			},
		);
		out.paragraph(t("pdf.estimate.approvedAt", { when: when(approval.approvedAt, "dateTime") }), {
			size: 9,
			color: MUTED,
		});
		out.paragraph(t("pdf.estimate.approvedVersion", { version: approval.version }), {
			size: 9,
			color: MUTED,
		});
		out.paragraph(`${t("pdf.estimate.contentHash")}: ${approval.contentSha256}`, { size: 8, color: MUTED });
		out.page.drawLine({
			start: { x: PAGE.margin - 10, y: top - 4 },
			end: { x: PAGE.margin - 10, y: out.y - 2 },
			thickness: 2,
			color: primary,
		});
	}

	out.pages.forEach((page, i) => {
		out.text(t("pdf.estimate.page", { page: i + 1, pages: out.pages.length }), PAGE.margin, 28, {
			size: 8,
			color: MUTED,
			page,
		});
	});
	// Plain objects (no object streams) keep the file readable by the simplest of PDF readers.
	return doc.save({ useObjectStreams: false });
}
