import { z } from "@hono/zod-openapi";
import { jobKinds, jobStatuses } from "../../schema/job-values";
import { RepeatInput, SeriesBookingInput } from "../domain/recurring/series-input";

const Instant = z.string().openapi({ format: "date-time" });

export const UpcomingOccurrenceSchema = z.object({
	/** The occurrence's name: its wall-clock time in the tenant's zone. */
	occurrence: z.string(),
	at: Instant,
	/** `scheduled`: not made yet; `booked`: its job exists; `skipped`: it will not happen. */
	state: z.enum(["scheduled", "booked", "skipped"]),
	jobId: z.string().nullable(),
	jobNumber: z.number().int().nullable(),
	jobStatus: z.enum(jobStatuses).nullable(),
});

export const RecurringSeriesSchema = z
	.object({
		id: z.string(),
		kind: z.enum(jobKinds),
		rrule: z.string(),
		repeat: RepeatInput,
		startsOn: z.string(),
		endsOn: z.string().nullable(),
		durationMinutes: z.number().int(),
		timezone: z.string(),
		paused: z.boolean(),
		summary: z.string().openapi({ description: "Where: the booking's stops, as lists show them" }),
		booking: SeriesBookingInput,
		sourceJobId: z.string().nullable(),
		contactName: z.string().nullable(),
		createdAt: Instant,
		/** The next occurrences (up to 5, over the next 8 weeks), skipped ones included. */
		upcoming: z.array(UpcomingOccurrenceSchema),
	})
	.openapi("RecurringSeries");

export const RecurringListSchema = z
	.object({ items: z.array(RecurringSeriesSchema) })
	.openapi("RecurringList");

export const RecurringIdParam = z.object({
	slug: z.string().min(1).max(64),
	id: z
		.string()
		.max(64)
		.openapi({ param: { name: "id", in: "path" }, example: "rec_3f9c" }),
});
