import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { JobStatus } from "../../../schema/job-values";
import { contacts } from "../../../schema/tables/accounts";
import { jobs } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import { encodeCursor } from "../jobs/customer-jobs";

type Cursor = { createdAt: number; id: string } | undefined;
const iso = (ms: number) => new Date(ms).toISOString();

/** Rows after the cursor, newest first: (createdAt, id) below the last row of the page before. */
const after = (
	createdAt: typeof jobs.createdAt | typeof contacts.createdAt,
	id: typeof jobs.id | typeof contacts.id,
	cursor: Cursor,
) =>
	cursor
		? (or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id))) as SQL)
		: undefined;

function page<T extends { createdAt: number; id: string }, V>(rows: T[], limit: number, view: (row: T) => V) {
	const items = rows.slice(0, limit);
	const last = items[items.length - 1];
	return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** A page of the tenant's jobs, newest first, by status. */
export async function apiJobPage(
	db: Db,
	tenantId: string,
	q: { cursor: Cursor; limit: number; status?: JobStatus },
) {
	const rows = await db
		.select()
		.from(jobs)
		.where(
			and(
				eq(jobs.tenantId, tenantId),
				q.status ? eq(jobs.status, q.status) : undefined,
				after(jobs.createdAt, jobs.id, q.cursor),
			),
		)
		.orderBy(desc(jobs.createdAt), desc(jobs.id))
		.limit(q.limit + 1);
	return page(rows, q.limit, (j) => ({
		id: j.id,
		number: j.number,
		kind: j.kind,
		status: j.status,
		source: j.source,
		technicianId: j.technicianId,
		accountId: j.accountId,
		contactId: j.contactId,
		customerName: j.customerName,
		customerEmail: j.customerEmail,
		reference: j.reference,
		windowStart: j.windowStart === null ? null : iso(j.windowStart),
		windowEnd: j.windowEnd === null ? null : iso(j.windowEnd),
		createdAt: iso(j.createdAt),
		updatedAt: iso(j.updatedAt),
	}));
}

/** A page of the tenant's customer contacts, newest first. */
export async function apiCustomerPage(db: Db, tenantId: string, q: { cursor: Cursor; limit: number }) {
	const rows = await db
		.select()
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), after(contacts.createdAt, contacts.id, q.cursor)))
		.orderBy(desc(contacts.createdAt), desc(contacts.id))
		.limit(q.limit + 1);
	return page(rows, q.limit, (r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		phone: r.phone,
		accountId: r.accountId,
		locationId: r.locationId,
		blocked: r.blockedAt !== null,
		createdAt: iso(r.createdAt),
	}));
}
