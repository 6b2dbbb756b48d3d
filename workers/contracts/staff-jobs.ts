import { z } from "@hono/zod-openapi";
import { jobStatuses } from "../../schema/tables/jobs";
import { JobDetailSchema } from "./customer";
import { Instant } from "./staff";

export const JobNoteSchema = z
	.object({
		id: z.string(),
		authorType: z.enum(["contact", "staff", "technician"]),
		authorId: z.string(),
		text: z.string(),
		at: Instant,
	})
	.openapi("JobNoteEntry");

export const JobPhotoSchema = z
	.object({
		id: z.string(),
		url: z.string().openapi({ description: "Where a signed-in viewer of the job fetches the image" }),
		contentType: z.string(),
		sizeBytes: z.number().int(),
		uploadedByType: z.enum(["contact", "staff", "technician"]),
		uploadedById: z.string(),
		at: Instant,
	})
	.openapi("JobPhoto");

/** A job as the dispatcher console shows it: everything, the customer-invisible timeline included. */
export const StaffJobSchema = z
	.object({
		id: z.string(),
		number: z.number().int(),
		kind: z.enum(["pickup_delivery", "service_call"]),
		status: z.enum(jobStatuses),
		source: z.enum(["portal", "dispatcher", "api"]),
		reference: z.string().nullable(),
		description: z.string().nullable(),
		packageDescription: z.string().nullable(),
		customer: z.object({
			contactId: z.string().nullable(),
			name: z.string().nullable(),
			email: z.string().nullable(),
			accountId: z.string().nullable(),
			accountName: z.string().nullable(),
			locationId: z.string().nullable(),
		}),
		technician: z.object({ id: z.string(), name: z.string() }).nullable(),
		windowStart: Instant.nullable(),
		windowEnd: Instant.nullable(),
		pausedMessage: z.string().nullable(),
		/** The customer's recurring booking this job is an occurrence of. */
		series: z.object({ id: z.string() }).nullable(),
		createdAt: Instant,
		updatedAt: Instant,
		completedAt: Instant.nullable(),
		cancelledAt: Instant.nullable(),
		stops: JobDetailSchema.shape.stops,
		timeline: z.array(
			z.object({
				id: z.string(),
				type: z.string(),
				message: z.string().nullable(),
				actorType: z.enum(["contact", "staff", "technician", "system", "api"]),
				actorId: z.string().nullable(),
				actor: z.string().nullable(),
				visibleToCustomer: z.boolean(),
				data: z.record(z.string(), z.unknown()).nullable(),
				at: Instant,
			}),
		),
		notes: z.array(JobNoteSchema),
		photos: z.array(JobPhotoSchema),
	})
	.openapi("StaffJob");

export const PhotoParam = z.object({
	slug: z.string().min(1).max(64),
	id: z
		.string()
		.max(64)
		.openapi({ param: { name: "id", in: "path" }, example: "job_3f9c" }),
	photoId: z
		.string()
		.max(64)
		.openapi({ param: { name: "photoId", in: "path" }, example: "pho_3f9c" }),
});
