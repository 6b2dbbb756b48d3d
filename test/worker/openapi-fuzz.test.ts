import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localDateTime } from "../../workers/domain/time";
import { signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { makeAccount, makeContact, makeStaff, makeTechnician, makeTenant } from "./fixtures";
import { BASE, call } from "./helpers";
import {
	type Components,
	hostileValuesFor,
	type JsonSchema,
	leafPaths,
	REMOVE,
	sample,
	withValue,
} from "./openapi-samples";
import { makeAdmin, PNG_BYTES, send } from "./staff-helpers";

/** The one error envelope, exactly: anything else on a 4xx is a leak of some other shape. */
const Envelope = z
	.object({
		error: z
			.object({
				code: z.string().regex(/^[a-z]+(_[a-z]+)*$/),
				message: z.string().min(1),
				issues: z
					.array(
						z
							.object({
								path: z.array(z.union([z.string(), z.number()])),
								field: z.string(),
								message: z.string().min(1),
							})
							.strict(),
					)
					.min(1)
					.optional(),
			})
			.strict(),
	})
	.strict();

type Operation = {
	parameters?: Array<{ name: string; in: "path" | "query" | "header"; schema: JsonSchema }>;
	requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

type Case = { label: string; path: string; init: RequestInit };

const GARBAGE_IDS = ["x".repeat(300), "job_' OR 1=1 --", "%E0%A4%A", "..%2F..%2Fetc", "💥%00"];
const GARBAGE_QUERY = [
	"",
	"abc",
	"-1",
	"1e309",
	"99999999999999999999",
	"2026-13-45",
	"x".repeat(3000),
	"%ZZ",
];

/** A tenant with a person of every audience signed in, and one of everything to point ids at. */
async function fixtureTenant() {
	const tenant = await makeTenant({ jobKinds: ["pickup_delivery", "service_call"] });
	const account = await makeAccount(tenant, "Fuzz Clinic");
	await makeContact(tenant, { email: "fuzz.admin@clinic.example", accountId: account.id, role: "admin" });
	const other = await makeContact(tenant, { email: "other@clinic.example", accountId: account.id });
	await makeAdmin(tenant, "fuzz.boss@fleet.example");
	const dispatcher = await makeStaff(tenant, "fuzz.desk@fleet.example");
	const tech = await makeTechnician(tenant, "fuzz.van@fleet.example");
	const [customer, staff, technician] = await Promise.all([
		signIn(tenant.slug, "fuzz.admin@clinic.example", "c"),
		signIn(tenant.slug, "fuzz.boss@fleet.example", "d"),
		signIn(tenant.slug, "fuzz.van@fleet.example", "t"),
	]);
	const job = await (await book(tenant.slug, customer, pickupBody())).json<{ id: string }>();
	await send(`/api/d/${tenant.slug}/jobs/${job.id}/assign`, staff, "POST", { technicianId: tech.id });
	const link = await (await send(`/api/d/${tenant.slug}/jobs/${job.id}/tracking-links`, staff, "POST")).json<{
		id: string;
		url: string;
	}>();
	const photo = await (
		await call(`/api/c/${tenant.slug}/jobs/${job.id}/photos`, {
			method: "POST",
			headers: { Cookie: customer, "Content-Type": "image/png" },
			body: PNG_BYTES,
		})
	).json<{ id: string; url: string }>();
	const inbox = await (await send(`/api/d/${tenant.slug}/inbox`, staff)).json<{
		items: Array<{ id: string }>;
	}>();
	const estimate = await (
		await send(`/api/d/${tenant.slug}/estimates`, staff, "POST", {
			accountId: account.id,
			title: "Fuzz estimate",
			lines: [
				{ description: "Labour", quantity: 1.5, unitPriceMinor: 9_000 },
				{ description: "Extra", quantity: 1, unitPriceMinor: 1_000, optional: true },
			],
		})
	).json<{ id: string }>();
	await send(`/api/d/${tenant.slug}/estimates/${estimate.id}/share`, staff, "POST");
	const invoice = await (
		await send(`/api/d/${tenant.slug}/invoices`, staff, "POST", {
			accountId: account.id,
			lines: [{ description: "Labour", quantity: 1.5, unitPriceMinor: 9_000 }],
		})
	).json<{ id: string }>();
	await send(`/api/d/${tenant.slug}/invoices/${invoice.id}/share`, staff, "POST");
	const quote = await (
		await send(`/api/c/${tenant.slug}/quote-requests`, customer, "POST", {
			address: { line1: "1 Main St", city: "Springfield" },
			description: "Fix the gate",
		})
	).json<{ id: string }>();
	const quotePhoto = await (
		await call(`/api/c/${tenant.slug}/quote-requests/${quote.id}/photos`, {
			method: "POST",
			headers: { Cookie: customer, "Content-Type": "image/png" },
			body: PNG_BYTES,
		})
	).json<{ id: string }>();
	const cookies = { c: customer, d: staff, t: technician } as Record<string, string>;
	/** A real id for a path parameter, by where it sits. */
	const realId = (path: string, name: string): string => {
		if (name === "slug") return tenant.slug;
		if (name === "photoId") return path.includes("/quote-requests/") ? quotePhoto.id : photo.id;
		if (path.includes("/estimates/")) return estimate.id;
		if (path.includes("/invoices/") && name === "id") return invoice.id;
		if (path.includes("/quote-requests/")) return quote.id;
		if (name === "linkId") return link.id;
		if (name === "token") return link.url.split("/track/")[1] ?? "";
		if (name === "key") return `${tenant.id}/logo.png`;
		if (path.includes("/customers/contacts/")) return other.id;
		if (path.includes("/technicians/")) return tech.id;
		if (path.includes("/staff/")) return dispatcher.id;
		if (path.includes("/inbox/")) return inbox.items[0]?.id ?? "alt_nope";
		return job.id;
	};
	/** A body the operation accepts, where sampling its schema alone would not give one. */
	const validBody = (method: string, path: string, sampled: unknown): unknown => {
		const soon = (hours: number) => localDateTime(Date.now() + hours * HOUR, "America/New_York");
		if (method === "post" && path === "/api/c/{slug}/bookings") return pickupBody();
		if (method === "post" && path === "/api/d/{slug}/jobs")
			return { ...pickupBody(), customer: { contactId: other.id } };
		if (method === "patch" && path === "/api/d/{slug}/jobs/{id}")
			return {
				reference: "PO-FUZZ",
				readyAt: soon(2),
				deliverBy: soon(5),
				dropoff: { address: { line1: "1 Police Plaza", city: "New York" } },
			};
		const ids: Record<string, string | undefined> = {
			accountId: account.id,
			contactId: other.id,
			technicianId: tech.id,
			locationId: undefined,
			locationIds: undefined,
		};
		const withRealIds = (value: unknown): unknown => {
			if (Array.isArray(value)) return value.map(withRealIds);
			if (!value || typeof value !== "object") return value;
			return Object.fromEntries(
				Object.entries(value).map(([k, v]) => [k, k in ids ? ids[k] : withRealIds(v)]),
			);
		};
		return withRealIds(sampled);
	};
	return { tenant, cookies, realId, validBody };
}

let turn = 0;
/** `n` of `list`, taking up where the last call left off: every value gets used, none every time. */
function take<T>(list: readonly T[], n: number): T[] {
	return [...new Set(Array.from({ length: n }, () => list[turn++ % list.length] as T))];
}

function pathWith(template: string, values: (name: string) => string): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => values(name));
}

