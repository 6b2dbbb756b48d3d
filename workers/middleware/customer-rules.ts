import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-env";
import { can, requireCan, ruleOf } from "../domain/customers/permissions";
import { AppError } from "../errors";

const PORTAL_PREFIX = /^\/api\/c\/:slug/;

/** The route a request matched (its handler's, not a middleware's), below `/api/c/:slug`. */
export function customerRouteKey(c: Context<AppEnv>): { method: string; path: string } | undefined {
	const route = matchedRoutes(c)
		.filter((r) => r.method !== "ALL")
		.at(-1);
	return route && { method: route.method, path: route.path.replace(PORTAL_PREFIX, "") };
}

/** Whether `c.var.me` may use the matched route (true for unknown paths and sign-in steps). */
export function customerRuleAllows(c: Context<AppEnv>): boolean {
	const route = customerRouteKey(c);
	if (!route || !c.var.me) return true;
	const action = ruleOf(route.method, route.path);
	return action !== undefined && can(c.var.me, action);
}

/**
 * The route's rule in `CUSTOMER_ROUTE_RULES`, for `c.var.me` as it is now: 403 when their role
 * may not use it. A route without a rule is refused.
 */
export function checkCustomerRule(c: Context<AppEnv>): void {
	const route = customerRouteKey(c);
	// Unknown paths answer 404 further on; sign-in steps carry no session.
	if (!route || !c.var.me) return;
	const action = ruleOf(route.method, route.path);
	if (!action) {
		throw new AppError(403, "forbidden", "This part of the portal has no access rule yet.");
	}
	requireCan(c.var.me, action);
}
