import { createRoute, z } from "@hono/zod-openapi";
import { DEFAULT_LOCALE } from "../../../schema/locales";
import { linkOrigin } from "../../app-origin";
import type { Bindings } from "../../bindings";
import { errorResponses } from "../../contracts/openapi";
import {
	SlugAvailabilityQuery,
	SlugAvailabilitySchema,
	StartConsumeSchema,
	StartedTenantSchema,
	StartRequestSchema,
} from "../../contracts/start";
import { signInTokenOnShard } from "../../domain/shards/locate";
import { confirmSignUp, slugAvailable, startSignUp } from "../../domain/start/sign-up";
import { tenantGate } from "../../live/channels";
import { useShard } from "../../middleware/database";
import { requestMeta } from "../../request-meta";
import { openShard, openShards, remember, shardWhere } from "../../shards";
import { createRouter } from "../router";
import { setSessionCookie } from "../sign-in";

/**
 * Sign-ups are counted in one `TenantGate` addressed by a platform name rather than in an object
 * class of their own: the counting is exactly the sliding-window ledger sign-in emails already
 * use (SQLite storage, survives eviction), a new class would need its own migration and tests
 * for the same code, and sign-ups are far too rare to come near one object's ~1,000 requests/s.
 * Tenant gates are named by tenant id (`ten_…`), which this name cannot be.
 */
export const platformGate = (env: Bindings) => tenantGate(env, "platform:sign-ups");

const tags = ["sign-up"];
const json = <T extends z.ZodType>(schema: T) => ({
	content: { "application/json": { schema } },
	required: true,
});
const answer = <T extends z.ZodType>(description: string, schema: T) => ({
	description,
	content: { "application/json": { schema } },
});

/** `/api/start`: a fleet signs itself up; no tenant, no session. */
export const startRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/start/slug",
			tags,
			summary: "Whether a portal address can be had",
			description: "400 naming `slug` when it breaks a rule (length, characters, reserved words).",
			request: { query: SlugAvailabilityQuery },
			responses: { 200: answer("Free or taken", SlugAvailabilitySchema), ...errorResponses(400) },
		}),
		async (c) => {
			const { slug } = c.req.valid("query");
			c.header("Cache-Control", "no-store");
			return c.json({ slug, available: await slugAvailable(c.var.db, slug) }, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/start",
			tags,
			summary: "Start a fleet: email its owner a link that confirms it",
			request: { body: json(StartRequestSchema) },
			responses: {
				202: answer(
					"The tenant is reserved in trial; the email is on its way",
					z.object({ ok: z.literal(true) }),
				),
				...errorResponses(400, 409, 429),
			},
		}),
		async (c) => {
			const { db, sendEmail } = c.var;
			const body = c.req.valid("json");
			const deps = {
				db,
				shards: {
					open: (shard: number) => openShard(c.env, shard),
					placeable: openShards(c.env),
					placed: remember,
				},
				gate: platformGate(c.env),
				sendEmail,
				meta: requestMeta(c),
				origin: linkOrigin(c.env, c.req.url),
			};
			const send = await startSignUp(deps, { ...body, locale: body.locale ?? DEFAULT_LOCALE });
			c.executionCtx.waitUntil(
				send().catch((err: unknown) =>
					console.error("sign-up email failed", { slug: body.slug, err: String(err) }),
				),
			);
			return c.json({ ok: true as const }, 202);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/start/consume",
			tags,
			summary: "Confirm a sign-up: the new tenant and its owner's console session",
			request: { body: json(StartConsumeSchema) },
			responses: {
				201: answer("Confirmed; sets the session cookie", StartedTenantSchema),
				...errorResponses(400, 401),
			},
		}),
		async (c) => {
			const { token } = c.req.valid("json");
			// The link names no tenant: its shard is the one that has issued it.
			const shard = await shardWhere(c.env, (db) => signInTokenOnShard(db, token));
			if (shard !== undefined) useShard(c, shard);
			const { tenant, started } = await confirmSignUp(c.var.db, requestMeta(c), token);
			setSessionCookie(c, started);
			const { id, slug, name } = tenant;
			return c.json({ tenant: { id, slug, name, status: "active" as const }, me: started.me }, 201);
		},
	);
