import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, type SQL } from "drizzle-orm";
import type { Context } from "hono";
import { jobs } from "../../schema/tables/jobs";
import { tenants } from "../../schema/tables/tenants";
import type { AppEnv } from "../app-env";
import { requireLinkOrigin } from "../app-origin";
import { JobIdParam } from "../contracts/customer";
import { errorResponses, SlugParam } from "../contracts/openapi";
import { auditInsert } from "../domain/audit";
import { visibleJobs } from "../domain/customer-scope";
import { publicBranding, toTenant } from "../domain/tenant";
import {
	createTrackingLink,
	listTrackingLinks,
	resolveTrackingToken,
	revokeTrackingLink,
} from "../domain/tracking-links";
import { jobRelay, trackingTag } from "../durable-objects/relay-feed";
import { notFound } from "../errors";
import { customerScope } from "../middleware/customer";
import { requireSession } from "../middleware/session";
import { resolveTenant } from "../middleware/tenant";
import { requestMeta } from "../request-meta";
import { upgradeToRelay } from "./live-upgrade";
import { createRouter } from "./router";

const TrackingLinkSchema = z
	.object({ id: z.string(), url: z.string(), expiresAt: z.string() })
	.openapi("TrackingLink");
const TrackingLinkListSchema = z
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
const TokenParam = z.object({
	token: z
		.string()
		.max(128)
		.openapi({ param: { name: "token", in: "path" } }),
});
const linkCreated = {
	201: { description: "A new share link", content: { "application/json": { schema: TrackingLinkSchema } } },
};

/** A new link to a job the sharer may see (`mayShare`, within the tenant); any other job is a 404. */
async function issueLink(c: Context<AppEnv>, jobId: string, by: "contact" | "staff", mayShare?: SQL) {
	const { db, tenant, me } = c.var;
	const job = await db
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, jobId), mayShare))
		.get();
	if (!job) throw notFound("That job");
	const origin = requireLinkOrigin(c);
	const link = await createTrackingLink(db, {
		tenantId: tenant.id,
		jobId,
		createdByType: by,
		createdById: me.id,
	});
	await auditInsert(db, {
		tenantId: tenant.id,
		actorType: by,
		actorId: me.id,
		actorLabel: me.name,
		action: "tracking_link.created",
		targetType: "job",
		targetId: jobId,
		data: { linkId: link.id },
		...requestMeta(c),
	});
	return {
		id: link.id,
		url: `${origin}/track/${link.token}`,
		expiresAt: new Date(link.expiresAt).toISOString(),
	};
}

export const trackingRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/api/c/{slug}/jobs/{id}/tracking-links",
			tags: ["tracking"],
			summary: "Share a read-only live view of your job (e.g. with the recipient)",
			middleware: [resolveTenant, requireSession("customer")],
			request: { params: JobIdParam },
			responses: { ...linkCreated, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const link = await issueLink(c, c.req.valid("param").id, "contact", visibleJobs(customerScope(c)));
			return c.json(link, 201);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/d/{slug}/jobs/{id}/tracking-links",
			tags: ["tracking"],
			summary: "Create a read-only live tracking link for a job",
			middleware: [resolveTenant, requireSession("staff")],
			request: { params: JobIdParam },
			responses: { ...linkCreated, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			return c.json(await issueLink(c, c.req.valid("param").id, "staff"), 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/d/{slug}/jobs/{id}/tracking-links",
			tags: ["tracking"],
			summary:
				"A job's tracking links, live and ended, newest first (the links themselves are shown only once)",
			middleware: [resolveTenant, requireSession("staff")],
			request: { params: JobIdParam },
			responses: {
				200: {
					description: "The job's links",
					content: { "application/json": { schema: TrackingLinkListSchema } },
				},
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const items = await listTrackingLinks(c.var.db, c.var.tenant.id, c.req.valid("param").id);
			if (!items) throw notFound("That job");
			return c.json({ items }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "delete",
			path: "/api/d/{slug}/tracking-links/{linkId}",
			tags: ["tracking"],
			summary: "Revoke a tracking link",
			middleware: [resolveTenant, requireSession("staff")],
			request: {
				params: SlugParam.extend({
					linkId: z
						.string()
						.max(64)
						.openapi({ param: { name: "linkId", in: "path" } }),
				}),
			},
			responses: { 204: { description: "Revoked" }, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { linkId } = c.req.valid("param");
			const revoked = await revokeTrackingLink(db, tenant.id, linkId);
			if (!revoked) throw notFound("That link");
			// Whoever is watching through the link loses the view now, not at their next reconnect.
			await jobRelay(c.env, revoked.jobId).closeWatchers(
				trackingTag(linkId),
				"This tracking link was revoked.",
			);
			await auditInsert(db, {
				tenantId: tenant.id,
				actorType: "staff",
				actorId: me.id,
				actorLabel: me.name,
				action: "tracking_link.revoked",
				targetType: "tracking_link",
				targetId: linkId,
				...requestMeta(c),
			});
			return c.body(null, 204);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/track/{token}",
			tags: ["tracking"],
			summary: "What an anonymous tracking link shows: the tenant's branding and the live job, nothing else",
			request: { params: TokenParam },
			responses: { 200: { description: "The tracked job" }, ...errorResponses(404) },
		}),
		async (c) => {
			const found = await resolveTrackingToken(c.var.db, c.req.valid("param").token);
			if (!found) throw notFound("This tracking link");
			const tenant = await c.var.db.select().from(tenants).where(eq(tenants.id, found.tenantId)).get();
			if (!tenant) throw notFound("This tracking link");
			c.header("Cache-Control", "no-store");
			c.header("Referrer-Policy", "no-referrer");
			return c.json({ branding: publicBranding(toTenant(tenant)), job: found.view });
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/track/{token}/live",
			tags: ["tracking"],
			summary: "WebSocket: the tracked job's position (while en route), ETA and status",
			request: { params: TokenParam },
			responses: { 101: { description: "Switching to WebSocket" }, ...errorResponses(400, 403, 404) },
		}),
		async (c) => {
			const found = await resolveTrackingToken(c.var.db, c.req.valid("param").token);
			if (!found) throw notFound("This tracking link");
			return upgradeToRelay(c, found.tenantId, found.jobId, {
				role: "tracking",
				subjectId: found.linkId,
				sessionHash: null,
			}) as unknown as never;
		},
	);
