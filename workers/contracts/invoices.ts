import { z } from "@hono/zod-openapi";
import {
	checkoutStatuses,
	invoiceStatuses,
	offlinePaymentMethods,
	onlinePaymentMethods,
	paymentEventOutcomes,
	paymentMethods,
	paymentProviders,
} from "../../schema/invoice-values";
import { optionalText, requiredText } from "../domain/jobs/booking-input";
import { CalendarDate } from "./dates";
import { MAX_LINES, MAX_TAX_RATE_BPS, MAX_UNIT_PRICE_MINOR, QuantityField } from "./estimates";
import { SlugParam } from "./openapi";
import { Instant } from "./staff";

/**
 * The HTTP contracts of invoices and payments: the console (`/api/d/:slug/invoices`), the portal
 * (`/api/c/:slug/invoices`, its checkout) and the payment provider's webhook. Money is integer
 * minor units of `currency`; `dueAt` is a calendar day in the tenant's time zone.
 */

/** Most an offline payment or a checkout may be: a whole invoice's largest total. */
export const MAX_PAYMENT_MINOR = MAX_UNIT_PRICE_MINOR * MAX_LINES;
/** Longest an invoice may run before it is due. */
export const MAX_INVOICE_DUE_DAYS = 365;

export const InvoiceStatusSchema = z.enum(invoiceStatuses).openapi({
	description:
		"Derived, never stored: `void` once voided; `draft` until shared (console only); then `paid` (no balance), `overdue` (a balance after the due date), `partially_paid` (something paid, not yet due), `open`.",
});

const IdField = (example: string) => z.string().min(1).max(64).openapi({ example });

const MinorField = (max: number, what: string) =>
	z
		.number()
		.int(`${what} is in minor units (cents): a whole number.`)
		.min(0, `${what} cannot be negative.`)
		.max(max, `${what} is at most ${max}.`);

/* ── Requests ────────────────────────────────────────────────────────────────────────────── */

export const InvoiceLineInput = z
	.object({
		description: requiredText(500, "Describe the line."),
		quantity: QuantityField,
		unitPriceMinor: MinorField(MAX_UNIT_PRICE_MINOR, "The unit price"),
	})
	.openapi("InvoiceLineInput");
export type InvoiceLineInput = z.infer<typeof InvoiceLineInput>;

/** `POST /api/d/:slug/invoices`: from scratch for an account, or from a job (`GET …/draft-from-job/:jobId`). */
export const InvoiceCreateInput = z
	.object({
		accountId: IdField("acc_3f9c"),
		jobId: IdField("job_3f9c").optional().openapi({ description: "The completed job it bills" }),
		estimateId: IdField("est_3f9c").optional().openapi({
			description: "The approved estimate it bills; payments on its earlier invoices are carried over",
		}),
		contactId: IdField("con_3f9c")
			.optional()
			.openapi({ description: "Addressed to this contact of the account" }),
		locationId: IdField("loc_3f9c").optional().openapi({ description: "For this location of the account" }),
		lines: z
			.array(InvoiceLineInput)
			.min(1, "Add at least one line.")
			.max(MAX_LINES, `Use at most ${MAX_LINES} lines.`),
		discountMinor: MinorField(MAX_PAYMENT_MINOR, "The discount")
			.optional()
			.openapi({ description: "Taken off the subtotal, before tax" }),
		taxRateBps: z
			.number()
			.int("The tax rate is in basis points: a whole number (8.875 % is 888).")
			.min(0)
			.max(MAX_TAX_RATE_BPS)
			.optional()
			.openapi({ description: "Basis points (8.25 % = 825); default the tenant's `taxRateBps` setting" }),
		dueAt: CalendarDate.optional().openapi({
			description: "The last day to pay, in the tenant's time zone; default `invoiceDueDays` from today",
		}),
		terms: optionalText(4000).openapi({ description: "Default the tenant's `invoiceTermsDefault`" }),
		notes: optionalText(2000),
	})
	.openapi("InvoiceCreate");
export type InvoiceCreateInput = z.infer<typeof InvoiceCreateInput>;

/** `POST /api/d/:slug/invoices/:id/void`. */
export const InvoiceVoidInput = z
	.object({ reason: requiredText(1000, "Say why the invoice is void.") })
	.openapi("InvoiceVoid");

/** `POST /api/d/:slug/invoices/:id/payments`: money received outside the portal. */
export const OfflinePaymentInput = z
	.object({
		amountMinor: MinorField(MAX_PAYMENT_MINOR, "The amount").refine((v) => v > 0, "Enter an amount above 0."),
		method: z.enum(offlinePaymentMethods),
		reference: requiredText(200, "Enter the cheque number or transfer reference."),
		receivedOn: CalendarDate.optional().openapi({
			description: "The day it was received, in the tenant's time zone; default today",
		}),
	})
	.openapi("OfflinePayment");
export type OfflinePaymentInput = z.infer<typeof OfflinePaymentInput>;

