import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call } from "./helpers";

export type Area = "c" | "d" | "t";

export function postJson(
	path: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<Response> {
	return call(path, {
		method: "POST",
		headers: { "Content-Type": "application/json", "CF-Connecting-IP": "192.0.2.1", ...headers },
		body: JSON.stringify(body),
	});
}

export function requestLink(slug: string, email: string, opts: { area?: Area; ip?: string } = {}) {
	return postJson(
		`/api/${opts.area ?? "c"}/${slug}/auth/link`,
		{ email },
		opts.ip ? { "CF-Connecting-IP": opts.ip } : {},
	);
}

type OutboxRow = { to: string; subject: string; text: string; html: string; sent_at: number };

/** Emails in the local outbox to an address (as typed), newest first. */
export async function outboxFor(to: string): Promise<OutboxRow[]> {
	const { results } = await env.DB.prepare(
		'SELECT "to", subject, text, html, sent_at FROM outbox_emails WHERE "to" = ? ORDER BY sent_at DESC, rowid DESC',
	)
		.bind(to)
		.all<OutboxRow>();
	return results;
}

/** Waits for the sign-in email sent after the 202 (it goes out in waitUntil). */
export async function waitForEmail(to: string, count = 1, timeoutMs = 3000): Promise<OutboxRow> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await outboxFor(to);
		if (rows.length >= count && rows[0]) return rows[0];
		if (Date.now() > deadline) throw new Error(`no email #${count} to ${to} within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

/** Lets background work (waitUntil) of earlier requests finish before asserting it did nothing. */
export const settle = () => new Promise((r) => setTimeout(r, 300));

export function tokenFrom(text: string): string {
	const token = text.match(/#token=([A-Za-z0-9_-]+)/)?.[1];
	if (!token) throw new Error(`no link in: ${text}`);
	return token;
}

export function codeFrom(text: string): string {
	const code = text.match(/\b(\d{3}) ?(\d{3})\b/);
	if (!code) throw new Error(`no code in: ${text}`);
	return `${code[1]}${code[2]}`;
}

export function sessionCookieFrom(res: Response): string {
	const value = res.headers.get("Set-Cookie")?.match(/__Host-session=([^;]+)/)?.[1];
	expect(value, "a session cookie").toBeTruthy();
	return `__Host-session=${value}`;
}

/** Signs in by link end to end and answers the Cookie header to send afterwards. */
export async function signIn(slug: string, email: string, area: Area = "c"): Promise<string> {
	const before = (await outboxFor(email)).length;
	expect((await requestLink(slug, email, { area })).status).toBe(202);
	const mail = await waitForEmail(email, before + 1);
	const res = await postJson(`/api/${area}/${slug}/auth/consume`, { token: tokenFrom(mail.text) });
	expect(res.status).toBe(200);
	return sessionCookieFrom(res);
}

export function getMe(slug: string, cookie: string, area: Area = "c") {
	return call(`/api/${area}/${slug}/me`, { headers: { Cookie: cookie } });
}
