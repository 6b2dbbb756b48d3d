import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * The next human-facing number of a tenant's documents (jobs, estimates, invoices): one above
 * the highest so far, `after` + 1 for the first. Read in the insert itself, so the unique
 * (tenant, number) index turns a concurrent duplicate into a retryable failure, never a gap.
 */
export const nextNumber = (
	table: SQLiteTable,
	columns: { number: SQLiteColumn; tenantId: SQLiteColumn },
	tenantId: string,
	after: number,
): SQL =>
	sql`(SELECT COALESCE(MAX(${columns.number}), ${after}) + 1 FROM ${table} WHERE ${columns.tenantId} = ${tenantId})`;