/** `POST /api/c/:slug/invoices/:id/checkout`, with an `Idempotency-Key`. */
export const CheckoutInput = z
	.object({
		amountMinor: MinorField(MAX_PAYMENT_MINOR, "The amount")
			.refine((v) => v > 0, "Enter an amount above 0.")
			.optional()
			.openapi({ description: "Omitted: the whole balance" }),
	})
	.openapi("CheckoutInput");
export type CheckoutInput = z.infer<typeof CheckoutInput>;

const limit = z.coerce.number().int().min(1).max(50).default(20);

export const StaffInvoiceListQuery = z.object({
	status: InvoiceStatusSchema.optional(),
	accountId: z.string().max(64).optional(),
	cursor: z.string().max(200).optional(),
	limit,
});
export type StaffInvoiceListQuery = z.infer<typeof StaffInvoiceListQuery>;

export const CustomerInvoiceListQuery = z.object({
	tab: z
		.enum(["open", "paid"])
		.default("open")
		.openapi({ description: "`open`: open, partially paid and overdue; `paid`: paid and void" }),
	from: CalendarDate.optional().openapi({ description: "Created on or after this day" }),
	to: CalendarDate.optional().openapi({ description: "Created on or before this day" }),
	locationId: z.string().max(64).optional(),
	cursor: z.string().max(200).optional(),
	limit,
});
export type CustomerInvoiceListQuery = z.infer<typeof CustomerInvoiceListQuery>;

/* ── Answers ─────────────────────────────────────────────────────────────────────────────── */

/** One row of a list, and the head of every invoice. */
const summaryFields = {
	id: z.string(),
	number: z.number().int(),
	status: InvoiceStatusSchema,
	accountId: z.string(),
	accountName: z.string(),
	locationId: z.string().nullable(),
	locationName: z.string().nullable(),
	jobId: z.string().nullable(),
	jobNumber: z.number().int().nullable(),
	currency: z.string(),
	totalMinor: z.number().int(),
	/** The sum of the payments on this invoice. */
	paidMinor: z.number().int(),
	/** total − paid − deposit applied, never below 0. */
	balanceMinor: z.number().int(),
	/** The last day to pay, "YYYY-MM-DD" in the tenant's zone. */
	dueAt: z.string(),
	sharedAt: Instant.nullable(),
	createdAt: Instant,
};

export const InvoiceSummarySchema = z.object(summaryFields).openapi("InvoiceSummary");
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

export const InvoiceLineSchema = z
	.object({
		id: z.string(),
		description: z.string(),
		quantity: z.number(),
		unitPriceMinor: z.number().int(),
		/** Round half-up of quantity × unit price. */
		amountMinor: z.number().int(),
	})
	.openapi("InvoiceLine");

export const InvoicePaymentSchema = z
	.object({
		id: z.string(),
		amountMinor: z.number().int(),
		method: z.enum(paymentMethods),
		provider: z.enum(paymentProviders),
		/** The cheque number or transfer reference, or the provider's payment id. */
		reference: z.string().nullable(),
		receivedAt: Instant,
	})
	.openapi("InvoicePayment");

export const InvoiceCheckoutSchema = z
	.object({
		id: z.string(),
		amountMinor: z.number().int(),
		/** `creating`/`open`: processing until the provider's webhook confirms; `paid` only from the webhook. */
		status: z.enum(checkoutStatuses),
		createdAt: Instant,
	})
	.openapi("InvoiceCheckout");

/** What the signed-in contact may pay now (customer view only). */
export const PayOptionsSchema = z
	.object({
		/** False for viewers, a void or paid invoice, or a tenant offering no online method. */
		canPay: z.boolean(),
		/** The whole balance. */
		full: z.number().int(),
		/** The deposit asked on an invoice of an approved estimate, when the tenant allows deposits and none was paid. */
		deposit: z.number().int().optional(),
		/** Any amount in this range, when the tenant allows partial payments. */
		partial: z.object({ minMinor: z.number().int(), maxMinor: z.number().int() }).optional(),
		/** The online methods offered. */
		methods: z.array(z.enum(onlinePaymentMethods)),
	})
	.openapi("PayOptions");
export type PayOptions = z.infer<typeof PayOptionsSchema>;

const invoiceFields = {
	...summaryFields,
	contactId: z.string().nullable(),
	contactName: z.string().nullable(),
	lines: z.array(InvoiceLineSchema),
	subtotalMinor: z.number().int(),
	discountMinor: z.number().int(),
	taxRateBps: z.number().int(),
	taxMinor: z.number().int(),
	/** Paid on earlier invoices of the same estimate (a deposit), off this balance. */
	depositAppliedMinor: z.number().int(),
	terms: z.string().nullable(),
	notes: z.string().nullable(),
	payments: z.array(InvoicePaymentSchema),
	/** Customer view: the signed-in contact's recent checkouts; console: all of them. */
	checkouts: z.array(InvoiceCheckoutSchema),
	voidedAt: Instant.nullable(),
	voidReason: z.string().nullable(),
	estimateId: z.string().nullable(),
	estimateNumber: z.number().int().nullable(),
	updatedAt: Instant,
};

/** An invoice as the console shows it (every `/api/d/:slug/invoices/:id…` answer). */
export const StaffInvoiceSchema = z.object(invoiceFields).openapi("StaffInvoice");
export type StaffInvoice = z.infer<typeof StaffInvoiceSchema>;

