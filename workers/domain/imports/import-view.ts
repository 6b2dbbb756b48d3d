import { and, eq } from "drizzle-orm";
import { customerImportChunks } from "../../../schema/tables/imports";
import type { Db } from "../../db";
import type { ImportRow } from "./customer-imports";
import { inviteCounts } from "./invites";
import { importTotals } from "./write-chunk";

const SAMPLE_ROWS = 3;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An import as the console shows it: the file, its mapping, progress, what it came to, invitations. */
export async function importView(db: Db, row: ImportRow) {
	const [first, totals, invites] = await Promise.all([
		db
			.select({ rows: customerImportChunks.rows })
			.from(customerImportChunks)
			.where(
				and(
					eq(customerImportChunks.tenantId, row.tenantId),
					eq(customerImportChunks.importId, row.id),
					eq(customerImportChunks.seq, 0),
				),
			)
			.get(),
		importTotals(db, row.tenantId, row.id),
		inviteCounts(db, row.tenantId, row.id),
	]);
	const done = row.committedAt ? Math.min(row.rowCount, totals.doneRows) : 0;
	return {
		id: row.id,
		fileName: row.fileName,
		headers: row.headers,
		mapping: row.mapping,
		rowCount: row.rowCount,
		sampleRows: (first?.rows ?? []).slice(0, SAMPLE_ROWS).map((r) => r.cells),
		createdAt: new Date(row.createdAt).toISOString(),
		committedAt: iso(row.committedAt),
		finishedAt: iso(row.finishedAt),
		progress: { done: row.finishedAt ? row.rowCount : done, total: row.rowCount },
		counts: row.committedAt
			? {
					new: totals.newCount,
					updated: totals.updatedCount,
					duplicate: row.duplicateCount + totals.unchangedCount,
					error: row.errorCount,
				}
			: null,
		invites: { ...invites, perHour: row.invitesPerHour },
	};
}
