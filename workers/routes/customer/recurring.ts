import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { errorResponses } from "../../contracts/openapi";
import { RecurringIdParam, RecurringListSchema, RecurringSeriesSchema } from "../../contracts/recurring";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import {
	createSeries,
	getSeries,
	listSeries,
	setSeriesPaused,
	skipOccurrence,
} from "../../domain/recurring/series";
import { RecurringChangeInput, RecurringInput, SkipInput } from "../../domain/recurring/series-input";
import { customerScope } from "../../middleware/customer";
import { requestActor } from "../actor";
import { createRouter } from "../router";

const tags = ["recurring bookings"];
const SlugParam = z.object({ slug: z.string().min(1).max(64) });

const customerChange = (c: Context<AppEnv>) => ({
	deps: { db: c.var.db, live: c.var.live, now: Date.now() },
	actor: requestActor(c),
	me: c.var.me,
	tenant: c.var.tenant,
	scope: customerScope(c),
});

/** A customer's recurring bookings: set up, list, pause or resume, skip one occurrence. */
export const customerRecurringRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/recurring",
			tags,
			summary: "Set up a recurring booking",
			description:
				"`repeat` is every weekday, some days of each week or one day (1–28) of each month at a wall-clock time of the tenant's zone; it is stored as an RRULE. Jobs are made ahead (14 days) by the schedule, each occurrence exactly once, and land in the dispatchers' Unassigned lane. 403 for billing and viewer roles.",
			request: { params: SlugParam, body: jsonBody(RecurringInput) },
			responses: {
				201: jsonAnswer("The series with its next occurrences", RecurringSeriesSchema),
				...errorResponses(400, 401, 403),
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const view = await createSeries(
				{ db, now: Date.now() },
				requestActor(c),
				tenant,
				me,
				c.req.valid("json"),
			);
			return c.json(view, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/recurring",
			tags,
			summary: "Your recurring bookings, newest first, each with its next occurrences",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The series", RecurringListSchema), ...errorResponses(401, 403) },
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			return c.json({ items: await listSeries(db, tenant, me, Date.now()) }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/recurring/{id}",
			tags,
			summary: "One of your recurring bookings",
			request: { params: RecurringIdParam },
			responses: { 200: jsonAnswer("The series", RecurringSeriesSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			return c.json(await getSeries(db, tenant, me, c.req.valid("param").id, Date.now()), 200);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/recurring/{id}",
			tags,
			summary: "Pause or resume a recurring booking",
			description: "While paused no job is made; jobs already made stay as they are.",
			request: { params: RecurringIdParam, body: jsonBody(RecurringChangeInput) },
			responses: {
				200: jsonAnswer("The series", RecurringSeriesSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const view = await setSeriesPaused(
				{ db, now: Date.now() },
				requestActor(c),
				tenant,
				me,
				c.req.valid("param").id,
				c.req.valid("json").paused,
			);
			return c.json(view, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/recurring/{id}/skip",
			tags,
			summary: "Skip one occurrence of a recurring booking",
			description:
				"An occurrence not made yet never will be. One whose job exists cancels that job before the tenant's cutoff; after it the answer is 409 `past_cutoff` and the dispatchers are asked. An `occurrence` the series does not have is 400.",
			request: { params: RecurringIdParam, body: jsonBody(SkipInput) },
			responses: {
				200: jsonAnswer("The series", RecurringSeriesSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const view = await skipOccurrence(
				customerChange(c),
				c.req.valid("param").id,
				c.req.valid("json").occurrence,
			);
			return c.json(view, 200);
		},
	);
