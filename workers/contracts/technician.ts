import { z } from "@hono/zod-openapi";
import { jobKinds, jobStatuses, stopKinds } from "../../schema/job-values";

/** A job as a technician's day lists it, with its stops in order and their pins. */
export const TechnicianJobSchema = z
	.object({
		id: z.string(),
		number: z.number().int(),
		kind: z.enum(jobKinds),
		status: z.enum(jobStatuses),
		reference: z.string().nullable(),
		customerName: z.string().nullable(),
		accountName: z.string().nullable(),
		packageDescription: z.string().nullable(),
		description: z.string().nullable(),
		pausedMessage: z.string().nullable(),
		windowStart: z.string().nullable(),
		windowEnd: z.string().nullable(),
		stops: z.array(
			z.object({
				seq: z.number().int(),
				kind: z.enum(stopKinds),
				line1: z.string(),
				line2: z.string().nullable(),
				city: z.string(),
				region: z.string().nullable(),
				postalCode: z.string().nullable(),
				contactName: z.string().nullable(),
				contactPhone: z.string().nullable(),
				instructions: z.string().nullable(),
				location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
			}),
		),
	})
	.openapi("TechnicianJob");

export const TechnicianDaySchema = z.object({ items: z.array(TechnicianJobSchema) }).openapi("TechnicianDay");

/** A job's status after a technician moved it. */
export const StatusMovedSchema = z
	.object({ status: z.enum(jobStatuses), pausedMessage: z.string().nullable() })
	.openapi("StatusMoved");

/** A technician's move of their job; paused needs the message the customer sees. */
export const StatusChange = z
	.object({
		status: z.enum(["en_route", "in_progress", "paused", "completed"]),
		/** Shown to the customer while paused ("Waiting for parts, back at 2 pm"). */
		message: z.string().trim().max(280).optional(),
	})
	.refine((v) => v.status !== "paused" || (v.message?.length ?? 0) > 0, {
		message: "Tell the customer why the job is paused.",
		path: ["message"],
	});
