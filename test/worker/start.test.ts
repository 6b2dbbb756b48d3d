import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FLEET_DEFAULTS, TRIAL_SEND_CEILING_PER_HOUR } from "../../workers/domain/start/new-tenant";
import { suggestSlug } from "../../workers/domain/start/slug-rules";
import { brandContrastIssues } from "../../workers/domain/tenant/branding-rules";
import { UsageTally, usageTallyOf } from "../../workers/domain/tenant/usage";
import { openShard } from "../../workers/shards";
import { emailedLink, getMe, outboxFor, postJson, requestLink, signIn, tokenFrom } from "./auth-helpers";
import { db, makeContact, makeJob, makeTenant, randomIp } from "./fixtures";
import { call, type Envelope, SHARDS, shardOf } from "./helpers";
import { send } from "./staff-helpers";
import { consumeStart, postStart, signUpToken, startBody, startedFleet, uniqueSlug } from "./start-helpers";

const TIMEOUT = 20_000;
const ALL_COLORS = new Set(["primary", "accent", "text"] as const);

/** The tenant's row, on the shard sign-up placed it on. */
async function tenantRow(slug: string) {
	return (await shardOf(slug))
		.prepare("SELECT id, status, settings, suspended_at FROM tenants WHERE slug = ?")
		.bind(slug)
		.first<{ id: string; status: string; settings: string; suspended_at: number | null }>();
}

describe("slug rules", () => {
	const refused = [
		["reserved", "admin"],
		["reserved path", "track"],
		["too short", "ab"],
		["too long", "a".repeat(41)],
		["uppercase", "Acme-Courier"],
		["underscore", "acme_courier"],
		["leading hyphen", "-acme"],
		["double hyphen", "acme--courier"],
	] as const;

	for (const [why, slug] of refused) {
		it(`refuses a slug that is ${why} with 400 naming slug, at sign-up and availability alike`, {
			timeout: TIMEOUT,
		}, async () => {
			const res = await postStart(startBody({ slug }));
			expect(res.status).toBe(400);
			const body = await res.json<Envelope>();
			expect(body.error.code).toBe("validation_failed");
			expect(body.error.issues?.map((i) => i.field)).toEqual(["slug"]);
			const check = await call(`/api/start/slug?slug=${encodeURIComponent(slug)}`);
			expect(check.status).toBe(400);
			expect((await check.json<Envelope>()).error.issues?.[0]?.field).toBe("slug");
		});
	}

	it("accepts 3 and 40 characters of a-z, digits and hyphens", { timeout: TIMEOUT }, async () => {
		for (const slug of [
			`a${crypto.randomUUID().slice(0, 2)}`,
			`x-${crypto.randomUUID().slice(0, 8)}`.padEnd(40, "9"),
		]) {
			const res = await call(`/api/start/slug?slug=${slug}`);
			expect(res.status, slug).toBe(200);
			expect(await res.json()).toEqual({ slug, available: true });
		}
	});

	it("suggests a slug from the company's name", () => {
		expect(suggestSlug("Acme Courier & Sons, Inc.")).toBe("acme-courier-sons-inc");
		expect(suggestSlug("Fontanería Núñez")).toBe("fontaneria-nunez");
		expect(suggestSlug("API")).toBe("api-fleet");
		expect(suggestSlug("   ")).toBe("");
	});

	it("names every bad field of a sign-up", { timeout: TIMEOUT }, async () => {
		const res = await postStart({
			company: "",
			email: "nobody",
			slug: "ok-slug",
			timezone: "Mars/Base",
			currency: "XXX",
			kind: "taxi",
		});
		expect(res.status).toBe(400);
		const fields = (await res.json<Envelope>()).error.issues?.map((i) => i.field).sort();
		expect(fields).toEqual(["company", "currency", "email", "kind", "timezone"]);
	});
});

