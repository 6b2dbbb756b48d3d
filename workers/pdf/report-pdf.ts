import type { JobKind, StopKind } from "../../schema/job-values";
import type { CompletionOutcome, PartLine } from "../../schema/proof-values";
import {
	closePdf,
	drawFacts,
	drawHeading,
	drawLines,
	drawSections,
	INK,
	type LoadFont,
	MUTED,
	openPdf,
	PAGE,
	type PdfTenant,
} from "./layout";

/** What a service report / proof of delivery shows. */
export type ReportPdfInput = {
	loadFont: LoadFont;
	tenant: PdfTenant;
	currency: string;
	job: {
		number: number;
		kind: JobKind;
		reference: string | null;
		customerName: string | null;
		accountName: string | null;
		description: string | null;
	};
	stops: Array<{ kind: StopKind; address: string; arrivedAt: number | null }>;
	completion: {
		outcome: CompletionOutcome;
		at: number;
		technicianName: string;
		recipientName: string | null;
		place: string | null;
		note: string | null;
		workDone: string | null;
		parts: PartLine[];
	};
	/** The signature and photos as PDF-embeddable images (PNG or JPEG). */
	signature: Uint8Array | null;
	photos: Array<{ bytes: Uint8Array; type: "png" | "jpeg" }>;
};

const PHOTO_BOX = 160;

/**
 * A completed job's report as a PDF: the tenant's letterhead, the job, its stops and times, who
 * received it and where, the signature, the photos, the work done, the parts and the technician.
 */
export async function renderReportPdf(input: ReportPdfInput): Promise<Uint8Array> {
	const { tenant, job, completion } = input;
	const time = (at: number) =>
		new Intl.DateTimeFormat(tenant.locale, {
			timeZone: tenant.timezone,
			dateStyle: "long",
			timeStyle: "short",
		}).format(at);
	const pdf = await openPdf({
		loadFont: input.loadFont,
		tenant,
		currency: input.currency,
		title: "",
		createdAt: new Date(completion.at).toISOString(),
		texts: [
			job.reference ?? "",
			job.customerName ?? "",
			job.accountName ?? "",
			job.description ?? "",
			completion.technicianName,
			completion.recipientName ?? "",
			completion.place ?? "",
			completion.note ?? "",
			completion.workDone ?? "",
			...completion.parts.map((p) => p.description),
			...input.stops.map((s) => s.address),
		],
	});
	const { out, t } = pdf;
	const title = t("pdf.report.title", { kind: job.kind, number: job.number });
	pdf.doc.setTitle(`${title} — ${tenant.name}`);
	drawHeading(pdf, title, t("pdf.report.outcome", { outcome: completion.outcome }));
	out.y -= 10;
	const customer = [job.accountName, job.customerName].filter(Boolean).join(" · ");
	drawFacts(pdf, [
		...(customer ? [[t("pdf.report.customer"), customer] as const] : []),
		...(job.reference ? [[t("pdf.report.reference"), job.reference] as const] : []),
		[t("pdf.report.technician"), completion.technicianName],
		[t("pdf.report.at"), time(completion.at)],
		...(completion.recipientName ? [[t("pdf.report.recipient"), completion.recipientName] as const] : []),
		...(completion.place ? [[t("pdf.report.place"), completion.place] as const] : []),
	]);

	out.paragraph(t("pdf.report.stops"), { size: 11, bold: true });
	for (const stop of input.stops) {
		out.need(16);
		out.y -= 14;
		out.text(t("pdf.report.stop", { kind: stop.kind }), PAGE.margin, out.y, { size: 9, color: MUTED });
		out.text(stop.address, PAGE.margin + 90, out.y, { size: 10 });
		if (stop.arrivedAt) out.textRight(time(stop.arrivedAt), pdf.right, out.y, { size: 9, color: MUTED });
	}
	out.y -= 10;

	drawSections(pdf, [
		[t("pdf.report.description"), job.description],
		[t("pdf.report.workDone"), completion.workDone],
		[t("pdf.report.note"), completion.note],
	]);
	if (completion.parts.length) {
		out.y -= 10;
		out.paragraph(t("pdf.report.parts"), { size: 11, bold: true });
		drawLines(
			pdf,
			completion.parts.map((p) => ({ ...p, amountMinor: Math.round(p.quantity * p.unitPriceMinor) })),
			{
				description: t("pdf.estimate.description"),
				quantity: t("pdf.estimate.quantity"),
				unitPrice: t("pdf.estimate.unitPrice"),
				amount: t("pdf.estimate.amount"),
			},
			tenant.locale,
		);
	}

	const drawImage = async (bytes: Uint8Array, type: "png" | "jpeg", x: number, box: number) => {
		try {
			const image = type === "png" ? await pdf.doc.embedPng(bytes) : await pdf.doc.embedJpg(bytes);
			const scale = Math.min(box / image.height, box / image.width, 1);
			out.page.drawImage(image, {
				x,
				y: out.y - image.height * scale,
				width: image.width * scale,
				height: image.height * scale,
			});
			return true;
		} catch (err) {
			// An image pdf-lib cannot read costs the report that picture, not the report.
			console.error("pdf: image not embedded", { err: String(err) });
			return false;
		}
	};
	if (input.signature) {
		out.y -= 10;
		out.need(110);
		out.paragraph(t("pdf.report.signature"), { size: 11, bold: true });
		out.y -= 6;
		await drawImage(input.signature, "png", PAGE.margin, 90);
		out.y -= 94;
		out.page.drawLine({
			start: { x: PAGE.margin, y: out.y },
			end: { x: PAGE.margin + 220, y: out.y },
			thickness: 0.5,
			color: INK,
		});
		out.y -= 4;
	}
	if (input.photos.length) {
		out.y -= 14;
		out.need(PHOTO_BOX + 30);
		out.paragraph(t("pdf.report.photos"), { size: 11, bold: true });
		out.y -= 6;
		let x = PAGE.margin;
		for (const photo of input.photos) {
			if (x + PHOTO_BOX > pdf.right) {
				x = PAGE.margin;
				out.y -= PHOTO_BOX + 10;
			}
			out.need(PHOTO_BOX + 10);
			if (await drawImage(photo.bytes, photo.type, x, PHOTO_BOX)) x += PHOTO_BOX + 10;
		}
		out.y -= PHOTO_BOX;
	}
	return closePdf(pdf, (page, pages) => t("pdf.estimate.page", { page, pages }));
}
