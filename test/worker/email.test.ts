import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as schema from "../../schema";
import type { AppEnv } from "../../workers/app-env";
import { outboxSender } from "../../workers/email/outbox";
import { resendSender } from "../../workers/email/resend";
import { createEmailSender } from "../../workers/email/sender";
import { signInEmail } from "../../workers/email/templates/sign-in";
import type { OutgoingEmail } from "../../workers/email/types";
import { respondToError } from "../../workers/errors";
import { database } from "../../workers/middleware/database";
import { devRoutes } from "../../workers/routes/dev";
import { call, type Envelope } from "./helpers";

afterEach(() => {
	vi.restoreAllMocks();
});

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
	return {
		tenantId: "ten_test",
		to: "pat@clinic.example",
		subject: "Your sign-in link for Acme Courier",
		text: "Sign in: https://portal.test/c/acme/auth?token=abc",
		html: "<p>Sign in</p>",
		idempotencyKey: `signin_${crypto.randomUUID()}`,
		...overrides,
	};
}

/** A fetch that answers from a script, one entry per call, and records each request. */
function scriptedFetch(...script: Array<Response | Error>): { fetch: typeof fetch; requests: Request[] } {
	const requests: Request[] = [];
	const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
		requests.push(new Request(input, init));
		const next = script[Math.min(requests.length, script.length) - 1];
		if (next === undefined) throw new Error("fake fetch: empty script");
		if (next instanceof Error) throw next;
		return next.clone();
	};
	return { fetch, requests };
}

function recordingSleep() {
	const delays: number[] = [];
	const sleep = async (ms: number) => {
		delays.push(ms);
	};
	return { delays, sleep };
}

const accepted = () => Response.json({ id: "re_123" }, { status: 200 });
const failing = (status: number, headers: Record<string, string> = {}) =>
	Response.json({ statusCode: status, name: "error", message: "nope" }, { status, headers });

/**
 * The official `resend` SDK, run here in workerd as the Worker runs it (no nodejs_compat): it
 * calls the global fetch, which these tests replace with a script.
 */
function stubFetch(...script: Array<Response | Error>) {
	const scripted = scriptedFetch(...script);
	vi.stubGlobal("fetch", scripted.fetch);
	return scripted;
}

describe("resendSender (the resend SDK)", () => {
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it("posts the email with the key, the idempotency key, the headers and the JSON body", async () => {
		const resend = stubFetch(accepted());
		const send = resendSender({ apiKey: "re_test_key", from: "Fleet Portal <portal@example.com>" });

		const result = await send(
			email({
				idempotencyKey: "signin_fixed",
				headers: { "List-Unsubscribe": "<https://portal.test/api/unsubscribe/t>" },
			}),
		);

		expect(result).toEqual({ delivered: true });
		expect(resend.requests).toHaveLength(1);
		const request = resend.requests[0] as Request;
		expect(request.method).toBe("POST");
		expect(request.url).toBe("https://api.resend.com/emails");
		expect(request.headers.get("Authorization")).toBe("Bearer re_test_key");
		expect(request.headers.get("Idempotency-Key")).toBe("signin_fixed");
		expect(await request.json()).toEqual(
			expect.objectContaining({
				from: "Fleet Portal <portal@example.com>",
				to: ["pat@clinic.example"],
				subject: "Your sign-in link for Acme Courier",
				html: "<p>Sign in</p>",
				text: "Sign in: https://portal.test/c/acme/auth?token=abc",
				headers: { "List-Unsubscribe": "<https://portal.test/api/unsubscribe/t>" },
			}),
		);
	});

	it("retries a 429 and a 5xx with backoff, then delivers", async () => {
		vi.spyOn(console, "error").mockImplementation(() => undefined);
		const resend = stubFetch(failing(429), failing(503), accepted());
		const { delays, sleep } = recordingSleep();
		const send = resendSender({ apiKey: "k", from: "f@example.com", sleep });

		expect(await send(email())).toEqual({ delivered: true });
		expect(resend.requests).toHaveLength(3);
		expect(delays).toHaveLength(2);
	});

	it("gives up after maxAttempts, logging the recipient's domain only", async () => {
		const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
		const resend = stubFetch(failing(503));
		const send = resendSender({ apiKey: "k", from: "f@example.com", sleep: async () => {}, maxAttempts: 2 });

		expect(await send(email({ to: "Pat.Lee@Clinic.Example" }))).toEqual({ delivered: false });
		expect(resend.requests).toHaveLength(2);
		expect(logged.mock.calls[0]).toEqual([
			"email not delivered",
			expect.objectContaining({ tenantId: "ten_test", toDomain: "clinic.example" }),
		]);
		expect(JSON.stringify(logged.mock.calls)).not.toMatch(/pat\.lee/i);
	});

	it("does not retry a 422, which would fail the same way again", async () => {
		vi.spyOn(console, "error").mockImplementation(() => undefined);
		const resend = stubFetch(
			Response.json({ statusCode: 422, name: "validation_error", message: "bad" }, { status: 422 }),
			accepted(),
		);
		const { delays, sleep } = recordingSleep();
		const send = resendSender({ apiKey: "k", from: "f@example.com", sleep });

		expect(await send(email())).toEqual({ delivered: false });
		expect(resend.requests).toHaveLength(1);
		expect(delays).toEqual([]);
	});

	it("retries when the network fails, and never throws", async () => {
		vi.spyOn(console, "error").mockImplementation(() => undefined);
		const resend = stubFetch(new TypeError("Network connection lost."), accepted());
		const send = resendSender({ apiKey: "k", from: "f@example.com", sleep: async () => {} });

		expect(await send(email())).toEqual({ delivered: true });
		expect(resend.requests).toHaveLength(2);
	});
});

