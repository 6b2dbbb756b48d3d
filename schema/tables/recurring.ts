import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";
import { jobKinds } from "../job-values";

/** What every job of a series is booked as: the booking form's fields, without its times. */
export type SeriesTemplate = Record<string, unknown> & { kind: (typeof jobKinds)[number] };

/**
 * A customer's recurring booking: an RRULE (`FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0`)
 * read as wall-clock times in the tenant's zone from `startsOn`, and the booking every
 * occurrence becomes. Paused while `pausedAt` is set.
 */
export const recurringSeries = sqliteTable(
	"recurring_series",
	{
		id: id(),
		tenantId: tenantId(),
		accountId: text("account_id"),
		locationId: text("location_id"),
		contactId: text("contact_id").notNull(),
		kind: text("kind", { enum: jobKinds }).notNull(),
		/** The rule's RRULE line without DTSTART (that is `startsOn` at the rule's time). */
		rrule: text("rrule").notNull(),
		/** First day (tenant's zone) an occurrence may fall on, "YYYY-MM-DD"; and the last, if any. */
		startsOn: text("starts_on").notNull(),
		endsOn: text("ends_on"),
		/** The window each job gets, from its occurrence's start. */
		durationMinutes: integer("duration_minutes").notNull(),
		template: text("template", { mode: "json" }).$type<SeriesTemplate>().notNull(),
		/** The past job this series repeats, when it was made from one. */
		sourceJobId: text("source_job_id"),
		pausedAt: instant("paused_at"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at").notNull(),
	},
	(t) => [
		index("recurring_series_tenant_contact_idx").on(t.tenantId, t.contactId, t.createdAt),
		index("recurring_series_paused_idx").on(t.pausedAt),
	],
);

export const occurrenceStatuses = ["generated", "skipped"] as const;

/**
 * One occurrence of a series that was acted on: its job made (`generated`) or `skipped`. The
 * unique (series, occurrence) row is written in the same batch as the job, so an occurrence
 * becomes a job at most once however often or concurrently the schedule runs.
 */
export const recurringOccurrences = sqliteTable(
	"recurring_occurrences",
	{
		id: id(),
		tenantId: tenantId(),
		seriesId: text("series_id").notNull(),
		/** The occurrence's wall-clock time in the tenant's zone, "YYYY-MM-DDTHH:mm". */
		occurrence: text("occurrence").notNull(),
		status: text("status", { enum: occurrenceStatuses }).notNull(),
		jobId: text("job_id"),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex("recurring_occurrences_tenant_series_occurrence_uq").on(t.tenantId, t.seriesId, t.occurrence),
	],
);