describe("GET /api/start/slug", () => {
	it("says a slug is taken once a fleet has it, whatever the case typed at the other end", {
		timeout: TIMEOUT,
	}, async () => {
		const body = startBody();
		expect(await call(`/api/start/slug?slug=${body.slug}`).then((r) => r.json())).toEqual({
			slug: body.slug,
			available: true,
		});
		expect((await postStart(body)).status).toBe(202);
		expect(await call(`/api/start/slug?slug=${body.slug}`).then((r) => r.json())).toEqual({
			slug: body.slug,
			available: false,
		});
		expect(await call("/api/start/slug?slug=acme-courier").then((r) => r.status)).toBe(200);
	});
});

describe("POST /api/start", () => {
	it("answers 202 and emails a platform-branded link; the tenant waits in trial with its defaults", {
		timeout: TIMEOUT,
	}, async () => {
		const body = startBody({
			kind: "field_service",
			currency: "EUR",
			timezone: "Europe/Madrid",
			locale: "es",
		});
		const res = await postStart(body);
		expect(res.status).toBe(202);
		expect(await res.json()).toEqual({ ok: true });
		const [mail] = await outboxFor(body.email);
		expect(mail?.subject).toBe(`Confirma ${body.company} en Fleet Portal`);
		expect(mail?.text).toContain("/start/confirm#token=");
		expect(mail?.html).toContain("Fleet Portal");
		const row = await tenantRow(body.slug);
		expect(row?.status).toBe("trial");
		expect(JSON.parse(row?.settings ?? "{}")).toEqual({ jobKinds: ["service_call"], defaultLocale: "es" });
		const branding = await call(`/api/tenants/${body.slug}`).then((r) => r.json<Record<string, unknown>>());
		expect(branding).toMatchObject({
			name: body.company,
			timezone: "Europe/Madrid",
			currency: "EUR",
			jobKinds: ["service_call"],
			locale: "es",
			logoUrl: null,
			supportEmail: null,
			colors: FLEET_DEFAULTS.field_service.colors,
		});
		// No demo data: nothing but the owner.
		const counts = await (await shardOf(body.slug))
			.prepare(
				"SELECT (SELECT count(*) FROM accounts WHERE tenant_id = ?1) AS accounts, (SELECT count(*) FROM contacts WHERE tenant_id = ?1) AS contacts, (SELECT count(*) FROM jobs WHERE tenant_id = ?1) AS jobs, (SELECT count(*) FROM technicians WHERE tenant_id = ?1) AS technicians, (SELECT count(*) FROM staff WHERE tenant_id = ?1) AS staff",
			)
			.bind(row?.id)
			.first();
		expect(counts).toEqual({ accounts: 0, contacts: 0, jobs: 0, technicians: 0, staff: 1 });
	});

	it("starts every kind of fleet with colours that pass the contrast check", () => {
		for (const [kind, defaults] of Object.entries(FLEET_DEFAULTS)) {
			expect(brandContrastIssues(defaults.colors, ALL_COLORS), kind).toEqual([]);
		}
	});

	it("gives one slug to exactly one of two racing sign-ups; the other gets 409 slug_taken", {
		timeout: TIMEOUT,
	}, async () => {
		const slug = uniqueSlug("race");
		const answers = await Promise.all([postStart(startBody({ slug })), postStart(startBody({ slug }))]);
		expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
		const lost = answers.find((r) => r.status === 409);
		const envelope = await lost?.json<Envelope>();
		expect(envelope?.error.code).toBe("slug_taken");
		expect(envelope?.error.issues?.[0]?.field).toBe("slug");
		// One tenant of that slug on all the shards, and the directory naming it.
		const found = await Promise.all(
			SHARDS.map((shard) => shard.prepare("SELECT id FROM tenants WHERE slug = ?").bind(slug).all()),
		);
		const ids = found.flatMap((f) => f.results.map((r) => r.id));
		expect(ids).toHaveLength(1);
		const listed = await env.DB_0.prepare("SELECT tenant_id FROM shard_directory WHERE slug = ?")
			.bind(slug)
			.all();
		expect(listed.results.map((r) => r.tenant_id)).toEqual(ids);
		// Nothing of the loser is left behind.
		for (const shard of SHARDS) {
			const orphans = await shard
				.prepare("SELECT count(*) AS n FROM staff WHERE tenant_id NOT IN (SELECT id FROM tenants)")
				.first<{ n: number }>();
			expect(orphans?.n).toBe(0);
		}
	});

	it("refuses a throwaway mailbox with 400 naming email, and sends nothing", {
		timeout: TIMEOUT,
	}, async () => {
		for (const email of ["someone@mailinator.com", "someone@eu.yopmail.com"]) {
			const body = startBody({ email });
			const res = await postStart(body);
			expect(res.status).toBe(400);
			expect((await res.json<Envelope>()).error.issues?.map((i) => i.field)).toEqual(["email"]);
			expect(await tenantRow(body.slug)).toBeNull();
		}
	});

	it("limits sign-ups per IP: the sixth in an hour is 429 with Retry-After", {
		timeout: TIMEOUT,
	}, async () => {
		const ip = randomIp();
		for (let i = 0; i < 5; i++) expect((await postStart(startBody(), ip)).status).toBe(202);
		const body = startBody();
		const refused = await postStart(body, ip);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
		expect((await refused.json<Envelope>()).error.code).toBe("rate_limited");
		expect(await tenantRow(body.slug)).toBeNull();
		expect((await postStart(startBody())).status).toBe(202);
	});

	it("limits sign-ups per email domain, from any IP, but counts big mail providers per address", {
		timeout: TIMEOUT,
	}, async () => {
		const domain = `${crypto.randomUUID().slice(0, 8)}.example`;
		for (let i = 0; i < 3; i++)
			expect((await postStart(startBody({ email: `p${i}@${domain}` }))).status).toBe(202);
		expect((await postStart(startBody({ email: `p9@${domain}` }))).status).toBe(429);
		const gmail = `fleet.${crypto.randomUUID().slice(0, 8)}@gmail.com`;
		for (let i = 0; i < 3; i++)
			expect((await postStart(startBody({ email: `a${i}.${gmail}` }))).status).toBe(202);
	});
});

