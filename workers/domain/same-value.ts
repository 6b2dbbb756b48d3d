/** A primitive as JSON writes it: undefined, NaN, the infinities and functions all as null. */
const asJson = (v: unknown) =>
	v === undefined ||
	typeof v === "function" ||
	typeof v === "symbol" ||
	(typeof v === "number" && !Number.isFinite(v))
		? null
		: v;

/**
 * Whether two values read from D1 (and shaped by the app) are the same: equal primitives, arrays
 * equal item by item, objects with the same keys holding equal values, a key whose value is
 * undefined counting as absent. The verdict of comparing their canonical JSON (one exception:
 * dates compare by their time, which that JSON would not tell apart), without building two
 * strings on every signed-in request.
 */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
		return typeof a !== "object" || a === null
			? (typeof b !== "object" || b === null) && asJson(a) === asJson(b)
			: false;
	}
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		return a.every((item, i) => sameValue(item, b[i]));
	}
	if (a instanceof Date || b instanceof Date) {
		return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
	}
	const left = a as Record<string, unknown>;
	const right = b as Record<string, unknown>;
	let keys = 0;
	for (const key in left) {
		if (!Object.hasOwn(left, key) || left[key] === undefined) continue;
		if (!Object.hasOwn(right, key) || right[key] === undefined) return false;
		if (!sameValue(left[key], right[key])) return false;
		keys++;
	}
	for (const key in right) {
		if (Object.hasOwn(right, key) && right[key] !== undefined) keys--;
	}
	return keys === 0;
}
