import { createRoute } from "@hono/zod-openapi";
import {
	PreferencesPatch,
	PreferencesSchema,
	ProfilePatch,
	ProfileSchema,
} from "../../contracts/notifications";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import {
	changePreferences,
	changeProfile,
	readPreferences,
	readProfile,
} from "../../domain/notifications/preferences";
import { createRouter } from "../router";

const tags = ["profile"];

/** The signed-in contact's profile (name, phone) and which stages they get emails for. */
export const customerPreferenceRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/me/preferences",
			tags,
			summary: "Which stages you get emails for",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The preferences", PreferencesSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => c.json(await readPreferences(c.var.db, c.var.tenant.id, c.var.me.id), 200),
	)
	.openapi(
		createRoute({
			method: "put",
			path: "/me/preferences",
			tags,
			summary: "Turn stage emails on or off; the stages left out keep their switch",
			description:
				"Stages: `booked`, `scheduled`, `on_the_way`, `arriving`, `paused`, `completed`, `cancelled`, `estimate`, `invoice`. Sign-in emails and payment receipts are always sent.",
			request: { params: SlugParam, body: jsonBody(PreferencesPatch) },
			responses: {
				200: jsonAnswer("The preferences", PreferencesSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) =>
			c.json(await changePreferences(c.var.db, c.var.tenant.id, c.var.me.id, c.req.valid("json").email), 200),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/me/profile",
			tags,
			summary: "Your name, email and phone",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The profile", ProfileSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => c.json(await readProfile(c.var.db, c.var.tenant.id, c.var.me.id), 200),
	)
	.openapi(
		createRoute({
			method: "put",
			path: "/me/profile",
			tags,
			summary: "Change your name or phone; only the fields sent change",
			request: { params: SlugParam, body: jsonBody(ProfilePatch) },
			responses: { 200: jsonAnswer("The profile", ProfileSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) =>
			c.json(await changeProfile(c.var.db, c.var.tenant.id, c.var.me.id, c.req.valid("json")), 200),
	);
