export type SqlValue = string | number | boolean | null | Record<string, unknown> | unknown[];
export type Row = Record<string, SqlValue>;

function literal(value: SqlValue): string {
	if (value === null) return "NULL";
	if (typeof value === "boolean") return value ? "1" : "0";
	if (typeof value === "number") {
		if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
		return String(value);
	}
	const text = typeof value === "string" ? value : JSON.stringify(value);
	return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Tables whose key holds the row's time besides its id (stored in the order they are read): a
 * demo row written again at another load's time would not conflict, so its id is looked for
 * within the key's leading columns instead.
 */
const KEYED_BY_TIME: Record<string, string[]> = {
	audit_log: ["tenant_id"],
	job_events: ["tenant_id", "job_id"],
};

/** One INSERT that leaves an existing row untouched, so loading twice changes nothing. */
export function insertIgnoringExisting(table: string, row: Row): string {
	const columns = Object.keys(row);
	const values = columns.map((c) => literal(row[c] ?? null));
	const into = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")})`;
	const leading = KEYED_BY_TIME[table];
	if (!leading) return `${into} VALUES (${values.join(", ")}) ON CONFLICT DO NOTHING;`;
	const same = [...leading, "id"].map((c) => `"${c}" = ${literal(row[c] ?? null)}`).join(" AND ");
	return `${into} SELECT ${values.join(", ")} WHERE NOT EXISTS (SELECT 1 FROM "${table}" WHERE ${same}) ON CONFLICT DO NOTHING;`;
}
