import { createRoute } from "@hono/zod-openapi";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer } from "../../contracts/staff";
import { FirstRunSchema } from "../../contracts/tenant";
import { dismissFirstRun, firstRunChecklist } from "../../domain/tenant/first-run";
import { requestActor } from "../actor";
import { adminRouter, createRouter } from "../router";

const tags = ["first run"];

/** `GET /first-run`: the console home's checklist, every step derived from the tenant's records. */
export const staffFirstRunRoutes = createRouter().openapi(
	createRoute({
		method: "get",
		path: "/first-run",
		tags,
		summary: "What a new fleet has set up, and what is left",
		request: { params: SlugParam },
		responses: { 200: jsonAnswer("The checklist", FirstRunSchema), ...errorResponses(401, 403, 404) },
	}),
	async (c) => {
		c.header("Cache-Control", "no-store");
		return c.json(await firstRunChecklist(c.var.db, c.var.tenant), 200);
	},
);

/** `POST /first-run/dismiss`: admins hide the checklist for the whole tenant. */
export const adminFirstRunRoutes = adminRouter().openapi(
	createRoute({
		method: "post",
		path: "/dismiss",
		tags,
		summary: "Hide the first-run checklist",
		request: { params: SlugParam },
		responses: { 204: { description: "Hidden" }, ...errorResponses(401, 403, 404) },
	}),
	async (c) => {
		await dismissFirstRun(c.var.db, requestActor(c), c.var.tenant);
		return c.body(null, 204);
	},
);
