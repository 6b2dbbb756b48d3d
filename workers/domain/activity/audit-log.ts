import { and, desc, eq, getTableColumns, gte, lt, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { auditLog, NOT_A_JOB_ACTION } from "../../../schema/tables/activity";
import type { Db } from "../../db";
import { toCsv } from "../csv";

export type AuditRow = typeof auditLog.$inferSelect;

export type AuditFilters = {
	actorId?: string;
	/** An exact action ("contact.blocked") or a family ending in ".*" ("job.*"). */
	action?: string;
	/** UTC bounds, already resolved from dates in the tenant's zone; `to` is exclusive. */
	from?: number;
	to?: number;
	cursor?: { createdAt: number; id: string };
};

/** Text starting with `prefix`: the range from it up to the prefix with its last character's successor. */
const startsWith = (column: SQLiteColumn, prefix: string) =>
	and(
		gte(column, prefix),
		lt(column, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)),
	);

/**
 * The read of a page of the tenant's audit log, newest first: one index range ending in the
 * pages' tie-breaker. Each entry carries the name of what it is about as it was when written
 * (`target_name`), so nothing is joined per entry.
 *
 * A job's entries, most of the log, are read in the log's own key order, where they are dense.
 * Any other action is indexed (a partial index, which they only are in): its page's keys are
 * read from that index alone and each entry then by its key, since SQLite with no statistics
 * would otherwise walk the whole log in key order rather than look each entry up.
 */
export function auditEntriesRead(db: Db, tenantId: string, f: AuditFilters, limit: number) {
	const where: Array<SQL | undefined> = [eq(auditLog.tenantId, tenantId)];
	if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
	// A family ("job.*") is the range of actions after its prefix, up to the next prefix: an index
	// range, where LIKE (case-blind) would read the whole index.
	if (f.action?.endsWith(".*")) where.push(startsWith(auditLog.action, f.action.slice(0, -1)));
	else if (f.action) where.push(eq(auditLog.action, f.action));
	if (f.from !== undefined) where.push(gte(auditLog.createdAt, f.from));
	if (f.to !== undefined) where.push(lt(auditLog.createdAt, f.to));
	if (f.cursor) {
		const { createdAt, id } = f.cursor;
		where.push(
			or(lt(auditLog.createdAt, createdAt), and(eq(auditLog.createdAt, createdAt), lt(auditLog.id, id))),
		);
	}
	if (!f.action || f.action.startsWith("job.")) {
		return db
			.select()
			.from(auditLog)
			.where(and(...where))
			.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
			.limit(limit + 1);
	}
	const keys = db
		.select({
			createdAt: sql<number>`${auditLog.createdAt}`.as("key_created_at"),
			id: sql<string>`${auditLog.id}`.as("key_id"),
		})
		.from(auditLog)
		.where(and(...where, sql.raw(NOT_A_JOB_ACTION)))
		.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
		.limit(limit + 1)
		.as("k");
	// CROSS JOIN keeps the page's keys as the outer loop, in their order.
	return db
		.select(getTableColumns(auditLog))
		.from(keys)
		.crossJoin(auditLog)
		.where(
			and(eq(auditLog.tenantId, tenantId), eq(auditLog.createdAt, keys.createdAt), eq(auditLog.id, keys.id)),
		)
		.orderBy(desc(keys.createdAt), desc(keys.id));
}

/** "job #1031", "Dana Reyes": the name of what an entry is about, or null when it has none. */
function targetNameOf(entry: AuditRow): string | null {
	if (entry.targetName) return entry.targetName;
	// The target was gone when the entry was written (or never had a row of its own): the name
	// the entry's data recorded, if any.
	const data = entry.data ?? {};
	if (typeof data.name === "string" && data.name) return data.name;
	if (typeof data.email === "string" && data.email) return data.email;
	return null;
}

export type NamedAuditRow = AuditRow & { targetName: string | null };

/** The page `auditEntriesRead` asked for, each entry with its target's name, and where the next one starts. */
export function toAuditPage(rows: AuditRow[], limit: number) {
	const page: NamedAuditRow[] = rows.slice(0, limit).map((r) => ({ ...r, targetName: targetNameOf(r) }));
	const last = page[page.length - 1];
	return {
		rows: page,
		next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
	};
}

/** A page of the tenant's audit log, newest first, each entry with its target's name. */
export async function listAuditEntries(db: Db, tenantId: string, f: AuditFilters, limit: number) {
	return toAuditPage(await auditEntriesRead(db, tenantId, f, limit), limit);
}

export const AUDIT_CSV_HEADER = [
	"time (UTC)",
	"time (local)",
	"actor type",
	"actor id",
	"actor",
	"action",
	"target type",
	"target id",
	"target",
	"ip",
	"user agent",
	"details",
];

/** The audit log as CSV; times in UTC and in the tenant's zone. */
export function auditCsv(rows: NamedAuditRow[], timeZone: string): string {
	const local = new Intl.DateTimeFormat("sv-SE", {
		timeZone,
		dateStyle: "short",
		timeStyle: "medium",
	});
	return toCsv(
		AUDIT_CSV_HEADER,
		rows.map((r) => [
			new Date(r.createdAt).toISOString(),
			local.format(r.createdAt),
			r.actorType,
			r.actorId,
			r.actorLabel,
			r.action,
			r.targetType,
			r.targetId,
			r.targetName,
			r.ip,
			r.userAgent,
			r.data,
		]),
	);
}
