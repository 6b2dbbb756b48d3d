import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configuredOrigin, linkOrigin } from "../../workers/app-origin";
import worker from "../../workers/index";
import { signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { makeContact, makeTenant } from "./fixtures";
import { BASE, type Envelope } from "./helpers";
import { auditEntries } from "./staff-helpers";

/** A request through the Worker with these variables, its background work awaited. */
async function callWith(vars: Record<string, string>, path: string, init: RequestInit = {}) {
	const ctx = createExecutionContext();
	const res = await worker.fetch(new Request(`${BASE}${path}`, init), { ...env, ...vars }, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

const linkRequest = (email: string): RequestInit => ({
	method: "POST",
	headers: { "Content-Type": "application/json", "CF-Connecting-IP": "192.0.2.77" },
	body: JSON.stringify({ email }),
});

/** Stands in for Resend, recording what would have been sent. */
function fakeResend() {
	const sent: Array<{ text: string }> = [];
	vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
		if (String(input instanceof Request ? input.url : input).startsWith("https://api.resend.com/")) {
			sent.push(JSON.parse(String(init?.body)) as { text: string });
			return Response.json({ id: "email_1" });
		}
		throw new Error(`unexpected fetch of ${String(input)}`);
	});
	return sent;
}

afterEach(() => vi.restoreAllMocks());

describe("linkOrigin", () => {
	it("is APP_ORIGIN as an origin, and the request's own only in development", () => {
		const url = "https://evil.example/api/c/acme/auth/link";
		vi.spyOn(console, "error").mockImplementation(() => undefined);
		expect(linkOrigin({ ENVIRONMENT: "production", APP_ORIGIN: "https://portal.example.com/" }, url)).toBe(
			"https://portal.example.com",
		);
		expect(linkOrigin({ ENVIRONMENT: "development", APP_ORIGIN: "" }, url)).toBe("https://evil.example");
		expect(linkOrigin({ ENVIRONMENT: "production", APP_ORIGIN: "" }, url)).toBeNull();
		expect(linkOrigin({ ENVIRONMENT: "staging", APP_ORIGIN: "portal.example.com" }, url)).toBeNull();
		expect(configuredOrigin({ ENVIRONMENT: "production", APP_ORIGIN: "javascript:alert(1)" })).toBeNull();
	});
});

describe("outside development without APP_ORIGIN", () => {
	const production = { ENVIRONMENT: "production", APP_ORIGIN: "", RESEND_API_KEY: "re_test" };

	it("sends no sign-in link built from the Host header, and says why in the log", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "host@firm.example" });
		const sent = fakeResend();
		const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

		const res = await callWith(
			production,
			`/api/c/${tenant.slug}/auth/link`,
			linkRequest("host@firm.example"),
		);
		expect(res.status).toBe(202);
		expect(sent).toEqual([]);
		expect(logged.mock.calls.map((call) => String(call[0]))).toContainEqual(
			expect.stringContaining("APP_ORIGIN is not configured"),
		);
		const [audit] = await auditEntries(tenant.id, "auth.link_not_sent");
		expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ reason: "app_origin_not_configured" });
		const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM sign_in_tokens WHERE tenant_id = ?")
			.bind(tenant.id)
			.first<{ n: number }>()) ?? { n: -1 };
		expect(n).toBe(0);
	});

	it("sends the link on APP_ORIGIN once it is configured, whatever the Host", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "set@firm.example" });
		const sent = fakeResend();
		const configured = { ...production, APP_ORIGIN: "https://portal.example.com" };
		const res = await callWith(
			configured,
			`/api/c/${tenant.slug}/auth/link`,
			linkRequest("set@firm.example"),
		);
		expect(res.status).toBe(202);
		expect(sent).toHaveLength(1);
		expect(sent[0]?.text).toContain(`https://portal.example.com/c/${tenant.slug}/`);
		expect(sent[0]?.text).not.toContain(BASE);
	});

	it("refuses to make a tracking link with a 503 envelope, and makes none", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "share@firm.example" });
		const cookie = await signIn(tenant.slug, "share@firm.example");
		const job = await (await book(tenant.slug, cookie, pickupBody())).json<{ id: string }>();
		vi.spyOn(console, "error").mockImplementation(() => undefined);

		const res = await callWith(production, `/api/c/${tenant.slug}/jobs/${job.id}/tracking-links`, {
			method: "POST",
			headers: { Cookie: cookie },
		});
		expect(res.status).toBe(503);
		expect((await res.json<Envelope>()).error.code).toBe("not_configured");
		const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM tracking_links WHERE job_id = ?")
			.bind(job.id)
			.first<{ n: number }>();
		expect(row?.n).toBe(0);
	});
});
