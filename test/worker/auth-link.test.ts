import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
	EMAIL_DAILY_LIMIT,
	EMAIL_SHORT_LIMIT,
	sendLimitsFor,
} from "../../workers/domain/sign-in/send-limits";
import { emailedLink, outboxFor, requestLink, requestLinkToCompletion } from "./auth-helpers";
import { makeContact, makeJob, makeStaff, makeTenant, randomIp } from "./fixtures";
import type { Envelope } from "./helpers";

// The D1 bookmark names the shard's position after the request (every tenant's writes advance
// it), not anything about the address asked for.
const HEADERS_THAT_MAY_DIFFER = new Set(["date", "cf-ray", "set-cookie", "x-d1-bookmark"]);

async function snapshot(res: Response) {
	const headers = [...res.headers.entries()].filter(([k]) => !HEADERS_THAT_MAY_DIFFER.has(k));
	return { status: res.status, body: await res.text(), headers };
}

describe("POST /api/c/:slug/auth/link", () => {
	it("answers known, unknown and blocked addresses identically, and emails only the known one", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "known@firm.example" });
		await makeContact(tenant, { email: "blocked@firm.example", blocked: true });
		const ip = randomIp();
		const link = (email: string) => requestLinkToCompletion(tenant.slug, email, { ip });
		const known = await snapshot(await link("known@firm.example"));
		const unknown = await snapshot(await link("nobody@firm.example"));
		const blocked = await snapshot(await link("blocked@firm.example"));
		expect(known).toEqual({ status: 202, body: '{"ok":true}', headers: expect.any(Array) });
		expect(unknown).toEqual(known);
		expect(blocked).toEqual(known);
		expect(await outboxFor("known@firm.example")).toHaveLength(1);
		expect(await outboxFor("nobody@firm.example")).toHaveLength(0);
		expect(await outboxFor("blocked@firm.example")).toHaveLength(0);
	});

	it("emails an address known only as the customer email of a job, matched on the normalized form", async () => {
		const tenant = await makeTenant();
		await makeJob(tenant, { customerEmail: "  Walk.In@Example.COM " });
		const mail = await emailedLink(tenant.slug, "walk.in@example.com");
		expect(mail.subject).toContain(tenant.name);
		expect(mail.text).toMatch(/#token=/);
		expect(mail.html).toContain(tenant.name);
	});

	it("emails unknown addresses only when the tenant allows self-signup", async () => {
		const open = await makeTenant({ allowSelfSignup: true });
		const closed = await makeTenant();
		expect((await requestLinkToCompletion(open.slug, "new@person.example")).status).toBe(202);
		expect((await requestLinkToCompletion(closed.slug, "new2@person.example")).status).toBe(202);
		expect(await outboxFor("new@person.example")).toHaveLength(1);
		expect(await outboxFor("new2@person.example")).toHaveLength(0);
	});

	it("keeps areas apart: a staff address gets no customer email, and vice versa", async () => {
		const tenant = await makeTenant();
		await makeStaff(tenant, "dispatch@fleet.example");
		await makeContact(tenant, { email: "client@firm.example" });
		expect((await requestLinkToCompletion(tenant.slug, "dispatch@fleet.example", { area: "c" })).status).toBe(
			202,
		);
		expect((await requestLinkToCompletion(tenant.slug, "client@firm.example", { area: "d" })).status).toBe(
			202,
		);
		expect(await outboxFor("dispatch@fleet.example")).toHaveLength(0);
		expect(await outboxFor("client@firm.example")).toHaveLength(0);
		const mail = await emailedLink(tenant.slug, "dispatch@fleet.example", { area: "d" });
		expect(mail.text).toContain(`/d/${tenant.slug}/sign-in/verify#token=`);
	});

	it("sends the email to the address as typed, with the tenant's link", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "mixed@firm.example" });
		expect((await requestLinkToCompletion(tenant.slug, "  Mixed@Firm.example ")).status).toBe(202);
		const [mail] = await outboxFor("Mixed@Firm.example");
		if (!mail) throw new Error("nothing was sent to the address as typed");
		expect(mail.text).toContain(`https://portal.test/c/${tenant.slug}/sign-in/verify#token=`);
	});

	it.each([
		["an empty string", ""],
		["a quoted local part", '"bob smith"@firm.example'],
		["two addresses", "a@firm.example, b@firm.example"],
		["two addresses with a semicolon", "a@firm.example;b@firm.example"],
		["a control character", "bob\u0007@firm.example"],
		["a full-width @", "bob\uff20firm.example"],
		["no domain", "bob@"],
		["over 254 characters", `${"a".repeat(64)}@${"b".repeat(190)}.example`],
	])("refuses %s with 400 naming the email field", async (_, email) => {
		const tenant = await makeTenant();
		const res = await requestLink(tenant.slug, email);
		expect(res.status).toBe(400);
		const body = await res.json<Envelope>();
		expect(body.error.code).toBe("validation_failed");
		expect(body.error.issues?.map((i) => i.field)).toEqual(["email"]);
	});

	it("answers 404 for an unknown tenant", async () => {
		expect((await requestLink("no-such-tenant", "a@b.example")).status).toBe(404);
	});
});

