import { encode } from "uqr";
import type { Invoice } from "../contracts/invoices";
import { formatCalendarDay } from "../domain/format";
import {
	closePdf,
	drawFacts,
	drawHeading,
	drawLines,
	drawSections,
	drawTotals,
	INK,
	type LoadFont,
	MUTED,
	openPdf,
	PAGE,
	type PdfDocument,
	type PdfTenant,
	taxRate,
} from "./layout";

export type InvoicePdfInput = {
	loadFont: LoadFont;
	tenant: PdfTenant;
	invoice: Invoice;
	/** The invoice in the portal (`/c/:slug/invoices/:id`), printed and drawn as a QR code. */
	link: string;
};

const QR_SIZE = 96;

/** The QR code of `text` at (x, y) bottom-left, each dark module a rectangle (runs of a row merged). */
function drawQrCode(p: PdfDocument, text: string, x: number, y: number, size: number): void {
	const { data } = encode(text, { ecc: "M", border: 0 });
	const module = size / data.length;
	data.forEach((row, r) => {
		for (let c = 0; c < row.length; c++) {
			if (!row[c]) continue;
			let run = 1;
			while (row[c + run]) run++;
			p.out.page.drawRectangle({
				x: x + c * module,
				y: y + size - (r + 1) * module,
				width: run * module,
				height: module,
				color: INK,
			});
			c += run - 1;
		}
	});
}

/**
 * An invoice as a PDF: the tenant's letterhead, who it is for, issue and due dates, the lines,
 * totals, what was paid (deposits carried over, each payment with date, method and reference),
 * the outstanding balance, notes, terms, and a QR code and link back to it in the portal.
 * Fonts are embedded and subset, so any name in any script we ship prints as typed.
 */
export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Uint8Array> {
	const { tenant, invoice } = input;
	const day = (iso: string) =>
		new Intl.DateTimeFormat(tenant.locale, { timeZone: tenant.timezone, dateStyle: "long" }).format(
			Date.parse(iso),
		);
	const pdf = await openPdf({
		loadFont: input.loadFont,
		tenant,
		currency: invoice.currency,
		title: "",
		createdAt: invoice.createdAt,
		texts: [
			invoice.accountName,
			invoice.contactName ?? "",
			invoice.locationName ?? "",
			invoice.notes ?? "",
			invoice.terms ?? "",
			invoice.voidReason ?? "",
			input.link,
			...invoice.lines.map((l) => l.description),
			...invoice.payments.map((p) => p.reference ?? ""),
		],
	});
	const { out, t, money, primary } = pdf;
	const title = t("pdf.invoice.title", { number: invoice.number });
	pdf.doc.setTitle(`${title} — ${invoice.accountName}`);

	drawHeading(pdf, title, t("pdf.invoice.status", { status: invoice.status }));
	out.y -= 10;
	if (invoice.voidedAt) {
		out.paragraph(t("pdf.invoice.voided", { reason: invoice.voidReason ?? "" }), {
			size: 10,
			bold: true,
			color: primary,
		});
	}
	drawFacts(pdf, [
		[
			t("pdf.invoice.billTo"),
			[invoice.accountName, invoice.contactName, invoice.locationName].filter(Boolean).join(" · "),
		],
		[t("pdf.invoice.issued"), day(invoice.sharedAt ?? invoice.createdAt)],
		[t("pdf.invoice.due"), formatCalendarDay(invoice.dueAt, tenant.locale)],
	]);

	drawLines(
		pdf,
		invoice.lines,
		{
			description: t("pdf.estimate.description"),
			quantity: t("pdf.estimate.quantity"),
			unitPrice: t("pdf.estimate.unitPrice"),
			amount: t("pdf.estimate.amount"),
		},
		tenant.locale,
	);

	drawTotals(pdf, [
		[t("pdf.estimate.subtotal"), money(invoice.subtotalMinor), false],
		...(invoice.discountMinor
			? [[t("pdf.estimate.discount"), `−${money(invoice.discountMinor)}`, false] as const]
			: []),
		[
			t("pdf.estimate.tax", { rate: taxRate(tenant.locale, invoice.taxRateBps) }),
			money(invoice.taxMinor),
			false,
		],
		[t("pdf.estimate.total"), money(invoice.totalMinor), true],
		...(invoice.depositAppliedMinor
			? [[t("pdf.invoice.depositApplied"), `−${money(invoice.depositAppliedMinor)}`, false] as const]
			: []),
		[t("pdf.invoice.paid"), `−${money(invoice.paidMinor)}`, false],
		[t("pdf.invoice.balance"), money(invoice.balanceMinor), true],
	]);

	out.y -= 10;
	out.paragraph(t("pdf.invoice.payments"), { size: 11, bold: true });
	if (!invoice.payments.length) out.paragraph(t("pdf.invoice.noPayments"), { size: 9.5, color: MUTED });
	for (const payment of invoice.payments) {
		out.need(16);
		out.y -= 14;
		const what = [
			day(payment.receivedAt),
			t("pdf.invoice.method", { method: payment.method }),
			payment.reference,
		]
			.filter(Boolean)
			.join(" · ");
		out.text(what, PAGE.margin, out.y, { size: 9.5 });
		out.textRight(money(payment.amountMinor), pdf.right, out.y, { size: 9.5 });
	}

	drawSections(pdf, [
		[t("pdf.estimate.notes"), invoice.notes],
		[t("pdf.estimate.terms"), invoice.terms],
	]);

	// The way back to the invoice: a QR code and the link, kept together on one page.
	out.y -= 16;
	out.need(QR_SIZE + 8);
	out.y -= QR_SIZE;
	drawQrCode(pdf, input.link, PAGE.margin, out.y, QR_SIZE);
	const textX = PAGE.margin + QR_SIZE + 16;
	const textWidth = pdf.right - textX;
	let lineY = out.y + QR_SIZE - 12;
	out.text(t("pdf.invoice.payOnline"), textX, lineY, { size: 11, bold: true, color: primary });
	for (const line of out.wrap(input.link, 9, textWidth)) {
		lineY -= 13;
		out.text(line, textX, lineY, { size: 9, color: MUTED });
	}

	return closePdf(pdf, (page, pages) => t("pdf.estimate.page", { page, pages }));
}
