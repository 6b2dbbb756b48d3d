import type { Bindings, Db } from "../app-env";
import { loadBoardJob, unreadAlertsRead } from "../domain/board";

/** The tenant's gate, which fans board events out to every open dispatcher console. */
export function tenantGate(env: Bindings, tenantId: string) {
	return env.TENANT_GATE.get(env.TENANT_GATE.idFromName(tenantId));
}

/** Sends a job's current state to the open boards. */
export async function publishJobToBoard(
	env: Bindings,
	db: Db,
	tenantId: string,
	jobId: string,
): Promise<void> {
	const job = await loadBoardJob(db, tenantId, jobId);
	if (job) await tenantGate(env, tenantId).publishBoard({ type: "job", job });
}

export async function unreadAlertCount(db: Db, tenantId: string): Promise<number> {
	const [row] = await unreadAlertsRead(db, tenantId);
	return row?.n ?? 0;
}

/** Sends the inbox's unread count to the open boards after an alert was created or read. */
export async function publishUnreadAlerts(env: Bindings, db: Db, tenantId: string): Promise<void> {
	await tenantGate(env, tenantId).publishBoard({
		type: "alert",
		unread: await unreadAlertCount(db, tenantId),
	});
}