describe("send limits", () => {
	it("allows 3 sends per address per 15 minutes, then 429 with Retry-After, unknown addresses alike", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "busy@firm.example" });
		for (const email of ["busy@firm.example", "ghost@firm.example"]) {
			for (let i = 0; i < 3; i++)
				expect((await requestLink(tenant.slug, email, { ip: randomIp() })).status).toBe(202);
			const refused = await requestLink(tenant.slug, email, { ip: randomIp() });
			expect(refused.status).toBe(429);
			const retryAfter = Number(refused.headers.get("Retry-After"));
			expect(retryAfter).toBeGreaterThan(14 * 60);
			expect(retryAfter).toBeLessThanOrEqual(15 * 60);
			const body = await refused.json<Envelope>();
			expect(body.error.code).toBe("rate_limited");
		}
	});

	it("counts the address on its normalized form", async () => {
		const tenant = await makeTenant();
		for (const typed of ["Case@Firm.example", " case@firm.example", "CASE@FIRM.EXAMPLE"]) {
			expect((await requestLink(tenant.slug, typed)).status).toBe(202);
		}
		expect((await requestLink(tenant.slug, "case@firm.example")).status).toBe(429);
	});

	it("allows 20 sends per client IP per hour", async () => {
		const tenant = await makeTenant();
		const ip = randomIp();
		for (let i = 0; i < 20; i++) {
			expect((await requestLink(tenant.slug, `person${i}@firm.example`, { ip })).status).toBe(202);
		}
		expect((await requestLink(tenant.slug, "one.more@firm.example", { ip })).status).toBe(429);
		expect((await requestLink(tenant.slug, "one.more@firm.example", { ip: randomIp() })).status).toBe(202);
	});

	it("applies the tenant's configured hourly ceiling", async () => {
		const tenant = await makeTenant({ sendCeilingPerHour: 2 });
		expect((await requestLink(tenant.slug, "a@x.example", { ip: randomIp() })).status).toBe(202);
		expect((await requestLink(tenant.slug, "b@x.example", { ip: randomIp() })).status).toBe(202);
		expect((await requestLink(tenant.slug, "c@x.example", { ip: randomIp() })).status).toBe(429);
		const other = await makeTenant({ sendCeilingPerHour: 2 });
		expect((await requestLink(other.slug, "c@x.example", { ip: randomIp() })).status).toBe(202);
	});

	it("keeps its counters across an eviction of the tenant's Durable Object", async () => {
		const tenant = await makeTenant();
		for (let i = 0; i < 3; i++)
			expect((await requestLink(tenant.slug, "evict@firm.example")).status).toBe(202);
		const stub = env.TENANT_GATE.get(env.TENANT_GATE.idFromName(tenant.id));
		await evictDurableObject(stub);
		expect((await requestLink(tenant.slug, "evict@firm.example")).status).toBe(429);
	});

	it("resets each window: 15 minutes for the short limit, a day for the daily one", async () => {
		const stub = env.TENANT_GATE.get(env.TENANT_GATE.idFromName(crypto.randomUUID()));
		const limits = sendLimitsFor({
			emailNormalized: "w@x.example",
			ip: "192.0.2.9",
			tenantCeilingPerHour: 500,
		});
		const t0 = Date.UTC(2026, 0, 1);
		let t = t0;
		let sent = 0;
		// Three per quarter hour until the daily ten are used.
		while (sent < EMAIL_DAILY_LIMIT.max) {
			for (let i = 0; i < EMAIL_SHORT_LIMIT.max && sent < EMAIL_DAILY_LIMIT.max; i++, sent++) {
				expect(await stub.claimSend(limits, t + i)).toEqual({ allowed: true });
			}
			const refused = await stub.claimSend(limits, t + 5);
			expect(refused.allowed).toBe(false);
			t += EMAIL_SHORT_LIMIT.windowMs + 10;
		}
		const daily = await stub.claimSend(limits, t);
		expect(daily.allowed).toBe(false);
		if (!daily.allowed) expect(daily.retryAfterSeconds).toBeGreaterThan(20 * 3600);
		expect(await stub.claimSend(limits, t0 + EMAIL_DAILY_LIMIT.windowMs + 1)).toEqual({ allowed: true });
		const stored = await runInDurableObject(stub, (_, state) =>
			state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM send_events").one(),
		);
		expect(stored.n).toBeGreaterThan(0);
	});
});
