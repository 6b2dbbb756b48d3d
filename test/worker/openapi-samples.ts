/**
 * Plausible and malformed values for the JSON Schemas of an OpenAPI 3.1 document, for driving
 * every operation with input an attacker would send.
 */

export type JsonSchema = {
	$ref?: string;
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	enum?: unknown[];
	const?: unknown;
	anyOf?: JsonSchema[];
	oneOf?: JsonSchema[];
	allOf?: JsonSchema[];
	format?: string;
	example?: unknown;
	default?: unknown;
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	additionalProperties?: boolean | JsonSchema;
};

export type Components = Record<string, JsonSchema>;

const LONG = "x".repeat(10_001);

/** Values no field should have to survive quietly: wrong types, extremes, impossible dates. */
export const HOSTILE_VALUES: unknown[] = [
	null,
	true,
	-1,
	0.5,
	1e308,
	-1e308,
	2 ** 53 + 1,
	"",
	" ",
	"\u0000",
	LONG,
	"💥".repeat(600),
	"2026-02-30",
	"2026-13-45",
	"0000-00-00",
	"0000-00-00T00:00",
	"9999-12-31T23:59",
	"<script>alert(1)</script>",
	"' OR 1=1 --",
	[],
	[LONG],
	{},
	{ nested: { deeper: [1, "two", null] } },
];

export function resolve(schema: JsonSchema, components: Components): JsonSchema {
	let s = schema;
	for (let depth = 0; s.$ref && depth < 20; depth++) {
		const name = s.$ref.replace("#/components/schemas/", "");
		s = components[name] ?? {};
	}
	return s;
}

const typesOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

function sampleString(s: JsonSchema, name: string): string {
	if (typeof s.example === "string" && !s.example.includes("…")) return s.example;
	if (s.format === "email" || /email/i.test(name)) return "fuzz@example.com";
	if (s.format === "date") return "2026-11-25";
	if (s.format === "date-time") return "2026-11-25T09:30:00.000Z";
	if (/country/i.test(name)) return "US";
	if (/phone/i.test(name)) return "+1 212 555 0100";
	if (/^(primary|accent|text|color)/i.test(name)) return "#0b5394";
	if (/currency/i.test(name)) return "USD";
	if (/timezone/i.test(name)) return "America/New_York";
	const min = Math.max(1, s.minLength ?? 1);
	return "fuzz".padEnd(min, "z").slice(0, Math.max(min, Math.min(s.maxLength ?? 4, 4)));
}

/** A value the schema probably accepts, for the fields a mutation leaves alone. */
export function sample(schema: JsonSchema, components: Components, name = "", depth = 0): unknown {
	const s = resolve(schema, components);
	if (depth > 8) return null;
	if (s.const !== undefined) return s.const;
	if (s.enum?.length) return s.enum[0];
	if (s.default !== undefined) return s.default;
	if (s.allOf) {
		return Object.assign(
			{},
			...s.allOf.map((part) => sample(part, components, name, depth + 1) as Record<string, unknown>),
		);
	}
	const first = s.oneOf?.[0] ?? s.anyOf?.find((o) => !typesOf(resolve(o, components)).includes("null"));
	if (first) return sample(first, components, name, depth + 1);
	const types = typesOf(s).filter((t) => t !== "null");
	const type = types[0] ?? (s.properties ? "object" : undefined);
	switch (type) {
		case "object": {
			const out: Record<string, unknown> = {};
			for (const [key, prop] of Object.entries(s.properties ?? {}))
				out[key] = sample(prop, components, key, depth + 1);
			return out;
		}
		case "array":
			return s.items ? [sample(s.items, components, name, depth + 1)] : [];
		case "integer":
		case "number":
			return s.minimum ?? 1;
		case "boolean":
			return true;
		case "string":
			return sampleString(s, name);
		default:
			return typeof s.example === "string" ? s.example : null;
	}
}

/**
 * Every path to a value in a JSON document, objects and arrays included. A subtree equal to one
 * already walked (the drop-off stop after the pickup) is walked only to its own root.
 */
export function leafPaths(
	value: unknown,
	prefix: Array<string | number> = [],
	seen = new Set<string>(),
): Array<Array<string | number>> {
	const paths: Array<Array<string | number>> = prefix.length ? [prefix] : [];
	if (!value || typeof value !== "object") return paths;
	const shape = JSON.stringify(value);
	if (prefix.length && seen.has(shape)) return paths;
	seen.add(shape);
	const entries: Array<[string | number, unknown]> = Array.isArray(value)
		? value.map((v, i) => [i, v])
		: Object.entries(value);
	for (const [k, v] of entries) paths.push(...leafPaths(v, [...prefix, k], seen));
	return paths;
}

/**
 * The hostile values tried on one field, `turn` choosing among them: a wrong type or an extreme
 * for what it holds (every extreme, for a date), and one from the whole list, so across a body
 * every value meets some field.
 */
export function hostileValuesFor(current: unknown, turn: number): unknown[] {
	const date = typeof current === "string" ? /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?/.exec(current) : null;
	const typed = date
		? // A date or time: centuries ahead, and days no calendar has.
			[
				`9999-12-31${date[1] ? "T23:59" : ""}`,
				`2026-02-30${date[1] ? "T09:30" : ""}`,
				`2026-13-45${date[1] ? "T25:61" : ""}`,
				`2999-12-31${date[1] ? "T23:59" : ""}`,
			]
		: typeof current === "string"
			? [12345, LONG, null]
			: typeof current === "number"
				? ["1", 1e308, -1]
				: typeof current === "boolean"
					? ["true", 0]
					: [null, "text", 7];
	// Dates are few and are where bad input got through: each gets all of its own.
	const mine = date ? typed : [typed[turn % typed.length]];
	return [...new Set([...mine, HOSTILE_VALUES[turn % HOSTILE_VALUES.length]])];
}

/** A copy of `doc` with the value at `path` replaced, or removed when `value` is `REMOVE`. */
export const REMOVE = Symbol("remove");
export function withValue(doc: unknown, path: Array<string | number>, value: unknown): unknown {
	const copy = structuredClone(doc);
	let node = copy as Record<string | number, unknown>;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
	const last = path[path.length - 1] as string | number;
	if (value === REMOVE) {
		if (Array.isArray(node)) node.splice(Number(last), 1);
		else delete node[last];
	} else node[last] = value;
	return copy;
}
