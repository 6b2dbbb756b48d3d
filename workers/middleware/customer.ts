import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { CustomerScope } from "../domain/customer-scope";
import { normalizeEmail } from "../domain/email";

/** Whose jobs the signed-in contact may see, from the session's person. */
export function customerScope(c: Context<AppEnv>): CustomerScope {
	const { me, tenant } = c.var;
	return {
		tenantId: tenant.id,
		contactId: me.id,
		emailNormalized: normalizeEmail(me.email),
		adminOfAccountId: me.role === "admin" ? me.accountId : null,
	};
}
