import { auditLog } from "../../../schema/tables/activity";
import type { Db } from "../../db";
import { newId } from "../ids";

export type ActorType = (typeof auditLog.$inferInsert)["actorType"];

export type AuditEntry = {
	tenantId: string;
	actorType: ActorType;
	actorId?: string | null;
	actorLabel?: string | null;
	action: string;
	targetType?: string | null;
	targetId?: string | null;
	ip?: string | null;
	userAgent?: string | null;
	data?: Record<string, unknown> | null;
};

/** The insert for one audit entry, to run alone or inside a `db.batch` with the change it records. */
export function auditInsert(db: Db, entry: AuditEntry, now = Date.now()) {
	return db.insert(auditLog).values({ id: newId("aud"), createdAt: now, ...entry });
}

/** Writes one audit entry; a failure is logged, never thrown into the caller's answer. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
	try {
		await auditInsert(db, entry);
	} catch (err) {
		console.error("audit write failed", { action: entry.action, tenantId: entry.tenantId, err: String(err) });
	}
}