/** The malformed requests for one operation, each signed in as its audience. */
function casesFor(
	method: string,
	template: string,
	op: Operation,
	components: Components,
	fx: Awaited<ReturnType<typeof fixtureTenant>>,
): Case[] {
	const area = template.match(/^\/api\/([cdt])\//)?.[1];
	const cookie = area ? fx.cookies[area] : undefined;
	const baseHeaders: Record<string, string> = {
		...(cookie ? { Cookie: cookie } : {}),
		"Idempotency-Key": crypto.randomUUID(),
		"CF-Connecting-IP": "198.51.100.7",
	};
	const params = op.parameters ?? [];
	const realPath = pathWith(template, (name) => fx.realId(template, name));
	const query = params.filter((p) => p.in === "query");
	const validQuery = new URLSearchParams();
	for (const q of query.filter((p) => p.name !== "cursor")) {
		const v = sample(q.schema, components, q.name);
		if (typeof v === "string" || typeof v === "number") validQuery.set(q.name, String(v));
	}
	const jsonSchema = op.requestBody?.content["application/json"]?.schema;
	const binary = op.requestBody && !jsonSchema;
	const body = jsonSchema ? fx.validBody(method, template, sample(jsonSchema, components)) : undefined;
	const cases: Case[] = [];
	const add = (label: string, path: string, init: RequestInit = {}) =>
		cases.push({
			label,
			path,
			init: { method, ...init, headers: { ...baseHeaders, ...(init.headers as Record<string, string>) } },
		});
	const json = (value: unknown, headers: Record<string, string> = {}): RequestInit => ({
		body: JSON.stringify(value),
		headers: { "Content-Type": "application/json", ...headers, "Idempotency-Key": crypto.randomUUID() },
	});
	const withBody = method !== "get" && method !== "delete";

	// The plausible request first, so every operation also runs with real ids.
	const upload = { body: PNG_BYTES, headers: { "Content-Type": "image/png" } };
	const plausible = binary ? upload : withBody && body ? json(body) : {};
	add("real ids", query.length ? `${realPath}?${validQuery}` : realPath, plausible);
	// Garbage in every path parameter, one at a time, the others real.
	for (const param of params.filter((p) => p.in === "path")) {
		for (const garbage of take(GARBAGE_IDS, 2)) {
			const path = pathWith(template, (name) => (name === param.name ? garbage : fx.realId(template, name)));
			add(`path ${param.name}=${garbage.slice(0, 20)}`, path, withBody && body ? json(body) : {});
		}
	}
	// Garbage in every query parameter, alone: a sampled neighbour the schema refuses must not
	// hide it. And one parameter twice.
	for (const q of query) {
		for (const garbage of take(GARBAGE_QUERY, 2))
			add(
				`query ${q.name}=${garbage.slice(0, 20)}`,
				`${realPath}?${new URLSearchParams({ [q.name]: garbage })}`,
			);
	}
	if (query[0]) add(`query ${query[0].name} twice`, `${realPath}?${query[0].name}=1&${query[0].name}=2`);
	// The Idempotency-Key header missing, too short, too long.
	if (params.some((p) => p.in === "header" && p.name.toLowerCase() === "idempotency-key")) {
		for (const key of take(["", "short", "k".repeat(300)], 1))
			add(`idempotency-key ${key.length}`, realPath, { ...json(body), headers: { "Idempotency-Key": key } });
	}
	// A session cookie that is not one of ours.
	for (const bad of take(["%%%", "x".repeat(4000), "a.b.c"], 1))
		add(`cookie ${bad.slice(0, 8)}`, realPath, { headers: { Cookie: `__Host-session=${bad}` } });
	if (!withBody) return cases;

	// Bodies that are not what the operation reads.
	const raw = (text: BodyInit, type?: string): RequestInit => ({
		body: text,
		headers: type ? { "Content-Type": type } : {},
	});
	add("no body", realPath, {});
	const asJson = JSON.stringify(body ?? {});
	const wrongBodies: Array<[string, RequestInit]> = [
		...[
			"",
			"null",
			"[]",
			'"text"',
			'{"a":',
			"\uFEFF{}",
			"{}".repeat(5000),
			`{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`,
		].map((text): [string, RequestInit] => [`json ${text.slice(0, 12)}`, raw(text, "application/json")]),
		["invalid utf-8", raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), "application/json")],
		["text/plain", raw(asJson, "text/plain")],
		["xml", raw("<a/>", "application/xml")],
		["no content-type", raw(asJson)],
		["image to a JSON route", raw(PNG_BYTES, "image/png")],
	];
	for (const [label, init] of take(wrongBodies, 3)) add(label, realPath, init);
	if (binary) {
		add("not an image", realPath, raw(new Uint8Array([1, 2, 3, 4]), "image/png"));
		add("png declared jpeg", realPath, raw(PNG_BYTES, "image/jpeg"));
		add("json to an upload", realPath, json({ image: "nope" }));
		return cases;
	}
	if (body === undefined) {
		add("unexpected json", realPath, json({ unexpected: true }));
		return cases;
	}
	const extra = JSON.stringify({ ...(body as object), unexpected: LONG_EXTRA }).replace(
		/^\{/,
		'{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
	);
	add("extra and prototype fields", realPath, raw(extra, "application/json"));
	// Each field, one at a time: hostile values, and each top-level field missing.
	leafPaths(body).forEach((path) => {
		const at = path.join(".");
		if (path.length === 1) add(`missing ${at}`, realPath, json(withValue(body, path, REMOVE)));
		const current = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body);
		for (const value of hostileValuesFor(current, turn++))
			add(`${at}=${JSON.stringify(value)?.slice(0, 20)}`, realPath, json(withValue(body, path, value)));
	});
	return cases;
}

