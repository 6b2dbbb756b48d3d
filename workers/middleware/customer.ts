import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-env";
import { type AreaScope, requireCan, ruleOf, scopeOf } from "../domain/customers/permissions";
import { AppError } from "../errors";

/** Whose jobs the signed-in contact may see, from the session's person. */
export function customerScope(c: Context<AppEnv>): AreaScope {
	return scopeOf(c.var.tenant, c.var.me, "jobs");
}

const PORTAL_PREFIX = /^\/api\/c\/:slug/;

/** The route a request matched (its handler's, not a middleware's), below `/api/c/:slug`. */
export function customerRouteKey(c: Context<AppEnv>): { method: string; path: string } | undefined {
	const route = matchedRoutes(c)
		.filter((r) => r.method !== "ALL")
		.at(-1);
	return route && { method: route.method, path: route.path.replace(PORTAL_PREFIX, "") };
}

/**
 * After the session check: the route's rule in `CUSTOMER_ROUTE_RULES` decides whether the
 * contact's role may use it (403 otherwise). A route without a rule is refused.
 */
export const enforceCustomerRules = createMiddleware<AppEnv>(async (c, next) => {
	const route = customerRouteKey(c);
	// Unknown paths answer 404 further on; sign-in steps carry no session.
	if (!route || !c.var.me) return next();
	const action = ruleOf(route.method, route.path);
	if (!action) {
		throw new AppError(403, "forbidden", "This part of the portal has no access rule yet.");
	}
	requireCan(c.var.me, action);
	await next();
});
