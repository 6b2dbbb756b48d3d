import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getMe, postJson, requestLinkToCompletion, signIn } from "./auth-helpers";
import { makeAccount, makeContact, makeStaff, makeTechnician, makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";

const HOUR = 3_600_000;

describe("the session cookie", () => {
	it("is __Host-session: Secure, HttpOnly, SameSite=Lax, Path=/, 30 days", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "cookie@firm.example" });
		// An earlier link, never used, does not stand in the way.
		await requestLinkToCompletion(tenant.slug, "cookie@firm.example");
		const cookie = await signIn(tenant.slug, "cookie@firm.example");
		expect(cookie).toMatch(/^__Host-session=[A-Za-z0-9_-]{22,}$/);
	});

	it("carries all the attributes", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "attrs@firm.example" });
		const { emailedLink, outboxFor, tokenFrom } = await import("./auth-helpers");
		const mail = await emailedLink(tenant.slug, "attrs@firm.example");
		expect((await outboxFor("attrs@firm.example")).length).toBe(1);
		const res = await postJson(`/api/c/${tenant.slug}/auth/consume`, { token: tokenFrom(mail.text) });
		const setCookie = res.headers.get("Set-Cookie") ?? "";
		expect(setCookie).toMatch(/^__Host-session=/);
		expect(setCookie).toMatch(/; Secure/);
		expect(setCookie).toMatch(/; HttpOnly/);
		expect(setCookie).toMatch(/; SameSite=Lax/);
		expect(setCookie).toMatch(/; Path=\//);
		expect(setCookie).toMatch(/; Max-Age=2592000/);
		expect(setCookie).not.toMatch(/Domain=/i);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
	});

	it("is a new id at every sign-in, stored only hashed", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "again@firm.example" });
		const first = await signIn(tenant.slug, "again@firm.example");
		const second = await signIn(tenant.slug, "again@firm.example");
		expect(first).not.toBe(second);
		const { results } = await env.DB.prepare("SELECT id_hash FROM sessions WHERE tenant_id = ?")
			.bind(tenant.id)
			.all();
		expect(results).toHaveLength(2);
		for (const cookie of [first, second]) expect(JSON.stringify(results)).not.toContain(cookie.split("=")[1]);
	});
});

describe("GET /api/c/:slug/me", () => {
	it("answers the signed-in contact with their account, and 401 without a cookie", async () => {
		const tenant = await makeTenant();
		const account = await makeAccount(tenant, "Hartwell & Pine");
		await makeContact(tenant, {
			email: "me@firm.example",
			name: "Mia",
			accountId: account.id,
			role: "admin",
		});
		const cookie = await signIn(tenant.slug, "me@firm.example");
		const res = await getMe(tenant.slug, cookie);
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		expect(await res.json()).toMatchObject({
			audience: "customer",
			name: "Mia",
			email: "me@firm.example",
			role: "admin",
			accountName: "Hartwell & Pine",
		});
		const anonymous = await call(`/api/c/${tenant.slug}/me`);
		expect(anonymous.status).toBe(401);
		expect((await anonymous.json<Envelope>()).error.code).toBe("unauthorized");
	});

	it("answers 401 for a session of tenant A presented under tenant B, for the same email", async () => {
		const a = await makeTenant();
		const b = await makeTenant();
		await makeContact(a, { email: "same@firm.example", name: "A person" });
		await makeContact(b, { email: "same@firm.example", name: "B person" });
		const cookieA = await signIn(a.slug, "same@firm.example");
		expect((await getMe(b.slug, cookieA)).status).toBe(401);
		const cookieB = await signIn(b.slug, "same@firm.example");
		const meA = await (await getMe(a.slug, cookieA)).json<{ id: string; name: string }>();
		const meB = await (await getMe(b.slug, cookieB)).json<{ id: string; name: string }>();
		expect(meA.name).toBe("A person");
		expect(meB.name).toBe("B person");
		expect(meA.id).not.toBe(meB.id);
	});

	it("ends a session idle for 14 days", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "idle@firm.example" });
		const cookie = await signIn(tenant.slug, "idle@firm.example");
		await env.DB.prepare("UPDATE sessions SET last_seen_at = ? WHERE tenant_id = ?")
			.bind(Date.now() - 14 * 24 * HOUR - 1000, tenant.id)
			.run();
		expect((await getMe(tenant.slug, cookie)).status).toBe(401);
		const left = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE tenant_id = ?")
			.bind(tenant.id)
			.first();
		expect(left?.n).toBe(0);
	});

	it("keeps a session used within 14 days alive, up to its absolute 30 days", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "abs@firm.example" });
		const cookie = await signIn(tenant.slug, "abs@firm.example");
		await env.DB.prepare("UPDATE sessions SET last_seen_at = ? WHERE tenant_id = ?")
			.bind(Date.now() - 13 * 24 * HOUR, tenant.id)
			.run();
		expect((await getMe(tenant.slug, cookie)).status).toBe(200);
		await env.DB.prepare("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE tenant_id = ?")
			.bind(Date.now(), Date.now() - 1, tenant.id)
			.run();
		expect((await getMe(tenant.slug, cookie)).status).toBe(401);
	});

	it("ends the session of a contact blocked after signing in", async () => {
		const tenant = await makeTenant();
		const contact = await makeContact(tenant, { email: "soon.blocked@firm.example" });
		const cookie = await signIn(tenant.slug, "soon.blocked@firm.example");
		await env.DB.prepare("UPDATE contacts SET blocked_at = ? WHERE id = ?")
			.bind(Date.now(), contact.id)
			.run();
		const refused = await getMe(tenant.slug, cookie);
		expect(refused.status).toBe(403);
		expect((await refused.json<Envelope>()).error.code).toBe("customer_blocked");
		// The session is gone, not merely refused.
		expect((await getMe(tenant.slug, cookie)).status).toBe(401);
	});
});

