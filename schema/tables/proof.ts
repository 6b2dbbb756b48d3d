import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, tenantId } from "../columns";
import { completionOutcomes, failureReasons, type PartLine } from "../proof-values";

/**
 * A technician's completion of a job (or an attempt that could not be completed): who received
 * it, the signature and photos, what was done and the parts used. A job has at most one
 * `completed` row (the job's status guards it); `failed` rows are its attempts, the last of
 * which flags the job on the dispatcher's board while it is open again.
 */
export const jobCompletions = sqliteTable(
	"job_completions",
	{
		id: id(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		technicianId: text("technician_id").notNull(),
		technicianName: text("technician_name").notNull(),
		outcome: text("outcome", { enum: completionOutcomes }).notNull(),
		recipientName: text("recipient_name"),
		/** The signature PNG in private media (R2). */
		signatureKey: text("signature_key"),
		photoIds: text("photo_ids", { mode: "json" }).$type<string[]>().notNull().default([]),
		note: text("note"),
		failureReason: text("failure_reason", { enum: failureReasons }),
		failureText: text("failure_text"),
		workDone: text("work_done"),
		parts: text("parts", { mode: "json" }).$type<PartLine[]>().notNull().default([]),
		/** Where the phone was, as the stop's address it was at; never the raw coordinates. */
		place: text("place"),
		/** The service report PDF in private media, once generated. */
		reportKey: text("report_key"),
		createdAt: createdAt(),
	},
	(t) => [index("job_completions_tenant_job_created_idx").on(t.tenantId, t.jobId, t.createdAt)],
);
