import { z } from "@hono/zod-openapi";

export const TrackingLinkSchema = z
	.object({ id: z.string(), url: z.string(), expiresAt: z.string() })
	.openapi("TrackingLink");

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
