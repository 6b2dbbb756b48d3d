/** Whether a database error (or one it wraps, as drizzle does) is a UNIQUE constraint failure. */
export function isUniqueViolation(err: unknown): boolean {
	for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (/UNIQUE constraint failed/i.test(e.message)) return true;
	}
	return false;
}

/**
 * Whether a database error is a NOT NULL constraint failure: what a guarded write (a value read
 * by a subquery that finds nothing once another request changed the row) fails with.
 */
export function isNotNullViolation(err: unknown): boolean {
	for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (/NOT NULL constraint failed/i.test(e.message)) return true;
	}
	return false;
}