describe("areas", () => {
	it("lets each role reach only its own API; any other is 403", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "cust@firm.example" });
		await makeStaff(tenant, "staff@fleet.example", "Stella Staff");
		await makeTechnician(tenant, "tech@fleet.example", "Theo Tech");
		const customer = await signIn(tenant.slug, "cust@firm.example", "c");
		const staff = await signIn(tenant.slug, "staff@fleet.example", "d");
		const tech = await signIn(tenant.slug, "tech@fleet.example", "t");
		const cases: Array<[string, "c" | "d" | "t", number]> = [
			[customer, "c", 200],
			[customer, "d", 403],
			[customer, "t", 403],
			[staff, "d", 200],
			[staff, "c", 403],
			[staff, "t", 403],
			[tech, "t", 200],
			[tech, "c", 403],
			[tech, "d", 403],
		];
		for (const [cookie, area, status] of cases) {
			expect((await getMe(tenant.slug, cookie, area)).status, `${cookie.slice(15, 20)} at /api/${area}`).toBe(
				status,
			);
		}
		expect(await (await getMe(tenant.slug, staff, "d")).json()).toMatchObject({
			audience: "staff",
			name: "Stella Staff",
		});
		expect(await (await getMe(tenant.slug, tech, "t")).json()).toMatchObject({
			audience: "technician",
			name: "Theo Tech",
		});
	});
});

describe("POST /api/c/:slug/auth/logout", () => {
	it("deletes the session server-side, clears the cookie and site data; the old cookie is then 401", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "bye@firm.example" });
		const cookie = await signIn(tenant.slug, "bye@firm.example");
		const res = await postJson(`/api/c/${tenant.slug}/auth/logout`, {}, { Cookie: cookie });
		expect(res.status).toBe(204);
		expect(res.headers.get("Clear-Site-Data")).toContain('"cookies"');
		expect(res.headers.get("Set-Cookie")).toMatch(/__Host-session=;.*Max-Age=0/);
		expect((await getMe(tenant.slug, cookie)).status).toBe(401);
	});

	it("signs out everywhere: every session of that person ends, others stay", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "many@firm.example" });
		await makeContact(tenant, { email: "other@firm.example" });
		const phone = await signIn(tenant.slug, "many@firm.example");
		const laptop = await signIn(tenant.slug, "many@firm.example");
		const someoneElse = await signIn(tenant.slug, "other@firm.example");
		expect(
			(await postJson(`/api/c/${tenant.slug}/auth/logout-everywhere`, {}, { Cookie: phone })).status,
		).toBe(204);
		expect((await getMe(tenant.slug, phone)).status).toBe(401);
		expect((await getMe(tenant.slug, laptop)).status).toBe(401);
		expect((await getMe(tenant.slug, someoneElse)).status).toBe(200);
	});
});

describe("audit log", () => {
	it("records sends, refusals, sign-ins, failed codes and sign-outs with IP and user agent", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "audit@firm.example" });
		const cookie = await signIn(tenant.slug, "audit@firm.example");
		await postJson(`/api/c/${tenant.slug}/auth/code`, { email: "audit@firm.example", code: "000000" });
		// Sends are audited after the answer; these resolve once they are.
		for (let i = 0; i < 3; i++) await requestLinkToCompletion(tenant.slug, "audit@firm.example");
		await postJson(
			`/api/c/${tenant.slug}/auth/logout`,
			{},
			{ Cookie: cookie, "User-Agent": "TestBrowser/1" },
		);
		const { results } = await env.DB.prepare(
			"SELECT action, ip, user_agent FROM audit_log WHERE tenant_id = ? ORDER BY created_at",
		)
			.bind(tenant.id)
			.all<{ action: string; ip: string; user_agent: string | null }>();
		const actions = results.map((r) => r.action);
		for (const action of [
			"auth.link_sent",
			"auth.signed_in",
			"auth.code_failed",
			"auth.link_refused",
			"auth.signed_out",
		]) {
			expect(actions).toContain(action);
		}
		expect(results.every((r) => r.ip === "192.0.2.1")).toBe(true);
		expect(results.find((r) => r.action === "auth.signed_out")?.user_agent).toBe("TestBrowser/1");
	});
});

describe("cross-site requests", () => {
	it.each([
		["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" }],
		["a foreign Origin", { Origin: "https://evil.example", "Content-Type": "application/json" }],
		["a form content type", { "Content-Type": "application/x-www-form-urlencoded" }],
		["a text content type", { "Content-Type": "text/plain" }],
	])("refuses %s with 403", async (_, headers) => {
		const tenant = await makeTenant();
		const res = await call(`/api/c/${tenant.slug}/auth/link`, {
			method: "POST",
			headers,
			body: JSON.stringify({ email: "a@b.example" }),
		});
		expect(res.status).toBe(403);
		expect((await res.json<Envelope>()).error.code).toBe("cross_site_request");
	});

	it("accepts same-origin JSON", async () => {
		const tenant = await makeTenant();
		const res = await call(`/api/c/${tenant.slug}/auth/link`, {
			method: "POST",
			headers: {
				Origin: "https://portal.test",
				"Sec-Fetch-Site": "same-origin",
				"Content-Type": "application/json",
			},
			body: JSON.stringify({ email: "a@b.example" }),
		});
		expect(res.status).toBe(202);
	});
});
