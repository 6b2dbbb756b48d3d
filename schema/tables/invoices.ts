import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, minor, tenantId } from "../columns";
import { checkoutStatuses, paymentEventOutcomes, paymentMethods, paymentProviders } from "../invoice-values";

export * from "../invoice-values";

/**
 * An invoice and its figures. Its status is never stored: it follows from `voidedAt`, `sharedAt`,
 * the payments (`paidMinor`, their sum, written in the same batch as each payment) and `dueAt`.
 */
export const invoices = sqliteTable(
	"invoices",
	{
		id: id(),
		tenantId: tenantId(),
		number: integer("number").notNull(),
		accountId: text("account_id").notNull(),
		contactId: text("contact_id"),
		locationId: text("location_id"),
		jobId: text("job_id"),
		estimateId: text("estimate_id"),
		currency: text("currency").notNull(),
		subtotalMinor: minor("subtotal_minor"),
		discountMinor: minor("discount_minor"),
		taxRateBps: integer("tax_rate_bps").notNull().default(0),
		taxMinor: minor("tax_minor"),
		totalMinor: minor("total_minor"),
		/** The sum of `payments.amount_minor` of this invoice. */
		paidMinor: minor("paid_minor"),
		/** Paid on earlier invoices of the same estimate (a deposit), taken off this one's balance. */
		depositAppliedMinor: minor("deposit_applied_minor"),
		/** The last day to pay, "YYYY-MM-DD" in the tenant's time zone. */
		dueAt: text("due_at").notNull(),
		terms: text("terms"),
		notes: text("notes"),
		/** When it was shared to the portal; null while a draft. */
		sharedAt: instant("shared_at"),
		voidedAt: instant("voided_at"),
		voidReason: text("void_reason"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at").notNull(),
		/** The staff member who created it. */
		createdBy: text("created_by"),
	},
	(t) => [
		uniqueIndex("invoices_tenant_number_uq").on(t.tenantId, t.number),
		// Ending in id, the pages' tie-breaker: each list is a range read in order.
		index("invoices_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
		index("invoices_tenant_account_created_idx").on(t.tenantId, t.accountId, t.createdAt, t.id),
		index("invoices_tenant_location_created_idx").on(t.tenantId, t.locationId, t.createdAt, t.id),
		index("invoices_tenant_contact_created_idx").on(t.tenantId, t.contactId, t.createdAt, t.id),
		// The status is derived from these: the overdue and open lists read them.
		index("invoices_tenant_shared_due_idx").on(t.tenantId, t.sharedAt, t.voidedAt, t.dueAt),
		index("invoices_tenant_job_idx").on(t.tenantId, t.jobId),
		index("invoices_tenant_estimate_idx").on(t.tenantId, t.estimateId),
	],
);

/** The lines of an invoice, in `position` order. */
export const invoiceLines = sqliteTable(
	"invoice_lines",
	{
		id: id(),
		tenantId: tenantId(),
		invoiceId: text("invoice_id").notNull(),
		position: integer("position").notNull(),
		description: text("description").notNull(),
		/** Quantity in thousandths, so 1.5 hours is 1500 (see workers/domain/estimates/quantity.ts). */
		quantityMilli: integer("quantity_milli").notNull(),
		unitPriceMinor: minor("unit_price_minor"),
		/** Round half-up of quantity × unit price. */
		amountMinor: minor("amount_minor"),
	},
	(t) => [index("invoice_lines_tenant_invoice_idx").on(t.tenantId, t.invoiceId, t.position)],
);

/**
 * Money received against an invoice, online or recorded by hand. A provider's reference (payment
 * intent, cheque number) is recorded once per provider, so the same payment never counts twice.
 */
export const payments = sqliteTable(
	"payments",
	{
		id: id(),
		tenantId: tenantId(),
		invoiceId: text("invoice_id").notNull(),
		amountMinor: integer("amount_minor").notNull(),
		currency: text("currency").notNull(),
		method: text("method", { enum: paymentMethods }).notNull(),
		provider: text("provider", { enum: paymentProviders }).notNull(),
		providerRef: text("provider_ref"),
		checkoutId: text("checkout_id"),
		receivedAt: instant("received_at").notNull(),
		/** The staff member who recorded an offline payment. */
		recordedBy: text("recorded_by"),
	},
	(t) => [
		index("payments_tenant_invoice_idx").on(t.tenantId, t.invoiceId, t.receivedAt),
		uniqueIndex("payments_tenant_provider_ref_uq")
			.on(t.tenantId, t.provider, t.providerRef)
			.where(sql`${t.providerRef} IS NOT NULL`),
	],
);

/** A checkout a contact opened to pay an invoice: one per idempotency key. */
export const checkoutSessions = sqliteTable(
	"checkout_sessions",
	{
		/** `chk_…` */
		id: id(),
		tenantId: tenantId(),
		invoiceId: text("invoice_id").notNull(),
		contactId: text("contact_id").notNull(),
		idempotencyKey: text("idempotency_key").notNull(),
		/** SHA-256 of the request, so the same key with another amount is refused. */
		requestHash: text("request_hash").notNull(),
		amountMinor: integer("amount_minor").notNull(),
		currency: text("currency").notNull(),
		provider: text("provider", { enum: paymentProviders }).notNull(),
		providerSessionId: text("provider_session_id"),
		url: text("url"),
		status: text("status", { enum: checkoutStatuses }).notNull().default("creating"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at").notNull(),
	},
	(t) => [
		uniqueIndex("checkout_sessions_tenant_contact_key_uq").on(t.tenantId, t.contactId, t.idempotencyKey),
		index("checkout_sessions_tenant_invoice_created_idx").on(t.tenantId, t.invoiceId, t.createdAt),
		index("checkout_sessions_provider_session_idx").on(t.provider, t.providerSessionId),
	],
);

/** Every provider event received, and what became of it: the ledger that applies each once. */
export const paymentEvents = sqliteTable(
	"payment_events",
	{
		providerEventId: text("provider_event_id").notNull(),
		provider: text("provider", { enum: paymentProviders }).notNull(),
		/** Null when the event named no tenant we know. */
		tenantId: text("tenant_id"),
		type: text("type").notNull(),
		checkoutId: text("checkout_id"),
		outcome: text("outcome", { enum: paymentEventOutcomes }).notNull(),
		detail: text("detail"),
		receivedAt: instant("received_at").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.provider, t.providerEventId] }),
		index("payment_events_tenant_received_idx").on(t.tenantId, t.receivedAt),
	],
);