describe("POST /api/start/consume", () => {
	it("confirms: 201 the tenant and an admin session for its console; the link works once", {
		timeout: TIMEOUT,
	}, async () => {
		const { body, token } = await signUpToken();
		const res = await consumeStart(token);
		expect(res.status).toBe(201);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		const started = await res.json<{
			tenant: { slug: string; status: string };
			me: { role: string; email: string };
		}>();
		expect(started).toMatchObject({
			tenant: { slug: body.slug, name: body.company, status: "active" },
			me: { audience: "staff", role: "admin", email: body.email },
		});
		const cookie = res.headers.get("Set-Cookie")?.match(/__Host-session=[^;]+/)?.[0] ?? "";
		expect((await getMe(body.slug, cookie, "d")).status).toBe(200);
		expect((await tenantRow(body.slug))?.status).toBe("active");
		const again = await consumeStart(token);
		expect(again.status).toBe(401);
		expect((await again.json<Envelope>()).error.code).toBe("invalid_link");
	});

	it("sends the same unconfirmed owner a fresh link that replaces the old one; once confirmed the slug is taken", {
		timeout: TIMEOUT,
	}, async () => {
		const { body, token: first } = await signUpToken();
		const again = await postStart({ ...body, company: "Someone Else" });
		expect(again.status).toBe(202);
		const mails = await outboxFor(body.email);
		expect(mails).toHaveLength(2);
		const second = tokenFrom(mails[0]?.text ?? "");
		expect(second).not.toBe(first);
		expect((await consumeStart(first)).status).toBe(401);
		expect((await consumeStart(second)).status).toBe(201);
		const late = await postStart(body);
		expect(late.status).toBe(409);
		expect((await late.json<Envelope>()).error.code).toBe("slug_taken");
		const { results } = await (await shardOf(body.slug))
			.prepare("SELECT name FROM tenants WHERE slug = ?")
			.bind(body.slug)
			.all();
		expect(results).toEqual([{ name: body.company }]);
	});

	it("refuses an unknown token, and an ordinary console sign-in link, with 401", {
		timeout: TIMEOUT,
	}, async () => {
		expect((await consumeStart("x".repeat(43))).status).toBe(401);
		const { body } = await signUpToken();
		// The owner may sign in the ordinary way, but that link does not confirm the fleet.
		const cookie = await signIn(body.slug, body.email, "d");
		expect((await getMe(body.slug, cookie, "d")).status).toBe(200);
		expect((await tenantRow(body.slug))?.status).toBe("trial");
	});

	it("applies the trial send ceiling until the owner confirms, then lifts it", {
		timeout: TIMEOUT,
	}, async () => {
		const { body, token } = await signUpToken();
		const link = (n: number) => requestLink(body.slug, `c${n}@customer.example`, { ip: randomIp() });
		// The sign-up email is the platform's: it does not use the tenant's budget.
		for (let i = 0; i < TRIAL_SEND_CEILING_PER_HOUR; i++) expect((await link(i)).status).toBe(202);
		const refused = await link(99);
		expect(refused.status).toBe(429);
		expect((await consumeStart(token)).status).toBe(201);
		expect((await link(100)).status).toBe(202);
	});
});

