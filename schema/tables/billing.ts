import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { addressColumns, createdAt, id, instant, minor, tenantId } from "../columns";

import { storedEstimateStatuses } from "../estimate-values";

export { type EstimateStatus, estimateStatuses, storedEstimateStatuses } from "../estimate-values";

/**
 * An estimate and a copy of its current version's headline figures, so lists need no second
 * read. `expired` and `booked` are never stored: they follow from `expiresAt` and `jobId`.
 */
export const estimates = sqliteTable(
	"estimates",
	{
		id: id(),
		tenantId: tenantId(),
		number: integer("number").notNull(),
		accountId: text("account_id").notNull(),
		contactId: text("contact_id"),
		locationId: text("location_id"),
		quoteRequestId: text("quote_request_id"),
		title: text("title").notNull(),
		status: text("status", { enum: storedEstimateStatuses }).notNull().default("draft"),
		currency: text("currency").notNull(),
		currentVersion: integer("current_version").notNull().default(1),
		subtotalMinor: minor("subtotal_minor"),
		discountMinor: minor("discount_minor"),
		taxRateBps: integer("tax_rate_bps").notNull().default(0),
		taxMinor: minor("tax_minor"),
		totalMinor: minor("total_minor"),
		expiresAt: instant("expires_at"),
		/** When it was last shared to the portal; null while a draft. */
		sentAt: instant("sent_at"),
		decidedAt: instant("decided_at"),
		decidedByContactId: text("decided_by_contact_id"),
		rejectionReason: text("rejection_reason"),
		jobId: text("job_id"),
		/** A customer asked for an updated estimate once it expired: when, and on which version. */
		updateRequestedAt: instant("update_requested_at"),
		updateRequestedVersion: integer("update_requested_version"),
		createdById: text("created_by_id"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at").notNull(),
	},
	(t) => [
		uniqueIndex("estimates_tenant_number_uq").on(t.tenantId, t.number),
		// Ending in id, the pages' tie-breaker: every way an estimate is a contact's is a range read in order.
		index("estimates_tenant_account_created_idx").on(t.tenantId, t.accountId, t.createdAt, t.id),
		index("estimates_tenant_contact_created_idx").on(t.tenantId, t.contactId, t.createdAt, t.id),
		index("estimates_tenant_location_created_idx").on(t.tenantId, t.locationId, t.createdAt, t.id),
		index("estimates_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
		index("estimates_tenant_status_created_idx").on(t.tenantId, t.status, t.createdAt),
		index("estimates_tenant_quote_request_idx").on(t.tenantId, t.quoteRequestId),
	],
);

/** The totals one version of an estimate stored, as `estimateTotals` computed them. */
export type VersionTotalsJson = {
	subtotalMinor: number;
	discountMinor: number;
	taxRateBps: number;
	taxMinor: number;
	totalMinor: number;
	optionalMinor: number;
};

/** Each revision of an estimate: its whole content (lines in `line_items`) and what changed. */
export const estimateVersions = sqliteTable(
	"estimate_versions",
	{
		id: id(),
		tenantId: tenantId(),
		estimateId: text("estimate_id").notNull(),
		version: integer("version").notNull(),
		title: text("title").notNull().default(""),
		subtotalMinor: minor("subtotal_minor"),
		discountMinor: minor("discount_minor"),
		taxRateBps: integer("tax_rate_bps").notNull().default(0),
		taxMinor: minor("tax_minor"),
		totalMinor: minor("total_minor"),
		optionalMinor: minor("optional_minor"),
		notes: text("notes"),
		terms: text("terms"),
		expiresAt: instant("expires_at"),
		/** The change summary against the version before, derived by the server (JSON). */
		changeSummary: text("change_summary", { mode: "json" }).$type<Record<string, unknown>>(),
		createdById: text("created_by_id"),
		createdByLabel: text("created_by_label"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at"),
	},
	(t) => [
		uniqueIndex("estimate_versions_tenant_estimate_version_uq").on(t.tenantId, t.estimateId, t.version),
	],
);

/**
 * Line items of one estimate version (invoices keep theirs in `invoice_lines`).
 * An estimate line keeps its `lineId` from version to version, so a revision, a comment pinned
 * to a line and an approval's optional items all name the same line.
 */
export const lineItems = sqliteTable(
	"line_items",
	{
		id: id(),
		tenantId: tenantId(),
		estimateId: text("estimate_id"),
		estimateVersionId: text("estimate_version_id"),
		lineId: text("line_id"),
		seq: integer("seq").notNull(),
		description: text("description").notNull(),
		/** Quantity in thousandths, so 1.5 hours is 1500 (see workers/domain/estimates/quantity.ts). */
		quantityMilli: integer("quantity_milli").notNull(),
		unitPriceMinor: minor("unit_price_minor"),
		totalMinor: minor("total_minor"),
		/** An optional estimate line: the customer may tick it; out of the totals until selected. */
		optional: integer("optional", { mode: "boolean" }).notNull().default(false),
	},
	(t) => [
		index("line_items_tenant_estimate_version_idx").on(t.tenantId, t.estimateVersionId, t.seq),
		index("line_items_tenant_estimate_idx").on(t.tenantId, t.estimateId),
	],
);

/** The thread of an estimate: change requests and replies, each optionally pinned to a line. */
export const estimateComments = sqliteTable(
	"estimate_comments",
	{
		id: id(),
		tenantId: tenantId(),
		estimateId: text("estimate_id").notNull(),
		authorType: text("author_type", { enum: ["contact", "staff"] }).notNull(),
		authorId: text("author_id").notNull(),
		authorName: text("author_name").notNull().default(""),
		/** A `line_items.line_id` of any version of the estimate. */
		lineItemId: text("line_item_id"),
		/** The version current when it was written. */
		version: integer("version").notNull().default(1),
		body: text("body").notNull(),
		createdAt: createdAt(),
	},
	(t) => [index("estimate_comments_tenant_estimate_idx").on(t.tenantId, t.estimateId, t.createdAt)],
);

/**
 * A customer's approval of one version: who (typed name and the signed-in contact), when, from
 * where, the optional lines ticked, and the SHA-256 of the exact content approved. One per estimate.
 */
export const estimateApprovals = sqliteTable(
	"estimate_approvals",
	{
		id: id(),
		tenantId: tenantId(),
		estimateId: text("estimate_id").notNull(),
		version: integer("version").notNull(),
		contactId: text("contact_id").notNull(),
		contactName: text("contact_name").notNull(),
		contactEmail: text("contact_email").notNull(),
		signedName: text("signed_name").notNull(),
		ip: text("ip"),
		userAgent: text("user_agent"),
		optionalItemIds: text("optional_item_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
		totals: text("totals", { mode: "json" }).$type<VersionTotalsJson>().notNull(),
		contentSha256: text("content_sha256").notNull(),
		/** Key as sent, scoped by the approving contact: the D1 backstop for TenantGate. */
		idempotencyKey: text("idempotency_key"),
		approvedAt: instant("approved_at").notNull(),
	},
	(t) => [
		uniqueIndex("estimate_approvals_tenant_estimate_uq").on(t.tenantId, t.estimateId),
		uniqueIndex("estimate_approvals_tenant_idempotency_uq").on(t.tenantId, t.idempotencyKey),
	],
);

/** The version of an estimate each contact last looked at, for "what changed since you looked". */
export const estimateViews = sqliteTable(
	"estimate_views",
	{
		tenantId: tenantId(),
		estimateId: text("estimate_id").notNull(),
		contactId: text("contact_id").notNull(),
		version: integer("version").notNull(),
		seenAt: instant("seen_at").notNull(),
	},
	(t) => [primaryKey({ columns: [t.tenantId, t.estimateId, t.contactId] })],
);

/** The activity of an estimate: created, revised, shared, viewed, decided, converted. */
export const estimateEvents = sqliteTable(
	"estimate_events",
	{
		id: id(),
		tenantId: tenantId(),
		estimateId: text("estimate_id").notNull(),
		type: text("type").notNull(),
		actorType: text("actor_type", { enum: ["contact", "staff", "system"] }).notNull(),
		actorId: text("actor_id"),
		actorLabel: text("actor_label"),
		message: text("message").notNull(),
		version: integer("version"),
		data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
		visibleToCustomer: integer("visible_to_customer", { mode: "boolean" }).notNull().default(true),
		createdAt: createdAt(),
	},
	(t) => [index("estimate_events_tenant_estimate_created_idx").on(t.tenantId, t.estimateId, t.createdAt)],
);

/** A customer's request for an estimate: where, when they would like it, what, with photos. */
export const quoteRequests = sqliteTable(
	"quote_requests",
	{
		id: id(),
		tenantId: tenantId(),
		accountId: text("account_id"),
		contactId: text("contact_id").notNull(),
		locationId: text("location_id"),
		...addressColumns(),
		/** Calendar days in the tenant's zone, "YYYY-MM-DD". */
		preferredFrom: text("preferred_from"),
		preferredTo: text("preferred_to"),
		description: text("description").notNull(),
		createdAt: createdAt(),
	},
	(t) => [
		index("quote_requests_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
		index("quote_requests_tenant_contact_created_idx").on(t.tenantId, t.contactId, t.createdAt, t.id),
	],
);

/** Photos of a quote request; the bytes live privately in object storage under `objectKey`. */
export const quoteRequestPhotos = sqliteTable(
	"quote_request_photos",
	{
		id: id(),
		tenantId: tenantId(),
		quoteRequestId: text("quote_request_id").notNull(),
		uploadedById: text("uploaded_by_id").notNull(),
		objectKey: text("object_key").notNull(),
		contentType: text("content_type").notNull(),
		sizeBytes: integer("size_bytes").notNull(),
		createdAt: createdAt(),
	},
	(t) => [index("quote_request_photos_tenant_request_idx").on(t.tenantId, t.quoteRequestId, t.createdAt)],
);