/** An invoice as the portal shows it (`GET /api/c/:slug/invoices/:id`); never a draft. */
export const CustomerInvoiceSchema = z
	.object({ ...invoiceFields, payOptions: PayOptionsSchema })
	.openapi("CustomerInvoice");
export type CustomerInvoice = z.infer<typeof CustomerInvoiceSchema>;

/** Either view: what the shared pages take. */
export type Invoice = StaffInvoice | CustomerInvoice;

export const StaffInvoicePageSchema = z
	.object({ items: z.array(InvoiceSummarySchema), nextCursor: z.string().nullable() })
	.openapi("StaffInvoicePage");

export const CustomerInvoicePageSchema = z
	.object({
		items: z.array(InvoiceSummarySchema),
		nextCursor: z.string().nullable(),
		/** The balance of every invoice the contact may see (whatever the tab and filters). */
		outstandingMinor: z.number().int(),
		currency: z.string(),
	})
	.openapi("CustomerInvoicePage");

/** What a new invoice starts with, for dispatchers (who cannot read the admin settings). */
export const InvoiceDefaultsSchema = z
	.object({
		currency: z.string(),
		taxRateBps: z.number().int(),
		invoiceDueDays: z.number().int(),
		/** Today plus `invoiceDueDays`, in the tenant's zone. */
		dueAt: z.string(),
		terms: z.string().nullable(),
	})
	.openapi("InvoiceDefaults");

/** The create form, pre-filled from a completed job (`GET /api/d/:slug/invoices/draft-from-job/:jobId`). */
export const InvoiceDraftSchema = z
	.object({
		accountId: z.string(),
		accountName: z.string(),
		jobId: z.string(),
		jobNumber: z.number().int(),
		estimateId: z.string().nullable(),
		estimateNumber: z.number().int().nullable(),
		contactId: z.string().nullable(),
		locationId: z.string().nullable(),
		/** The approved estimate's selected lines, else a line for the job. */
		lines: z.array(
			z.object({ description: z.string(), quantity: z.number(), unitPriceMinor: z.number().int() }),
		),
		discountMinor: z.number().int(),
		/** Paid on earlier invoices of the same estimate, carried over as paid. */
		depositAppliedMinor: z.number().int(),
		/** Invoices already made for this job. */
		existingInvoiceIds: z.array(z.string()),
		...InvoiceDefaultsSchema.shape,
	})
	.openapi("InvoiceDraft");
export type InvoiceDraft = z.infer<typeof InvoiceDraftSchema>;

/** `POST /api/c/:slug/invoices/:id/checkout` → 201: where to send the customer. */
export const CheckoutAnswerSchema = z
	.object({ url: z.string(), checkoutId: z.string().openapi({ example: "chk_3f9c" }) })
	.openapi("CheckoutAnswer");
export type CheckoutAnswer = z.infer<typeof CheckoutAnswerSchema>;

/** `POST /api/webhooks/payments` → 200: the event was received; what became of it. */
export const WebhookAnswerSchema = z
	.object({ received: z.literal(true), outcome: z.enum(paymentEventOutcomes) })
	.openapi("PaymentWebhookAnswer");
export type WebhookAnswer = z.infer<typeof WebhookAnswerSchema>;

/** A tenant's online payment settings, as admins see them (`/api/d/:slug/settings`, `payments`). */
export const PaymentSettingsSchema = z
	.object({
		methods: z.array(z.enum(onlinePaymentMethods)),
		allowPartial: z.boolean(),
		allowDeposits: z.boolean(),
		depositPercent: z.number().int(),
		minPartialMinor: z.number().int(),
		/** A Stripe Connect account (`acct_…`): payments are direct charges on it; null for the platform account. */
		stripeAccountId: z.string().nullable(),
	})
	.openapi("PaymentSettings");

/** A change to the payment settings: only the fields sent change. */
export const PaymentSettingsPatch = z
	.object({
		methods: z
			.array(z.enum(onlinePaymentMethods))
			.min(1, "Offer at least one way to pay.")
			.refine((m) => new Set(m).size === m.length, "List each method once.")
			.optional(),
		allowPartial: z.boolean().optional(),
		allowDeposits: z.boolean().optional(),
		depositPercent: z.number().int("A whole percentage.").min(1).max(100).optional(),
		minPartialMinor: MinorField(MAX_PAYMENT_MINOR, "The smallest partial payment").optional(),
		stripeAccountId: z
			.string()
			.trim()
			.regex(/^acct_[A-Za-z0-9]{6,64}$/, "Use a Stripe account id like acct_1AbCdEf.")
			.nullable()
			.optional(),
	})
	.openapi("PaymentSettingsPatch");

/* ── Parameters ──────────────────────────────────────────────────────────────────────────── */

export const InvoiceIdParam = SlugParam.extend({
	id: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "id", in: "path" }, example: "inv_3f9c" }),
});

export const InvoiceJobParam = SlugParam.extend({
	jobId: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "jobId", in: "path" }, example: "job_3f9c" }),
});
