/** What a change did to a record, for the audit log: only the fields whose value differs. */
export type ChangeSet = { before: Record<string, unknown>; after: Record<string, unknown> };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Compares the requested values with the current ones; undefined (not sent) is no change. */
export function changeSet<T extends Record<string, unknown>>(current: T, requested: Partial<T>): ChangeSet {
	const before: Record<string, unknown> = {};
	const after: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(requested)) {
		if (value === undefined || same(current[key], value)) continue;
		before[key] = current[key] ?? null;
		after[key] = value;
	}
	return { before, after };
}

export const isEmptyChange = (change: ChangeSet) => Object.keys(change.after).length === 0;