const acme = {
	locale: "en" as const,
	tenantName: "Acme Courier",
	logoUrl: "https://cdn.example/acme.png",
	colors: { primary: "#0b5394", text: "#ffffff" },
	link: "https://portal.test/c/acme-courier/auth/consume?token=tok_abc&next=%2Fjobs",
	code: "123456",
	audience: "customer" as const,
	expiresInMinutes: 10,
};

describe("signInEmail", () => {
	it("names the tenant in the subject", () => {
		expect(signInEmail(acme).subject).toBe("Your sign-in link for Acme Courier");
	});

	it("carries the link, the code and the expiry in both parts", () => {
		const { text, html } = signInEmail(acme);
		expect(text).toContain(acme.link);
		expect(text).toContain("Or enter this code: 123 456");
		expect(text).toContain("expire in 10 minutes and can be used once");
		expect(text).toContain("If you didn't ask for this, ignore this email.");
		expect(html).toContain(`href="${acme.link.replaceAll("&", "&amp;")}"`);
		expect(html).toContain(">123 456</p>");
		expect(html).toContain("monospace");
		expect(html).toContain("Sign in to Acme Courier");
		expect(html).toContain("expire in 10 minutes and can be used once");
		expect(html).toContain("If you didn&#39;t ask for this, ignore this email.");
	});

	it("paints the header in the tenant's colours with its logo", () => {
		const { html } = signInEmail(acme);
		expect(html).toContain("background:#0b5394;color:#ffffff");
		expect(html).toContain('src="https://cdn.example/acme.png"');
	});

	it("escapes the tenant name and every other value in the HTML", () => {
		const { html, subject } = signInEmail({
			...acme,
			tenantName: `<script>&"`,
			link: `https://portal.test/x?a="><i id=injected>`,
			code: "<b>1</b>",
		});
		expect(html).not.toContain("<script>");
		expect(html).not.toContain("<b>");
		expect(html).not.toContain("<i id=injected>");
		expect(html).toContain('href="https://portal.test/x?a=&quot;&gt;&lt;i id=injected&gt;"');
		expect(html).toContain("&lt;script&gt;&amp;&quot;");
		expect(subject).toBe(`Your sign-in link for <script>&"`);
	});

	it("leaves out a logo that is not an absolute http(s) URL and colours that are not hex", () => {
		const { html } = signInEmail({
			...acme,
			logoUrl: "javascript:alert(1)",
			colors: { primary: "red;background:url(https://evil.example)", text: "#fff" },
		});
		expect(html).not.toContain("<img");
		expect(html).not.toContain("evil.example");
	});
});

describe("createEmailSender", () => {
	const db = drizzle(env.DB, { schema });

	it("sends through Resend from EMAIL_FROM when an API key is set", async () => {
		const resend = stubFetch(accepted());
		const send = createEmailSender(
			{ ...env, RESEND_API_KEY: "re_live", EMAIL_FROM: "Portal <p@x.example>" },
			db,
		);

		expect(await send(email())).toEqual({ delivered: true });
		vi.unstubAllGlobals();
		expect(resend.requests[0]?.headers.get("Authorization")).toBe("Bearer re_live");
		expect(await resend.requests[0]?.json()).toEqual(
			expect.objectContaining({ from: "Portal <p@x.example>" }),
		);
	});

	it("keeps mail in the outbox when the key is missing or empty", async () => {
		const resend = stubFetch(accepted());
		for (const RESEND_API_KEY of [undefined, "", "  "]) {
			const to = `${crypto.randomUUID()}@outbox.example`;
			const send = createEmailSender({ ...env, RESEND_API_KEY }, db);
			expect(await send(email({ to }))).toEqual({ delivered: true });
			const row = await env.DB.prepare('SELECT subject FROM outbox_emails WHERE "to" = ?').bind(to).first();
			expect(row).toEqual({ subject: "Your sign-in link for Acme Courier" });
		}
		expect(resend.requests).toHaveLength(0);
		vi.unstubAllGlobals();
	});
});