const LONG_EXTRA = "y".repeat(20_000);
const HOUR = 3_600_000;

/**
 * When an operation's cases run: the technician's first (before edits move the job on), then the
 * rest, then what ends what the others rely on (the job, a link), and the sign-outs last.
 */
function stage(method: string, path: string): number {
	if (/\/auth\/logout/.test(path)) return 3;
	if (/\/cancel$|\/block$/.test(path) || method === "delete") return 2;
	return path.startsWith("/api/t/") ? 0 : 1;
}

/** What is wrong with an answer to malformed input, or null when it is what the contract says. */
async function problemWith(res: Response): Promise<string | null> {
	const text = await res.text();
	if (res.status >= 500) return text.slice(0, 200);
	if (res.status < 400) {
		// A 2xx must not carry an instant RFC 3339 refuses (the year 10000 and on).
		const instant = text.match(/"[+-]\d{6}-\d{2}-\d{2}T[^"]*"/);
		return instant ? `not RFC 3339: ${instant[0]}` : null;
	}
	if (res.headers.get("Content-Type")?.startsWith("application/json") !== true)
		return `not JSON (${res.headers.get("Content-Type")}): ${text.slice(0, 120)}`;
	try {
		return Envelope.safeParse(JSON.parse(text)).success ? null : `not the envelope: ${text.slice(0, 200)}`;
	} catch {
		return `not JSON: ${text.slice(0, 120)}`;
	}
}

