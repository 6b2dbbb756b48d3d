import { and, eq, type SQL, sql } from "drizzle-orm";
import { accounts, contacts } from "../../../schema/tables/accounts";
import { auditLog } from "../../../schema/tables/activity";
import { jobs } from "../../../schema/tables/jobs";
import { staff, technicians } from "../../../schema/tables/staff";
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

/** The targets whose entries carry a name: a job's number, a contact's, technician's, staff member's or account's name. */
const NAMED = { contact: contacts, technician: technicians, staff, account: accounts } as const;

/**
 * The name of what an entry is about as it is now, read by primary key in the statement that
 * writes the entry (so in a batch, after the change it records): "job #1031", "Dana Reyes".
 * Null for other targets, and for one that is gone (the page falls back to the entry's data).
 */
function targetNameNow(entry: AuditEntry): SQL | null {
	const { tenantId, targetType, targetId } = entry;
	if (!targetId) return null;
	if (targetType === "job")
		return sql`(SELECT 'job #' || ${jobs.number} FROM ${jobs} WHERE ${and(eq(jobs.tenantId, tenantId), eq(jobs.id, targetId))})`;
	const table = targetType && targetType in NAMED ? NAMED[targetType as keyof typeof NAMED] : null;
	if (!table) return null;
	return sql`(SELECT ${table.name} FROM ${table} WHERE ${and(eq(table.tenantId, tenantId), eq(table.id, targetId))})`;
}

/** The insert for one audit entry, to run alone or inside a `db.batch` with the change it records. */
export function auditInsert(db: Db, entry: AuditEntry, now = Date.now()) {
	return db
		.insert(auditLog)
		.values({ id: newId("aud"), createdAt: now, ...entry, targetName: targetNameNow(entry) });
}

/** Writes one audit entry; a failure is logged, never thrown into the caller's answer. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
	try {
		await auditInsert(db, entry);
	} catch (err) {
		console.error("audit write failed", { action: entry.action, tenantId: entry.tenantId, err: String(err) });
	}
}
