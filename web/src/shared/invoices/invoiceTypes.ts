import type { z } from "zod";
import type { InvoiceStatus, OfflinePaymentMethod, PaymentMethod } from "../../../../schema/invoice-values";
import type {
	CustomerInvoice,
	CustomerInvoicePageSchema,
	InvoiceCheckoutSchema,
	InvoiceCreateInput,
	InvoiceDraft,
	InvoicePaymentSchema,
	InvoiceSummary,
	OfflinePaymentInput,
	PayOptions,
	StaffInvoice,
	StaffInvoicePageSchema,
} from "../../../../workers/contracts/invoices";

/** The invoice answers of both APIs, as the server's schemas declare them. */

export {
	invoiceStatuses as INVOICE_STATUSES,
	offlinePaymentMethods,
} from "../../../../schema/invoice-values";
export type {
	CustomerInvoice,
	InvoiceStatus,
	InvoiceSummary,
	OfflinePaymentMethod,
	PaymentMethod,
	PayOptions,
	StaffInvoice,
};
export type InvoicePayment = z.infer<typeof InvoicePaymentSchema>;
export type InvoiceCheckout = z.infer<typeof InvoiceCheckoutSchema>;
export type InvoicePage = z.infer<typeof StaffInvoicePageSchema>;
export type CustomerInvoicePage = z.infer<typeof CustomerInvoicePageSchema>;
/** `GET /invoices/draft-from-job/:jobId`: the create form pre-filled. */
export type InvoiceDraftFromJob = InvoiceDraft;
export type InvoiceCreateBody = z.input<typeof InvoiceCreateInput>;
export type OfflinePaymentBody = z.input<typeof OfflinePaymentInput>;

/** What the portal's and the console's invoice share. */
export type AnyInvoice = StaffInvoice | CustomerInvoice;