describe("a new tenant's isolation", () => {
	it("lets the new admin see only its own records; foreign ids are 404", { timeout: TIMEOUT }, async () => {
		const other = await makeTenant();
		const otherContact = await makeContact(other, { email: "someone@other.example" });
		const otherJob = await makeJob(other, { customerEmail: "someone@other.example" });
		const fleet = await startedFleet();
		const slug = fleet.body.slug;
		expect((await send(`/api/d/${slug}/jobs/${otherJob.id}`, fleet.cookie)).status).toBe(404);
		expect((await send(`/api/d/${slug}/customers/contacts/${otherContact.id}`, fleet.cookie)).status).toBe(
			404,
		);
		expect((await send(`/api/d/${other.slug}/board`, fleet.cookie)).status).toBe(401);

		// What the new tenant creates stays its own.
		const created = await send(`/api/d/${slug}/customers/contacts`, fleet.cookie, "POST", {
			name: "First Client",
			email: "first@client.example",
			role: "booker",
		});
		expect(created.status).toBe(201);
		const contact = await created.json<{ id: string }>();
		const otherAdmin = await startedFleet();
		const otherSlug = otherAdmin.body.slug;
		expect(
			(await send(`/api/d/${otherSlug}/customers/contacts/${contact.id}`, otherAdmin.cookie)).status,
		).toBe(404);
		const list = await send(`/api/d/${otherSlug}/customers`, otherAdmin.cookie);
		expect(list.status).toBe(200);
		expect(JSON.stringify(await list.json())).not.toContain(contact.id);
	});

	it("opens the portal, console and technician app at once", { timeout: TIMEOUT }, async () => {
		const fleet = await startedFleet();
		const slug = fleet.body.slug;
		for (const area of ["c", "d", "t"]) {
			expect(
				(await postJson(`/api/${area}/${slug}/auth/link`, { email: "who@anyone.example" })).status,
				area,
			).toBe(202);
		}
		expect((await call(`/c/${slug}/manifest.webmanifest`)).status).toBe(200);
	});
});

describe("a suspended tenant", () => {
	it("answers 404 on every audience, signed in or not, until resumed", { timeout: TIMEOUT }, async () => {
		const fleet = await startedFleet();
		const slug = fleet.body.slug;
		const shard = await shardOf(slug);
		await shard.prepare("UPDATE tenants SET suspended_at = ? WHERE slug = ?").bind(Date.now(), slug).run();
		const answers = await Promise.all([
			call(`/api/tenants/${slug}`),
			postJson(`/api/c/${slug}/auth/link`, { email: "who@anyone.example" }),
			postJson(`/api/t/${slug}/auth/link`, { email: "who@anyone.example" }),
			send(`/api/d/${slug}/me`, fleet.cookie),
			send(`/api/d/${slug}/board`, fleet.cookie),
			call(`/c/${slug}/manifest.webmanifest`),
		]);
		expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
		await shard.prepare("UPDATE tenants SET suspended_at = NULL WHERE slug = ?").bind(slug).run();
		expect((await send(`/api/d/${slug}/me`, fleet.cookie)).status).toBe(200);
	});
});

