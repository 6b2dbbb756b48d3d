import { getTableColumns, type SQL, sql, type Table } from "drizzle-orm";

/**
 * Every column of a table under its own prefixed name, decoded as the column decodes. D1
 * batches answer rows keyed by column name, so names that joined tables share (`id`, `kind`,
 * `tenant_id`, …) would overwrite each other.
 */
export function prefixedColumns<T extends Table>(table: T, prefix: string) {
	const out: Record<string, SQL.Aliased> = {};
	for (const [key, column] of Object.entries(getTableColumns(table))) {
		out[key] = sql`${column}`.mapWith(column).as(`${prefix}_${column.name}`);
	}
	return out as { [K in keyof T["$inferSelect"]]: SQL.Aliased<T["$inferSelect"][K]> };
}
