import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { linkOrigin } from "../app-origin";
import type { Invoice } from "../contracts/invoices";
import { assetFont, pdfAnswerOf, pdfResponse, pdfTenantOf } from "./pdf-answer";

/** A PDF answer in the OpenAPI description. */
export const invoicePdfAnswer = pdfAnswerOf("invoice");

/**
 * Renders an invoice as a PDF, its QR code linking back to it in the portal. The renderer is
 * imported on first use and the fonts read from the static assets only now, as for estimates.
 */
export async function serveInvoicePdf(c: Context<AppEnv>, invoice: Invoice): Promise<Response> {
	const [{ renderInvoicePdf }, tenant] = await Promise.all([import("../pdf/invoice-pdf"), pdfTenantOf(c)]);
	const origin = linkOrigin(c.env, c.req.url) ?? new URL(c.req.url).origin;
	const bytes = await renderInvoicePdf({
		loadFont: assetFont(c),
		tenant,
		invoice,
		link: `${origin}/c/${c.var.tenant.slug}/invoices/${invoice.id}`,
	});
	return pdfResponse(c, bytes, `invoice-${invoice.number}.pdf`);
}
