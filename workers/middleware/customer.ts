import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { type CustomerScope, scopeOf } from "../domain/jobs/customer-scope";

/** Whose jobs the signed-in contact may see, from the session's person. */
export function customerScope(c: Context<AppEnv>): CustomerScope {
	return scopeOf(c.var.tenant, c.var.me);
}
