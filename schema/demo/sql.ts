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

/** One INSERT that leaves an existing row untouched, so loading twice changes nothing. */
export function insertIgnoringExisting(table: string, row: Row): string {
	const columns = Object.keys(row);
	const values = columns.map((c) => literal(row[c] ?? null));
	return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${values.join(", ")}) ON CONFLICT DO NOTHING;`;
}
