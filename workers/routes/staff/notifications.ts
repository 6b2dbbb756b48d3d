import { createRoute } from "@hono/zod-openapi";
import { JobIdParam } from "../../contracts/customer";
import {
	JobDeliveriesSchema,
	StaffPreferencesPatch,
	StaffPreferencesSchema,
} from "../../contracts/notifications";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { tenantJob } from "../../domain/jobs/job-changes";
import { jobDeliveries } from "../../domain/notifications/deliver";
import { changeStaffPreferences, readStaffPreferences } from "../../domain/notifications/preferences";
import { createRouter } from "../router";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A job's email deliveries (queued, sent, failed, suppressed), and a dispatcher's own email choices. */
export const staffNotificationRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/notifications",
			tags: ["jobs"],
			summary: "Who was emailed about this job, and how far each email got",
			request: { params: JobIdParam },
			responses: { 200: jsonAnswer("The deliveries", JobDeliveriesSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const job = await tenantJob(db, tenant.id, c.req.valid("param").id);
			const rows = await jobDeliveries(db, tenant.id, job.id);
			return c.json(
				{
					items: rows.map((r) => ({
						...r,
						dead: r.dead !== null,
						sentAt: iso(r.sentAt),
						createdAt: new Date(r.createdAt).toISOString(),
					})),
				},
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/me/preferences",
			tags: ["team"],
			summary:
				"The customer actions you get an email for (booking, note or photo, estimate decision, payment)",
			request: { params: SlugParam },
			responses: {
				200: jsonAnswer("The preferences", StaffPreferencesSchema),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => c.json(await readStaffPreferences(c.var.db, c.var.tenant.id, c.var.me.id), 200),
	)
	.openapi(
		createRoute({
			method: "put",
			path: "/me/preferences",
			tags: ["team"],
			summary: "Opt into or out of emails about customer actions",
			request: { params: SlugParam, body: jsonBody(StaffPreferencesPatch) },
			responses: {
				200: jsonAnswer("The preferences", StaffPreferencesSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) =>
			c.json(
				await changeStaffPreferences(c.var.db, c.var.tenant.id, c.var.me.id, c.req.valid("json").email),
				200,
			),
	);
