import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, minor, tenantId } from "../columns";

export const estimateStatuses = [
	"draft",
	"sent",
	"approved",
	"rejected",
	"changes_requested",
	"booked",
	"expired",
] as const;

export const estimates = sqliteTable(
	"estimates",
	{
		id: id(),
		tenantId: tenantId(),
		number: integer("number").notNull(),
		accountId: text("account_id"),
		contactId: text("contact_id"),
		title: text("title").notNull(),
		status: text("status", { enum: estimateStatuses }).notNull().default("draft"),
		currency: text("currency").notNull(),
		currentVersion: integer("current_version").notNull().default(1),
		totalMinor: minor("total_minor"),
		expiresAt: instant("expires_at"),
		decidedAt: instant("decided_at"),
		decidedByContactId: text("decided_by_contact_id"),
		rejectionReason: text("rejection_reason"),
		jobId: text("job_id"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at").notNull(),
	},
	(t) => [
		uniqueIndex("estimates_tenant_number_uq").on(t.tenantId, t.number),
		index("estimates_tenant_account_created_idx").on(t.tenantId, t.accountId, t.createdAt),
		index("estimates_tenant_status_created_idx").on(t.tenantId, t.status, t.createdAt),
	],
);

/** Each revision of an estimate, with a summary of what changed. */
export const estimateVersions = sqliteTable(
	"estimate_versions",
	{
		id: id(),
		tenantId: tenantId(),
		estimateId: text("estimate_id").notNull(),
		version: integer("version").notNull(),
		subtotalMinor: minor("subtotal_minor"),
		taxMinor: minor("tax_minor"),
		totalMinor: minor("total_minor"),
		notes: text("notes"),
		changeSummary: text("change_summary"),
		createdById: text("created_by_id"),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("estimate_versions_tenant_estimate_version_uq").on(t.tenantId, t.estimateId, t.version),
	],
);

/** Line items of one estimate version or one invoice (exactly one of the two parents is set). */
export const lineItems = sqliteTable(
	"line_items",
	{
		id: id(),
		tenantId: tenantId(),
		estimateVersionId: text("estimate_version_id"),
		invoiceId: text("invoice_id"),
		seq: integer("seq").notNull(),
		description: text("description").notNull(),
		/** Quantity in thousandths, so 1.5 hours is 1500. */
		quantityMilli: integer("quantity_milli").notNull(),
		unitPriceMinor: minor("unit_price_minor"),
		totalMinor: minor("total_minor"),
	},
	(t) => [
		index("line_items_tenant_estimate_version_idx").on(t.tenantId, t.estimateVersionId, t.seq),
		index("line_items_tenant_invoice_idx").on(t.tenantId, t.invoiceId, t.seq),
	],
);

/** Threaded change requests and replies on an estimate. */
export const estimateComments = sqliteTable(
	"estimate_comments",
	{
		id: id(),
		tenantId: tenantId(),
		estimateId: text("estimate_id").notNull(),
		parentId: text("parent_id"),
		authorType: text("author_type", { enum: ["contact", "staff"] }).notNull(),
		authorId: text("author_id").notNull(),
		body: text("body").notNull(),
		createdAt: createdAt(),
	},
	(t) => [index("estimate_comments_tenant_estimate_idx").on(t.tenantId, t.estimateId, t.createdAt)],
);

export const invoices = sqliteTable(
	"invoices",
	{
		id: id(),
		tenantId: tenantId(),
		number: integer("number").notNull(),
		accountId: text("account_id"),
		contactId: text("contact_id"),
		jobId: text("job_id"),
		status: text("status", { enum: ["draft", "open", "paid", "void"] })
			.notNull()
			.default("draft"),
		currency: text("currency").notNull(),
		subtotalMinor: minor("subtotal_minor"),
		taxMinor: minor("tax_minor"),
		totalMinor: minor("total_minor"),
		amountPaidMinor: minor("amount_paid_minor"),
		terms: text("terms"),
		issuedAt: instant("issued_at"),
		dueAt: instant("due_at"),
		paidAt: instant("paid_at"),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("invoices_tenant_number_uq").on(t.tenantId, t.number),
		index("invoices_tenant_account_status_due_idx").on(t.tenantId, t.accountId, t.status, t.dueAt),
		index("invoices_tenant_status_due_idx").on(t.tenantId, t.status, t.dueAt),
	],
);

export const payments = sqliteTable(
	"payments",
	{
		id: id(),
		tenantId: tenantId(),
		invoiceId: text("invoice_id").notNull(),
		amountMinor: integer("amount_minor").notNull(),
		currency: text("currency").notNull(),
		method: text("method", { enum: ["card", "ach", "check", "cash", "other"] }).notNull(),
		provider: text("provider"),
		providerRef: text("provider_ref"),
		status: text("status", { enum: ["pending", "succeeded", "failed", "refunded"] }).notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		index("payments_tenant_invoice_idx").on(t.tenantId, t.invoiceId, t.createdAt),
		uniqueIndex("payments_provider_ref_uq").on(t.provider, t.providerRef),
	],
);
