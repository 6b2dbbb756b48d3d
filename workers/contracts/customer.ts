import { z } from "@hono/zod-openapi";
import { jobKinds, jobStatuses, stopKinds } from "../../schema/job-values";

const Instant = z.string().openapi({ format: "date-time" });

export const StopSummarySchema = z.object({
	kind: z.enum(stopKinds),
	line1: z.string(),
	city: z.string(),
});

const JobStatusSchema = z.enum(jobStatuses);

/** A postal address with its on-site contact, as stops and places show it. */
const AddressWithContact = z.object({
	line1: z.string(),
	line2: z.string().nullable(),
	city: z.string(),
	region: z.string().nullable(),
	postalCode: z.string().nullable(),
	country: z.string(),
	contactName: z.string().nullable(),
	contactPhone: z.string().nullable(),
	instructions: z.string().nullable(),
});

export const JobListItemSchema = z
	.object({
		id: z.string(),
		number: z.number().int(),
		kind: z.string(),
		status: JobStatusSchema,
		reference: z.string().nullable(),
		createdAt: Instant,
		windowStart: Instant.nullable(),
		windowEnd: Instant.nullable(),
		stops: z.array(StopSummarySchema),
		locationId: z.string().nullable(),
	})
	.openapi("JobListItem");

export const JobDetailSchema = z
	.object({
		id: z.string(),
		number: z.number().int(),
		kind: z.enum(jobKinds),
		status: JobStatusSchema,
		source: z.string(),
		reference: z.string().nullable(),
		description: z.string().nullable(),
		packageDescription: z.string().nullable(),
		customerName: z.string().nullable(),
		accountName: z.string().nullable(),
		createdAt: Instant,
		windowStart: Instant.nullable(),
		windowEnd: Instant.nullable(),
		pausedMessage: z.string().nullable(),
		technician: z
			.object({ name: z.string(), photoUrl: z.string().nullable(), bio: z.string().nullable() })
			.nullable(),
		stops: z.array(
			AddressWithContact.extend({
				seq: z.number().int(),
				kind: z.enum(stopKinds),
				windowStart: Instant.nullable(),
				windowEnd: Instant.nullable(),
			}),
		),
		timeline: z.array(
			z.object({
				type: z.string(),
				message: z.string().nullable(),
				actor: z.string().nullable(),
				at: Instant,
			}),
		),
	})
	.openapi("JobDetail");

/**
 * One of the customer's jobs as its page shows it, with what they may do to it now: `direct`,
 * cancel or change it themselves (before the tenant's cutoff); `request`, ask the dispatchers
 * (after it); `none`, nothing (finished, or a role that only looks).
 */
export const CustomerJobSchema = JobDetailSchema.extend({
	changes: z.enum(["direct", "request", "none"]),
}).openapi("CustomerJob");

export const PlaceSchema = AddressWithContact.extend({
	id: z.string().nullable(),
	label: z.string(),
}).openapi("Place");

/** The places the booking form offers: account locations, saved addresses, recent ones. */
export const PlacesSchema = z
	.object({ locations: z.array(PlaceSchema), saved: z.array(PlaceSchema), recent: z.array(PlaceSchema) })
	.openapi("Places");

/** A page of the customer's jobs, newest first. */
export const JobPageSchema = z
	.object({ items: z.array(JobListItemSchema), nextCursor: z.string().nullable() })
	.openapi("JobPage");

export const JobIdParam = z.object({
	slug: z.string().min(1).max(64),
	id: z
		.string()
		.max(64)
		.openapi({ param: { name: "id", in: "path" }, example: "job_3f9c" }),
});