type Planned = Case & { operation: string; stage: number };

describe("every operation in /api/openapi.json", () => {
	// About 45 s alone on a 2-core machine, 7 s of it the first estimate PDF loading pdf-lib; the
	// margin is for running beside other test files.
	it("answers malformed input with the error envelope, never a 5xx", { timeout: 120_000 }, async () => {
		const fx = await fixtureTenant();
		const doc = await (await call("/api/openapi.json")).json<{
			paths: Record<string, Record<string, Operation>>;
			components: { schemas: Components };
		}>();
		const components = doc.components.schemas;
		const planned: Planned[] = [];
		for (const [path, ops] of Object.entries(doc.paths)) {
			const realPath = pathWith(path, (name) => fx.realId(path, name));
			for (const [method, op] of Object.entries(ops)) {
				const cases = casesFor(method, path, op, components, fx);
				// WebSocket upgrades: the garbage above without an upgrade; here upgrades from another
				// site and, from this one, to garbage ids (a real one would open a socket: not here).
				if (path.endsWith("/live")) {
					const upgrade = { Upgrade: "websocket", Cookie: fx.cookies[path.split("/")[2] ?? "d"] ?? "" };
					cases.push({
						label: "foreign upgrade",
						path: realPath,
						init: { headers: { ...upgrade, Origin: "https://evil.example" } },
					});
					const param = path.includes("{id}") ? "id" : path.includes("{token}") ? "token" : null;
					for (const garbage of param ? take(GARBAGE_IDS, 2) : []) {
						cases.push({
							label: `upgrade to ${param}=${garbage.slice(0, 20)}`,
							path: pathWith(path, (name) => (name === param ? garbage : fx.realId(path, name))),
							init: { headers: { ...upgrade, Origin: BASE } },
						});
					}
				}
				const operation = `${method.toUpperCase()} ${path}`;
				planned.push(...cases.map((c) => ({ ...c, operation, stage: stage(method, path) })));
			}
			// A method the path does not have.
			const lacking = ["put", "patch", "delete", "post"].find((m) => !(m in ops)) ?? "options";
			const cookie = fx.cookies[path.match(/^\/api\/([cdt])\//)?.[1] ?? "d"] ?? "";
			planned.push({
				label: "method it lacks",
				path: realPath,
				init: { method: lacking.toUpperCase(), headers: { Cookie: cookie } },
				operation: `${lacking.toUpperCase()} ${path}`,
				stage: 1,
			});
		}
		expect(Object.keys(doc.paths).length).toBeGreaterThan(50);

		const failures: string[] = [];
		// One at a time, so a run is repeatable: some answers change the fixture the next case sees.
		for (const c of planned.sort((a, b) => a.stage - b.stage)) {
			const res = await call(c.path, c.init);
			const problem = await problemWith(res);
			if (problem) failures.push(`${c.operation} [${c.label}] → ${res.status}: ${problem}`);
		}
		expect(planned.length).toBeGreaterThan(500);
		expect(failures, failures.slice(0, 40).join("\n")).toEqual([]);
	});
});
