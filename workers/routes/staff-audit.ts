import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { auditInsert } from "../domain/audit";
import { requestMeta } from "../request-meta";

/** The audit insert for a change the signed-in staff member made, to run in the change's batch. */
export function staffAuditInsert(
	c: Context<AppEnv>,
	entry: { action: string; targetType: string; targetId: string; data?: Record<string, unknown> },
) {
	const { db, tenant, me } = c.var;
	return auditInsert(db, {
		tenantId: tenant.id,
		actorType: "staff",
		actorId: me.id,
		actorLabel: me.name,
		...entry,
		...requestMeta(c),
	});
}
