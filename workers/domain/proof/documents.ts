import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { estimates } from "../../../schema/tables/billing";
import { invoices, payments } from "../../../schema/tables/invoices";
import { jobs } from "../../../schema/tables/jobs";
import { jobCompletions } from "../../../schema/tables/proof";
import type { Db } from "../../db";
import { type EstimateReader, visibleEstimates } from "../estimates/access";
import { invoiceAccess } from "../invoices/access";
import { encodeCursor } from "../jobs/customer-jobs";
import { type CustomerScope, visibleJobs } from "../jobs/customer-scope";

export const documentTypes = ["estimate", "invoice", "receipt", "report"] as const;
export type DocumentType = (typeof documentTypes)[number];

/**
 * The one rule of which kinds of document a contact's role sees in the portal: billing sees
 * invoices and receipts only; every other role sees all four (each kind then by its own rule:
 * estimates' and invoices' access, and the jobs the contact sees for reports).
 */
export function documentTypesFor(role: string): readonly DocumentType[] {
	return role === "billing" ? ["invoice", "receipt"] : documentTypes;
}

export const mayReadDocument = (role: string, type: DocumentType): boolean =>
	documentTypesFor(role).includes(type);

export type DocumentFilters = {
	type?: DocumentType;
	q?: string;
	locationId?: string;
	from?: number;
	to?: number;
	cursor?: { createdAt: number; id: string };
	limit: number;
};

export type DocumentItem = {
	type: DocumentType;
	id: string;
	title: string;
	jobId: string | null;
	createdAt: string;
	url: string;
};

type Row = { id: string; createdAt: number; number: number; jobId: string | null; extra: string | null };

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The range, cursor and limit every branch shares, on its own time and id columns. */
function pageOf(f: DocumentFilters, at: AnySQLiteColumn, id: AnySQLiteColumn): SQL[] {
	const out: SQL[] = [];
	if (f.from !== undefined) out.push(sql`${at} >= ${f.from}`);
	if (f.to !== undefined) out.push(sql`${at} < ${f.to}`);
	if (f.cursor)
		out.push(
			sql`${at} <= ${f.cursor.createdAt} AND (${at} < ${f.cursor.createdAt} OR ${id} < ${f.cursor.id})`,
		);
	return out;
}

/** Jobs of the tenant matching a search by job number or reference. */
function jobsMatching(db: Db, tenantId: string, q: string) {
	const like = `%${escapeLike(q)}%`;
	return db
		.select({ id: jobs.id })
		.from(jobs)
		.where(
			and(
				eq(jobs.tenantId, tenantId),
				sql`(CAST(${jobs.number} AS TEXT) = ${q} OR ${jobs.reference} LIKE ${like} ESCAPE '\\')`,
			),
		);
}

/**
 * A page of every document the contact may see, newest first: estimates (never drafts),
 * shared invoices, a receipt per payment of those invoices, and the report of each completed
 * job they see. Each kind is its own read limited to the page, merged here.
 */
