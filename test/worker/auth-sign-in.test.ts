import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { codeFrom, emailedLink, getMe, postJson, sessionCookieFrom, tokenFrom } from "./auth-helpers";
import { makeContact, makeJob, makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";

const linkEmail = (slug: string, email: string) => emailedLink(slug, email);

const consume = (slug: string, token: string) => postJson(`/api/c/${slug}/auth/consume`, { token });

describe("POST /api/c/:slug/auth/consume", () => {
	it("is never consumed by GET or HEAD of the link page", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "look@firm.example" });
		const mail = await linkEmail(tenant.slug, "look@firm.example");
		const token = tokenFrom(mail.text);
		// The link opens a static page (served by Workers Static Assets, never the Worker) …
		const page = `https://portal.test/c/${tenant.slug}/sign-in/verify`;
		for (let i = 0; i < 3; i++) {
			expect((await env.ASSETS.fetch(page)).status).toBe(200);
			expect((await env.ASSETS.fetch(page, { method: "HEAD" })).status).toBe(200);
			// … and reading the consume endpoint with the token does nothing either.
			const consumeUrl = `/api/c/${tenant.slug}/auth/consume?token=${token}`;
			expect((await call(consumeUrl)).status).toBe(404);
			expect((await call(consumeUrl, { method: "HEAD" })).status).toBe(404);
		}
		const res = await consume(tenant.slug, token);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ audience: "customer", email: "look@firm.example" });
	});

	it("gives exactly one session to 20 racing consumes of one token", async () => {
		const tenant = await makeTenant();
		const contact = await makeContact(tenant, { email: "race@firm.example" });
		const token = tokenFrom((await linkEmail(tenant.slug, "race@firm.example")).text);
		const answers = await Promise.all(Array.from({ length: 20 }, () => consume(tenant.slug, token)));
		expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(401)]);
		const sessions = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE subject_id = ?")
			.bind(contact.id)
			.first<{ n: number }>();
		expect(sessions?.n).toBe(1);
	});

	it("refuses a token a second time", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "twice@firm.example" });
		const token = tokenFrom((await linkEmail(tenant.slug, "twice@firm.example")).text);
		expect((await consume(tenant.slug, token)).status).toBe(200);
		const again = await consume(tenant.slug, token);
		expect(again.status).toBe(401);
		expect((await again.json<Envelope>()).error.code).toBe("invalid_link");
	});

	it("refuses a token after its 10 minutes", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "late@firm.example" });
		const token = tokenFrom((await linkEmail(tenant.slug, "late@firm.example")).text);
		const row = await env.DB.prepare("SELECT created_at, expires_at FROM sign_in_tokens WHERE tenant_id = ?")
			.bind(tenant.id)
			.first<{ created_at: number; expires_at: number }>();
		expect((row?.expires_at ?? 0) - (row?.created_at ?? 0)).toBe(10 * 60_000);
		await env.DB.prepare("UPDATE sign_in_tokens SET expires_at = ? WHERE tenant_id = ?")
			.bind(Date.now() - 1, tenant.id)
			.run();
		expect((await consume(tenant.slug, token)).status).toBe(401);
	});

	it("refuses tenant A's token at tenant B and leaves it usable at A", async () => {
		const a = await makeTenant();
		const b = await makeTenant();
		await makeContact(a, { email: "shared@firm.example" });
		await makeContact(b, { email: "shared@firm.example" });
		const token = tokenFrom((await linkEmail(a.slug, "shared@firm.example")).text);
		expect((await consume(b.slug, token)).status).toBe(401);
		expect((await postJson(`/api/d/${a.slug}/auth/consume`, { token })).status).toBe(401);
		expect((await consume(a.slug, token)).status).toBe(200);
	});

	it("stores only hashes of the token and code", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "hash@firm.example" });
		const mail = await linkEmail(tenant.slug, "hash@firm.example");
		const token = tokenFrom(mail.text);
		expect(token.length).toBeGreaterThanOrEqual(22); // ≥128 bits in base64url
		const row = await env.DB.prepare("SELECT * FROM sign_in_tokens WHERE tenant_id = ?")
			.bind(tenant.id)
			.first();
		expect(JSON.stringify(row)).not.toContain(token);
		expect(JSON.stringify(row)).not.toContain(codeFrom(mail.text));
	});

	it("creates a profile on first sign-in for an address known from jobs, in no account", async () => {
		const tenant = await makeTenant();
		await makeJob(tenant, { customerEmail: " Fresh@Example.com ", customerName: "Fresh Customer" });
		const token = tokenFrom((await linkEmail(tenant.slug, "fresh@example.com")).text);
		const res = await consume(tenant.slug, token);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			name: "Fresh Customer",
			email: "fresh@example.com",
			accountName: null,
		});
	});

	it("refuses a body that is not a JSON object, and malformed JSON", async () => {
		const tenant = await makeTenant();
		for (const body of ["[]", '"token"', "null", "42"]) {
			const res = await call(`/api/c/${tenant.slug}/auth/consume`, {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body,
			});
			expect(res.status, body).toBe(400);
			expect((await res.json<Envelope>()).error.code).toBe("validation_failed");
		}
		const broken = await call(`/api/c/${tenant.slug}/auth/consume`, {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: '{"token": ',
		});
		expect(broken.status).toBe(400);
		expect((await broken.json<Envelope>()).error.code).toBe("invalid_json");
	});
});

describe("POST /api/c/:slug/auth/code", () => {
	const byCode = (slug: string, email: string, code: string) =>
		postJson(`/api/c/${slug}/auth/code`, { email, code });

	it("signs in with the 6-digit code from the email, spaces allowed", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "code@firm.example", name: "Cody" });
		const mail = await linkEmail(tenant.slug, "code@firm.example");
		const code = codeFrom(mail.text);
		expect(code).toMatch(/^\d{6}$/);
		const res = await byCode(tenant.slug, "Code@Firm.example", `${code.slice(0, 3)} ${code.slice(3)}`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ name: "Cody" });
		expect((await getMe(tenant.slug, sessionCookieFrom(res))).status).toBe(200);
		// The code and the link are one sign-in: using one uses both.
		expect((await consume(tenant.slug, tokenFrom(mail.text))).status).toBe(401);
	});

	it("voids the sign-in after 5 wrong codes, even for the right one", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "guess@firm.example" });
		const code = codeFrom((await linkEmail(tenant.slug, "guess@firm.example")).text);
		const wrong = code === "000000" ? "111111" : "000000";
		for (let i = 0; i < 5; i++) {
			const res = await byCode(tenant.slug, "guess@firm.example", wrong);
			expect(res.status).toBe(401);
			expect((await res.json<Envelope>()).error.code).toBe("invalid_code");
		}
		expect((await byCode(tenant.slug, "guess@firm.example", code)).status).toBe(401);
	});

	it("answers an unknown address like a wrong code", async () => {
		const tenant = await makeTenant();
		const res = await byCode(tenant.slug, "who@firm.example", "123456");
		expect(res.status).toBe(401);
		expect((await res.json<Envelope>()).error.code).toBe("invalid_code");
	});

	it("names the field of a malformed code", async () => {
		const tenant = await makeTenant();
		const res = await byCode(tenant.slug, "a@firm.example", "12ab");
		expect(res.status).toBe(400);
		expect((await res.json<Envelope>()).error.issues?.map((i) => i.field)).toEqual(["code"]);
	});
});
