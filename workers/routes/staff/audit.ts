import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { auditBy } from "../../domain/actor";
import { requestActor } from "../actor";

/** The audit insert for a change the signed-in staff member made, to run in the change's batch. */
export function staffAuditInsert(
	c: Context<AppEnv>,
	entry: { action: string; targetType: string; targetId: string; data?: Record<string, unknown> },
) {
	return auditBy(c.var.db, requestActor(c), entry);
}