export async function listDocuments(
	db: Db,
	reader: EstimateReader,
	scope: CustomerScope,
	slug: string,
	f: DocumentFilters,
): Promise<{ items: DocumentItem[]; nextCursor: string | null }> {
	const types = documentTypesFor(reader.role).filter((t) => !f.type || f.type === t);
	const take = f.limit + 1;
	const q = f.q;
	const like = q ? `%${escapeLike(q)}%` : "";
	const numberOr = (num: AnySQLiteColumn, jobId: AnySQLiteColumn, extra?: AnySQLiteColumn) =>
		q
			? (sql`(CAST(${num} AS TEXT) = ${q} OR ${jobId} IN ${jobsMatching(db, reader.tenantId, q)}${
					extra ? sql` OR ${extra} LIKE ${like} ESCAPE '\\'` : sql``
				})` as SQL)
			: undefined;
	const invoiceWhere = invoiceAccess(db, reader).where;
	const reads: Array<Promise<Array<Row & { type: DocumentType }>>> = [];
	const tag = (type: DocumentType) => (rows: Row[]) => rows.map((r) => ({ ...r, type }));
	if (types.includes("estimate")) {
		reads.push(
			db
				.select({
					id: estimates.id,
					createdAt: estimates.createdAt,
					number: estimates.number,
					jobId: estimates.jobId,
					extra: estimates.title,
				})
				.from(estimates)
				.where(
					and(
						visibleEstimates(reader),
						f.locationId ? eq(estimates.locationId, f.locationId) : undefined,
						numberOr(estimates.number, estimates.jobId, estimates.title),
						...pageOf(f, estimates.createdAt, estimates.id),
					),
				)
				.orderBy(desc(estimates.createdAt), desc(estimates.id))
				.limit(take)
				.then(tag("estimate")),
		);
	}
	if (types.includes("invoice")) {
		reads.push(
			db
				.select({
					id: invoices.id,
					createdAt: invoices.createdAt,
					number: invoices.number,
					jobId: invoices.jobId,
					extra: sql<string | null>`NULL`,
				})
				.from(invoices)
				.where(
					and(
						invoiceWhere,
						f.locationId ? eq(invoices.locationId, f.locationId) : undefined,
						numberOr(invoices.number, invoices.jobId),
						...pageOf(f, invoices.createdAt, invoices.id),
					),
				)
				.orderBy(desc(invoices.createdAt), desc(invoices.id))
				.limit(take)
				.then(tag("invoice")),
		);
	}
	if (types.includes("receipt")) {
		reads.push(
			db
				.select({
					id: payments.id,
					createdAt: payments.receivedAt,
					number: invoices.number,
					jobId: invoices.jobId,
					extra: invoices.id,
				})
				.from(payments)
				.innerJoin(
					invoices,
					and(eq(invoices.tenantId, payments.tenantId), eq(invoices.id, payments.invoiceId)),
				)
				.where(
					and(
						eq(payments.tenantId, reader.tenantId),
						invoiceWhere,
						f.locationId ? eq(invoices.locationId, f.locationId) : undefined,
						numberOr(invoices.number, invoices.jobId),
						...pageOf(f, payments.receivedAt, payments.id),
					),
				)
				.orderBy(desc(payments.receivedAt), desc(payments.id))
				.limit(take)
				.then(tag("receipt")),
		);
	}
	if (types.includes("report")) {
		reads.push(
			db
				.select({
					id: jobCompletions.id,
					createdAt: jobCompletions.createdAt,
					number: jobs.number,
					jobId: jobs.id,
					extra: jobs.kind,
				})
				.from(jobCompletions)
				.innerJoin(jobs, and(eq(jobs.tenantId, jobCompletions.tenantId), eq(jobs.id, jobCompletions.jobId)))
				.where(
					and(
						eq(jobCompletions.tenantId, reader.tenantId),
						eq(jobCompletions.outcome, "completed"),
						eq(jobs.status, "completed"),
						visibleJobs(scope),
						f.locationId ? eq(jobs.locationId, f.locationId) : undefined,
						q
							? sql`(CAST(${jobs.number} AS TEXT) = ${q} OR ${jobs.reference} LIKE ${like} ESCAPE '\\')`
							: undefined,
						...pageOf(f, jobCompletions.createdAt, jobCompletions.id),
					),
				)
				.orderBy(desc(jobCompletions.createdAt), desc(jobCompletions.id))
				.limit(take)
				.then(tag("report")),
		);
	}
	const rows = (await Promise.all(reads))
		.flat()
		.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
	const page = rows.slice(0, f.limit);
	const base = `/api/c/${slug}`;
	const items = page.map((r): DocumentItem => {
		const createdAt = new Date(r.createdAt).toISOString();
		switch (r.type) {
			case "estimate":
				return {
					type: r.type,
					id: r.id,
					title: `Estimate #${r.number}${r.extra ? ` · ${r.extra}` : ""}`,
					jobId: r.jobId,
					createdAt,
					url: `${base}/estimates/${r.id}/pdf`,
				};
			case "invoice":
				return {
					type: r.type,
					id: r.id,
					title: `Invoice #${r.number}`,
					jobId: r.jobId,
					createdAt,
					url: `${base}/invoices/${r.id}/pdf`,
				};
			case "receipt":
				// A receipt is the invoice's PDF, which lists every payment and the balance left.
				return {
					type: r.type,
					id: r.id,
					title: `Receipt · invoice #${r.number}`,
					jobId: r.jobId,
					createdAt,
					url: `${base}/invoices/${r.extra}/pdf`,
				};
			default:
				return {
					type: r.type,
					id: r.id,
					title: `${r.extra === "service_call" ? "Service report" : "Proof of delivery"} · job #${r.number}`,
					jobId: r.jobId,
					createdAt,
					url: `${base}/jobs/${r.jobId}/report.pdf`,
				};
		}
	});
	const last = page[page.length - 1];
	return {
		items,
		nextCursor:
			rows.length > f.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
	};
}
