import type { CheckoutAnswer } from "../../../../workers/contracts/invoices";
import { apiFetch } from "../../shared/api";
import type { CustomerInvoicePage } from "../../shared/invoices/invoiceTypes";
import { type PdfLink, pdfLink } from "../../shared/pdfLink";
import { customerPath, filterQuery, portalPath } from "../customerApi";

/** The invoice list's tab and filters; each is also a query parameter of the page and of the API. */
export type InvoiceFilters = { tab?: string; from?: string; to?: string; locationId?: string };

export const invoiceApiPath = (slug: string, id: string, rest = "") =>
	customerPath(slug, `/invoices/${encodeURIComponent(id)}${rest}`);

export const invoicePagePath = (slug: string, id: string) =>
	portalPath(slug, `/invoices/${encodeURIComponent(id)}`);

/** The invoice's PDF, saved as `invoice-1001.pdf`. */
export const invoicePdf = (slug: string, invoice: { id: string; number: number }): PdfLink =>
	pdfLink(invoiceApiPath(slug, invoice.id, "/pdf"), "invoice", invoice.number);

export const fetchInvoices = (slug: string, filters: InvoiceFilters & { cursor?: string }) =>
	apiFetch<CustomerInvoicePage>(customerPath(slug, `/invoices${filterQuery(filters)}`));

/**
 * Opens a checkout for `amountMinor` (omitted: the whole balance). One key per intent: a double
 * tap, or a retry after a dropped answer, sends the same key and gets the same session.
 */
export const startCheckout = (
	slug: string,
	id: string,
	amountMinor: number | undefined,
	idempotencyKey: string,
) =>
	apiFetch<CheckoutAnswer>(invoiceApiPath(slug, id, "/checkout"), {
		method: "POST",
		headers: { "Idempotency-Key": idempotencyKey },
		body: JSON.stringify(amountMinor === undefined ? {} : { amountMinor }),
	});
