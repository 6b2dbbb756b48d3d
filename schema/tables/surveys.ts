import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";

/** How a tenant asks: 1–5 stars or a 0–10 likelihood to recommend (NPS). */
export const surveyTypes = ["stars", "nps"] as const;
export type SurveyType = (typeof surveyTypes)[number];

/**
 * A customer's answer to the survey after a completed job: one per job and contact, or per job
 * and tracking link for someone answering from an anonymous link. The job's technician is kept
 * with it so results group by technician even after the job is reassigned.
 */
export const surveys = sqliteTable(
	"surveys",
	{
		id: id(),
		tenantId: tenantId(),
		jobId: text("job_id").notNull(),
		contactId: text("contact_id"),
		trackingLinkId: text("tracking_link_id"),
		technicianId: text("technician_id"),
		/** The tenant's survey type when answered; a later change of type leaves old answers as they were. */
		scale: text("scale", { enum: surveyTypes }).notNull(),
		score: integer("score").notNull(),
		/** A rating per category (same scale as the score), keyed by the tenant's category names. */
		categories: text("categories", { mode: "json" }).$type<Record<string, number>>().notNull().default({}),
		comment: text("comment"),
		/** When first answered; the answer stays editable for a while after. */
		createdAt: createdAt(),
		updatedAt: instant("updated_at").notNull(),
	},
	(t) => [
		uniqueIndex("surveys_tenant_job_contact_uq").on(t.tenantId, t.jobId, t.contactId),
		uniqueIndex("surveys_tenant_job_link_uq").on(t.tenantId, t.jobId, t.trackingLinkId),
		index("surveys_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
		index("surveys_tenant_technician_created_idx").on(t.tenantId, t.technicianId, t.createdAt),
	],
);
