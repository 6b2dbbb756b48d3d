import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { addressColumns, createdAt, id, instant, tenantId } from "../columns";
import { jobKinds, jobStatuses, openJobStatuses, type StopKind, stopKinds } from "../job-values";

export { type JobKind, type JobStatus, jobKinds, jobStatuses } from "../job-values";

/** Finished jobs, as the partial index of the board's day and its read both spell it. */
export const FINISHED_JOB = "status IN ('completed', 'cancelled')";
/** Completed jobs, as a technician's day index and its read both spell it. */
export const COMPLETED_JOB = "status = 'completed'";

export const jobSources = ["portal", "dispatcher", "api"] as const;
export type JobSource = (typeof jobSources)[number];

export type StopSummary = { kind: StopKind; line1: string; city: string };

export const jobs = sqliteTable(
	"jobs",
	{
		id: id(),
		tenantId: tenantId(),
		/** Human-facing job number, unique per tenant. */
		number: integer("number").notNull(),
		kind: text("kind", { enum: jobKinds }).notNull(),
		status: text("status", { enum: jobStatuses }).notNull().default("unassigned"),
		source: text("source", { enum: jobSources }).notNull(),
		accountId: text("account_id"),
		locationId: text("location_id"),
		contactId: text("contact_id"),
		customerName: text("customer_name"),
		/** The account's name as the job was made (accounts are not renamed): lists need no join. */
		accountName: text("account_name"),
		/** The customer email exactly as typed, and its normalized form used for matching. */
		customerEmail: text("customer_email"),
		customerEmailNormalized: text("customer_email_normalized"),
		reference: text("reference"),
		description: text("description"),
		packageDescription: text("package_description"),
		technicianId: text("technician_id"),
		windowStart: instant("window_start"),
		windowEnd: instant("window_end"),
		pausedMessage: text("paused_message"),
		/** Where the job goes, copied from its stops so lists need no second read. */
		stopsSummary: text("stops_summary", { mode: "json" }).$type<StopSummary[]>().notNull().default([]),
		/** Booking idempotency key, scoped by the booking customer; the D1 backstop for TenantGate. */
		idempotencyKey: text("idempotency_key"),
		/** The approved estimate this job was converted from; at most one job per estimate. */
		estimateId: text("estimate_id"),
		/** The recurring series this job is an occurrence of. */
		seriesId: text("series_id"),
		createdByType: text("created_by_type", { enum: ["contact", "staff", "api", "system"] }).notNull(),
		createdById: text("created_by_id"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at").notNull(),
		completedAt: instant("completed_at"),
		cancelledAt: instant("cancelled_at"),
		/**
		 * Computed by the database from the status, never written: open jobs are then one index
		 * range, where five status values were five seeks that each read past their end.
		 */
		isOpen: integer("is_open", { mode: "boolean" }).generatedAlwaysAs(
			sql.raw(`status IN (${openJobStatuses.map((s) => `'${s}'`).join(", ")})`),
			{ mode: "virtual" },
		),
	},
	(t) => [
		uniqueIndex("jobs_tenant_number_uq").on(t.tenantId, t.number),
		// Partial: a job booked without a key, or not from an estimate, writes no row to these.
		uniqueIndex("jobs_tenant_idempotency_uq")
			.on(t.tenantId, t.idempotencyKey)
			.where(sql`idempotency_key IS NOT NULL`),
		uniqueIndex("jobs_tenant_estimate_uq").on(t.tenantId, t.estimateId).where(sql`estimate_id IS NOT NULL`),
		index("jobs_tenant_created_idx").on(t.tenantId, t.createdAt),
		// Ending in id, the pages' tie-breaker, so a customer's list is read in order with no sort;
		// the contact before it keeps the jobs typed with an email and linked to nobody (a contact's
		// own are read by `jobs_tenant_contact_created_idx`) one range of their own.
		index("jobs_tenant_email_contact_created_idx").on(
			t.tenantId,
			t.customerEmailNormalized,
			t.contactId,
			t.createdAt,
			t.id,
		),
		index("jobs_tenant_account_created_idx").on(t.tenantId, t.accountId, t.createdAt, t.id),
		index("jobs_tenant_contact_created_idx").on(t.tenantId, t.contactId, t.createdAt, t.id),
		// The board's open jobs, and one technician's, as one range each.
		index("jobs_tenant_open_technician_idx").on(t.tenantId, t.isOpen, t.technicianId),
		// Jobs finished since a moment (the board's day, a technician's): partial, so a job enters
		// them once, when it is finished, and its moves between open statuses write only its row.
		// The reads repeat the WHERE terms word for word (FINISHED_JOB, COMPLETED_JOB), as SQLite
		// needs to use a partial index.
		index("jobs_tenant_finished_updated_idx")
			.on(t.tenantId, t.status, t.updatedAt)
			.where(sql.raw(FINISHED_JOB)),
		index("jobs_tenant_technician_completed_idx")
			.on(t.tenantId, t.technicianId, t.updatedAt)
			.where(sql.raw(`${COMPLETED_JOB} AND technician_id IS NOT NULL`)),
	],
);

/** Ordered stops of a job: pickup then drop-off, or the single service address. */
export const jobStops = sqliteTable(
	"job_stops",
	{
		id: id(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		seq: integer("seq").notNull(),
		kind: text("kind", { enum: stopKinds }).notNull(),
		...addressColumns(),
		contactName: text("contact_name"),
		contactPhone: text("contact_phone"),
		windowStart: instant("window_start"),
		windowEnd: instant("window_end"),
		instructions: text("instructions"),
		arrivedAt: instant("arrived_at"),
		completedAt: instant("completed_at"),
	},
	(t) => [uniqueIndex("job_stops_tenant_job_seq_uq").on(t.tenantId, t.jobId, t.seq)],
);

/** The activity timeline of a job. */
export const jobEvents = sqliteTable(
	"job_events",
	{
		id: text("id").notNull(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		type: text("type").notNull(),
		actorType: text("actor_type", { enum: ["contact", "staff", "technician", "system", "api"] }).notNull(),
		actorId: text("actor_id"),
		actorLabel: text("actor_label"),
		message: text("message"),
		data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
		visibleToCustomer: integer("visible_to_customer", { mode: "boolean" }).notNull().default(true),
		createdAt: createdAt(),
	},
	// Stored as a job's timeline is read (a WITHOUT ROWID table): the key is the index, and an
	// event writes one row. Ties in time fall to the id, as the console's timeline orders them.
	(t) => [primaryKey({ columns: [t.tenantId, t.jobId, t.createdAt, t.id] })],
);

/** Customer or staff notes on a job. */
export const jobNotes = sqliteTable(
	"job_notes",
	{
		id: id(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		authorType: text("author_type", { enum: ["contact", "staff", "technician"] }).notNull(),
		authorId: text("author_id").notNull(),
		body: text("body").notNull(),
		createdAt: createdAt(),
	},
	(t) => [index("job_notes_tenant_job_created_idx").on(t.tenantId, t.jobId, t.createdAt)],
);

/** Photo metadata; the bytes live in object storage under `objectKey`. */
export const jobPhotos = sqliteTable(
	"job_photos",
	{
		id: id(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		noteId: text("note_id"),
		uploadedByType: text("uploaded_by_type", { enum: ["contact", "staff", "technician"] }).notNull(),
		uploadedById: text("uploaded_by_id").notNull(),
		objectKey: text("object_key").notNull(),
		contentType: text("content_type").notNull(),
		sizeBytes: integer("size_bytes").notNull(),
		createdAt: createdAt(),
	},
	(t) => [index("job_photos_tenant_job_created_idx").on(t.tenantId, t.jobId, t.createdAt)],
);

/** Anonymous read-only tracking links (`/track/:token`); only the hash is kept. */
export const trackingLinks = sqliteTable(
	"tracking_links",
	{
		id: id(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		tokenHash: text("token_hash").notNull(),
		expiresAt: instant("expires_at").notNull(),
		revokedAt: instant("revoked_at"),
		createdByType: text("created_by_type").notNull(),
		createdById: text("created_by_id"),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("tracking_links_token_uq").on(t.tokenHash),
		index("tracking_links_tenant_job_idx").on(t.tenantId, t.jobId),
	],
);
