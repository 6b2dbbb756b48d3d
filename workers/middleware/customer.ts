import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { type AreaScope, scopeOf } from "../domain/customers/permissions";
import { checkCustomerRule, customerRuleAllows } from "./customer-rules";
import { verifyPendingSignIn } from "./signed-in-read";

/** Whose jobs the signed-in contact may see, from the session's person. */
export function customerScope(c: Context<AppEnv>): AreaScope {
	return scopeOf(c.var.tenant, c.var.me, "jobs");
}

/**
 * After the session check: the route's rule in `CUSTOMER_ROUTE_RULES` decides whether the
 * contact's role may use it (403 otherwise). A refusal is never made on a role remembered from
 * an earlier request: the session is checked afresh first, so a role just granted works at once.
 */
export const enforceCustomerRules = createMiddleware<AppEnv>(async (c, next) => {
	if (!customerRuleAllows(c)) await verifyPendingSignIn(c);
	checkCustomerRule(c);
	await next();
});
