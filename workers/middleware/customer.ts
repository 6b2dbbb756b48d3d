import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { Me } from "../domain/audiences";
import type { CustomerScope } from "../domain/customer-scope";
import { normalizeEmail } from "../domain/email";
import type { Tenant } from "../domain/tenant";

/** Whose jobs the signed-in contact may see, from the session's person. */
export function customerScope(c: Context<AppEnv>): CustomerScope {
	return scopeOf(c.var.tenant, c.var.me);
}

/** Whose jobs a contact may see. */
export function scopeOf(tenant: Tenant, me: Me): CustomerScope {
	return {
		tenantId: tenant.id,
		contactId: me.id,
		emailNormalized: normalizeEmail(me.email),
		adminOfAccountId: me.role === "admin" ? me.accountId : null,
	};
}
