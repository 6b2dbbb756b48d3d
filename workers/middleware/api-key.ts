import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { ApiScope } from "../../schema/tables/integrations";
import type { AppEnv } from "../app-env";
import type { Actor } from "../domain/activity/actor";
import { authenticateApiKey, touchApiKey } from "../domain/api-keys/api-keys";
import { AppError } from "../errors";
import { tenantGate } from "../live/channels";
import { requestMeta } from "../request-meta";
import { portalSlug } from "./tenant";
import { countTenantRequest } from "./usage";

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const WINDOW_SECONDS = 60;

const unauthorized = (message: string) =>
	new AppError(401, "invalid_api_key", message, undefined, {
		"WWW-Authenticate": 'Bearer realm="fleet-portal"',
	});

/**
 * `/api/v1/:slug`: the request must carry `Authorization: Bearer <key>` of a live key of this
 * tenant (anything else, a revoked key or another tenant's included, is the same 401), and is
 * counted against the key's per-minute limit in the tenant's gate (429 with Retry-After). Every
 * answer says where the key stands in `RateLimit` and `RateLimit-Policy`.
 */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
	const slug = portalSlug(c);
	const token = BEARER.exec(c.req.header("Authorization") ?? "")?.[1];
	if (!token) throw unauthorized("Send an API key in the Authorization header: Bearer fp_live_….");
	const holder = await authenticateApiKey(c.var.db, slug, token);
	if (!holder) throw unauthorized("This API key is not valid for this portal, or it was revoked.");
	const { tenant, key } = holder;
	c.set("tenant", tenant);
	c.set("apiKey", key);
	c.set("signIn", null);
	c.set("pendingSignIn", null);
	countTenantRequest(c, tenant.id);
	const now = Date.now();
	const max = tenant.settings.apiRequestsPerMinute;
	const claim = await tenantGate(c.env, tenant.id).claimRate(
		{ bucket: `api:${key.id}`, max, windowMs: WINDOW_SECONDS * 1000 },
		now,
	);
	const headers = {
		"RateLimit-Policy": `${max};w=${WINDOW_SECONDS}`,
		RateLimit: `limit=${max}, remaining=${claim.remaining}, reset=${claim.resetSeconds}`,
	};
	if (!claim.allowed) {
		throw new AppError(
			429,
			"rate_limited",
			`This API key made more than ${max} requests in a minute. Try again in ${claim.retryAfterSeconds} seconds.`,
			undefined,
			{ ...headers, "Retry-After": String(claim.retryAfterSeconds) },
		);
	}
	const touch = touchApiKey(c.var.db, key, now).catch((err) =>
		console.error("api key last-used not written", { keyId: key.id, message: String(err) }),
	);
	try {
		c.executionCtx.waitUntil(touch);
	} catch {
		await touch;
	}
	await next();
	for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
});

/** 403 unless the request's key has `scope`; put it on each `/api/v1` route. */
export const requireScope = (scope: ApiScope) =>
	createMiddleware<AppEnv>(async (c, next) => {
		if (!c.var.apiKey.scopes.includes(scope)) {
			throw new AppError(403, "insufficient_scope", `This API key does not have the ${scope} scope.`);
		}
		await next();
	});

/** The request's API key as the domain's actor: audited as the key, by id and name. */
export function apiActor(c: Context<AppEnv>): Actor {
	const key = c.var.apiKey;
	return {
		tenantId: c.var.tenant.id,
		type: "api",
		id: key.id,
		label: `API key ${key.name}`,
		meta: requestMeta(c),
	};
}