describe("tenant usage", () => {
	it("counts requests and emails per tenant per day in memory and writes them in one batch", async () => {
		const a = await makeTenant();
		const b = await makeTenant();
		const tally = new UsageTally();
		const t0 = Date.parse("2026-12-02T10:00:00Z");
		expect(tally.count(a.id, t0), "the first count in an isolate flushes").toBe(true);
		await tally.flush(db, t0);
		expect(tally.count(a.id, t0 + 1000)).toBe(false);
		expect(tally.count(b.id, t0 + 2000)).toBe(false);
		expect(tally.count(b.id, t0 + 2500, "emails")).toBe(false);
		expect(tally.count(b.id, t0 + 2600, "emails")).toBe(false);
		expect(tally.count(a.id, t0 + 31_000), "30 s after the last flush").toBe(true);
		await tally.flush(db, t0 + 31_000);
		const rows = () =>
			env.DB.prepare(
				"SELECT tenant_id, day, requests, emails FROM tenant_usage_days WHERE tenant_id IN (?, ?) ORDER BY requests DESC",
			)
				.bind(a.id, b.id)
				.all()
				.then((r) => r.results);
		expect(await rows()).toEqual([
			{ tenant_id: a.id, day: "2026-12-02", requests: 3, emails: 0 },
			{ tenant_id: b.id, day: "2026-12-02", requests: 1, emails: 2 },
		]);
		// A hundred counts flush at once, whatever the time; a failed write keeps them for the next.
		for (let i = 0; i < 99; i++) expect(tally.count(b.id, t0 + 32_000, "emails")).toBe(false);
		expect(tally.count(b.id, t0 + 32_000, "emails"), "the hundredth count").toBe(true);
		const broken: typeof db = Object.create(db, {
			batch: { value: () => Promise.reject(new Error("D1 is away")) },
		});
		await expect(tally.flush(broken, t0 + 32_000)).rejects.toThrow("D1 is away");
		expect(await rows()).toEqual([
			{ tenant_id: a.id, day: "2026-12-02", requests: 3, emails: 0 },
			{ tenant_id: b.id, day: "2026-12-02", requests: 1, emails: 2 },
		]);
		await tally.flush(db, t0 + 33_000);
		expect(await rows()).toEqual([
			{ tenant_id: a.id, day: "2026-12-02", requests: 3, emails: 0 },
			{ tenant_id: b.id, day: "2026-12-02", requests: 1, emails: 102 },
		]);
	});

	it("counts each delivered email of a tenant, but not the platform's sign-up email", {
		timeout: TIMEOUT,
	}, async () => {
		const { body, token } = await signUpToken();
		const row = await tenantRow(body.slug);
		const shard = await shardOf(body.slug);
		const emails = () =>
			shard
				.prepare("SELECT coalesce(sum(emails), 0) AS n FROM tenant_usage_days WHERE tenant_id = ?")
				.bind(row?.id)
				.first<{ n: number }>()
				.then((r) => r?.n);
		// Counted in the isolate's tally of the tenant's shard, written when it is due: flushed
		// here so the figure can be read at once.
		const flushed = async () => {
			for (const n of [0, 1]) await usageTallyOf(n).flush(openShard(env, n), Date.now());
			return emails();
		};
		expect(await flushed()).toBe(0);
		expect((await consumeStart(token)).status).toBe(201);
		await emailedLink(body.slug, body.email, { area: "d" });
		expect(await flushed()).toBe(1);
	});
});
