import { z } from "@hono/zod-openapi";
import { jobKinds, jobStatuses } from "../../schema/job-values";
import { BrandingSchema } from "./tenant";

/** A new share link; its URL is shown this once. */
export const TrackingLinkSchema = z
	.object({ id: z.string(), url: z.string(), expiresAt: z.string() })
	.openapi("TrackingLink");

/** A job's links as its staff see them: when made, by whom, until when — never their tokens. */
export const TrackingLinkListSchema = z
	.object({
		items: z.array(
			z.object({
				id: z.string(),
				createdAt: z.string(),
				expiresAt: z.string(),
				revokedAt: z.string().nullable(),
				createdBy: z.object({ type: z.enum(["contact", "staff"]), name: z.string().optional() }),
			}),
		),
	})
	.openapi("TrackingLinkList");

/** What an anonymous tracking link shows: the tenant's branding and the live job, nothing else. */
export const TrackedJobSchema = z
	.object({
		branding: BrandingSchema,
		job: z.object({
			number: z.number().int(),
			kind: z.enum(jobKinds),
			status: z.enum(jobStatuses),
			pausedMessage: z.string().nullable(),
			destination: z.object({ line1: z.string(), city: z.string() }).nullable(),
			technician: z
				.object({ name: z.string(), photoUrl: z.string().nullable(), bio: z.string().nullable() })
				.nullable(),
		}),
	})
	.openapi("TrackedJob");

export const TokenParam = z.object({
	token: z
		.string()
		.max(128)
		.openapi({ param: { name: "token", in: "path" } }),
});

export const linkCreated = {
	201: { description: "A new share link", content: { "application/json": { schema: TrackingLinkSchema } } },
};

export const upgradeResponses = {
	101: { description: "Switching to WebSocket" },
};
