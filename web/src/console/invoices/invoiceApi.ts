import { apiFetch } from "../../shared/api";
import type {
	InvoiceCreateBody,
	InvoiceDraftFromJob,
	InvoicePage,
	OfflinePaymentBody,
	StaffInvoice,
} from "../../shared/invoices/invoiceTypes";
import { type PdfLink, pdfLink } from "../../shared/pdfLink";
import { queryString, sendJson, staffPath } from "../consoleApi";

/** The console's invoice list filters; each is also a query parameter of the page and of the API. */
export type StaffInvoiceFilters = { status?: string; accountId?: string };

export const invoiceRoute = (id: string, rest = "") => `/invoices/${encodeURIComponent(id)}${rest}`;

export const staffInvoicePath = (slug: string, id: string, rest = "") =>
	staffPath(slug, invoiceRoute(id, rest));

/** The invoice's PDF, saved as `invoice-1001.pdf`. */
export const staffInvoicePdf = (slug: string, invoice: { id: string; number: number }): PdfLink =>
	pdfLink(staffInvoicePath(slug, invoice.id, "/pdf"), "invoice", invoice.number);

export const fetchStaffInvoices = (slug: string, filters: StaffInvoiceFilters & { cursor?: string }) =>
	apiFetch<InvoicePage>(staffPath(slug, `/invoices${queryString(filters)}`));

/** The create form pre-filled from a completed job (and its approved estimate's lines). */
export const draftFromJobPath = (slug: string, jobId: string) =>
	staffPath(slug, `/invoices/draft-from-job/${encodeURIComponent(jobId)}`);

export type { InvoiceDraftFromJob };

export const createInvoice = (slug: string, body: InvoiceCreateBody) =>
	sendJson<StaffInvoice>(slug, "/invoices", "POST", body);

export const shareInvoice = (slug: string, id: string) =>
	sendJson<StaffInvoice>(slug, invoiceRoute(id, "/share"), "POST");

export const voidInvoice = (slug: string, id: string, reason: string) =>
	sendJson<StaffInvoice>(slug, invoiceRoute(id, "/void"), "POST", { reason });

export const recordPayment = (slug: string, id: string, body: OfflinePaymentBody) =>
	sendJson<StaffInvoice>(slug, invoiceRoute(id, "/payments"), "POST", body);