type OutboxItem = {
	to: string;
	subject: string;
	text: string;
	html: string;
	headers: Record<string, string>;
	sentAt: string;
};

describe("GET /dev/outbox.json", () => {
	it("lists what outboxSender stored, newest first, in the documented shape", async () => {
		const send = outboxSender(drizzle(env.DB, { schema }));
		const first = `${crypto.randomUUID()}@first.example`;
		const second = `${crypto.randomUUID()}@second.example`;
		const before = Date.now();
		await send(email({ to: first, subject: "First" }));
		await send(
			email({
				to: second,
				subject: "Second",
				tenantId: null,
				headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
			}),
		);

		const res = await call("/dev/outbox.json");
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		const items = (await res.json<OutboxItem[]>()).filter((item) => item.to === first || item.to === second);
		expect(items.map((item) => item.to)).toEqual([second, first]);
		expect(items[0]).toEqual({
			to: second,
			subject: "Second",
			text: "Sign in: https://portal.test/c/acme/auth?token=abc",
			html: "<p>Sign in</p>",
			headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
			sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});
		expect(Date.parse(items[1]?.sentAt ?? "")).toBeGreaterThanOrEqual(before);
	});
});

describe("outboxSender", () => {
	it("keeps one email per idempotency key, as Resend does, and refuses @fails.invalid", async () => {
		const send = outboxSender(drizzle(env.DB, { schema }));
		const to = `${crypto.randomUUID()}@once.example`;
		const key = `k_${crypto.randomUUID()}`;
		expect(await send(email({ to, idempotencyKey: key }))).toEqual({ delivered: true });
		expect(await send(email({ to, idempotencyKey: key }))).toEqual({ delivered: true });
		const { results } = await env.DB.prepare('SELECT id FROM outbox_emails WHERE "to" = ?').bind(to).all();
		expect(results).toHaveLength(1);
		expect(await send(email({ to: "nobody@fails.invalid" }))).toEqual({ delivered: false });
	});
});

describe("GET /dev/outbox", () => {
	it("renders the emails as a script-free page with links and escaped text", async () => {
		const to = `${crypto.randomUUID()}@page.example`;
		await outboxSender(drizzle(env.DB, { schema }))(
			email({
				to,
				subject: "Hello <b>there</b>",
				text: "Open https://portal.test/c/acme/auth?token=abc&x=1. Thanks <3",
				html: `<p style="color:red">Hi "you"</p>`,
			}),
		);

		const res = await call("/dev/outbox");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		const csp = res.headers.get("Content-Security-Policy") ?? "";
		expect(csp).toContain("default-src 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain("script-src");
		const page = await res.text();
		expect(page).not.toMatch(/<script/i);
		expect(page).toContain(to);
		expect(page).toContain("Hello &lt;b&gt;there&lt;/b&gt;");
		expect(page).not.toContain("<b>there</b>");
		expect(page).toContain(
			'<a href="https://portal.test/c/acme/auth?token=abc&amp;x=1">https://portal.test/c/acme/auth?token=abc&amp;x=1</a>. Thanks &lt;3',
		);
		expect(page).toContain(
			'<iframe sandbox title="HTML part: Hello &lt;b&gt;there&lt;/b&gt;" srcdoc="&lt;p style=&quot;color:red&quot;&gt;Hi &quot;you&quot;&lt;/p&gt;"></iframe>',
		);
	});
});

describe("dev outbox outside development", () => {
	it("answers 404 in the envelope", async () => {
		const app = new Hono<AppEnv>();
		app.use("/dev/*", database);
		app.route("/dev", devRoutes);
		app.onError(respondToError);
		const production = { ...env, ENVIRONMENT: "production" };

		for (const path of ["/dev/outbox.json", "/dev/outbox"]) {
			const res = await app.request(path, {}, production);
			expect(res.status).toBe(404);
			expect(await res.json<Envelope>()).toEqual({
				error: { code: "not_found", message: "There is nothing at this address." },
			});
		}
	});
});
