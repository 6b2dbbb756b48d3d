import type { CustomerEstimate, StaffEstimate } from "../contracts/estimates";
import {
	closePdf,
	drawFacts,
	drawHeading,
	drawLines,
	drawSections,
	drawTotals,
	type LoadFont,
	MUTED,
	openPdf,
	PAGE,
	type PdfTenant,
	taxRate,
} from "./layout";

export type { LoadFont, PdfFontName } from "./layout";

type Estimate = CustomerEstimate | StaffEstimate;
type Version = Estimate["versions"][number];

export type EstimatePdfInput = {
	loadFont: LoadFont;
	tenant: PdfTenant;
	estimate: Estimate;
	version: Version;
};

/**
 * One version of an estimate as a PDF: the tenant's letterhead (logo, colours, name, contact),
 * the lines with optional ones marked, totals, notes, terms, expiry and, once approved, the
 * approval record (name, time, content hash). Fonts are embedded and subset, so any name in
 * Latin, Greek, Cyrillic, Japanese or Simplified Chinese script prints as typed.
 */
export async function renderEstimatePdf(input: EstimatePdfInput): Promise<Uint8Array> {
	const { tenant, estimate, version } = input;
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

	const pdf = await openPdf({
		loadFont: input.loadFont,
		tenant,
		currency: estimate.currency,
		title: "",
		createdAt: version.createdAt,
		texts: [
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
		],
	});
	const { out, t, money, primary } = pdf;
	const title = t("pdf.estimate.title", { number: estimate.number });
	pdf.doc.setTitle(`${title} — ${version.title}`);

	drawHeading(pdf, title, t("pdf.estimate.status", { status: estimate.status }));
	out.y -= 18;
	out.text(
		t("pdf.estimate.version", { version: version.version, versions: estimate.versions.length }),
		PAGE.margin,
		out.y,
		{ size: 10, color: MUTED },
	);
	out.paragraph(version.title, { size: 13, bold: true });
	out.y -= 10;
	drawFacts(pdf, [
		[
			t("pdf.estimate.for"),
			[estimate.account.name, estimate.contact?.name, estimate.location?.name].filter(Boolean).join(" · "),
		],
		[t("pdf.estimate.issued"), when(version.createdAt, "date")],
		...(version.expiresAt ? [[t("pdf.estimate.validUntil"), when(version.expiresAt, "date")] as const] : []),
	]);

	drawLines(
		pdf,
		version.lines.map((line) => ({
			description: line.description,
			quantity: line.quantity,
			unitPriceMinor: line.unitPriceMinor,
			amountMinor: line.totalMinor,
			mark: line.optional
				? t(selected.has(line.id) ? "pdf.estimate.optionalSelected" : "pdf.estimate.optional")
				: null,
			muted: line.optional && !selected.has(line.id),
		})),
		{
			description: t("pdf.estimate.description"),
			quantity: t("pdf.estimate.quantity"),
			unitPrice: t("pdf.estimate.unitPrice"),
			amount: t("pdf.estimate.amount"),
		},
		tenant.locale,
	);

	drawTotals(pdf, [
		[t("pdf.estimate.subtotal"), money(totals.subtotalMinor), false],
		...(totals.discountMinor
			? [[t("pdf.estimate.discount"), `−${money(totals.discountMinor)}`, false] as const]
			: []),
		[
			t("pdf.estimate.tax", { rate: taxRate(tenant.locale, totals.taxRateBps) }),
			money(totals.taxMinor),
			false,
		],
		[t("pdf.estimate.total"), money(totals.totalMinor), true],
	]);
	if (totals.optionalMinor > 0) {
		out.y -= 4;
		out.paragraph(t("pdf.estimate.optionalLeftOut", { amount: money(totals.optionalMinor) }), {
			size: 9,
			color: MUTED,
		});
	}

	drawSections(pdf, [
		[t("pdf.estimate.notes"), version.notes],
		[t("pdf.estimate.terms"), version.terms],
	]);

	if (approval) {
		out.y -= 12;
		out.need(90);
		const top = out.y;
		out.paragraph(t("pdf.estimate.approval"), { size: 11, bold: true, color: primary });
		out.paragraph(t("pdf.estimate.signedBy", { name: approval.signedName }), { size: 10 });
		out.paragraph(
			t("pdf.estimate.contact", { contact: `${approval.contact.name} <${approval.contact.email}>` }),
			{ size: 9, color: MUTED },
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

	return closePdf(pdf, (page, pages) => t("pdf.estimate.page", { page, pages }));
}
