/** Whether a database error (or one it wraps, as drizzle does) is a UNIQUE constraint failure. */
export function isUniqueViolation(err: unknown): boolean {
	for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (/UNIQUE constraint failed/i.test(e.message)) return true;
	}
	return false;
}
