import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { call, callToCompletion } from "./helpers";

export type Area = "c" | "d" | "t";

function jsonPost(body: unknown, headers: Record<string, string>): RequestInit {
	return {
		method: "POST",
		headers: { "Content-Type": "application/json", "CF-Connecting-IP": "192.0.2.1", ...headers },
		body: JSON.stringify(body),
	};
}

export function postJson(
	path: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<Response> {
	return call(path, jsonPost(body, headers));
}

type LinkOptions = { area?: Area; ip?: string };

function linkRequest(slug: string, email: string, opts: LinkOptions): [string, RequestInit] {
	return [
		`/api/${opts.area ?? "c"}/${slug}/auth/link`,
		jsonPost({ email }, opts.ip ? { "CF-Connecting-IP": opts.ip } : {}),
	];
}

export function requestLink(slug: string, email: string, opts: LinkOptions = {}) {
	return call(...linkRequest(slug, email, opts));
}

/**
 * Asks for a sign-in email and resolves once the request's background work is done: the email
 * is in the outbox by then, or it never will be.
 */
export function requestLinkToCompletion(slug: string, email: string, opts: LinkOptions = {}) {
	return callToCompletion(...linkRequest(slug, email, opts));
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

/**
 * Waits until the notification queue has delivered an email to `to` (at `tenantId`, if given) whose
 * subject starts with `subject`, and answers it with its headers.
 */
export async function awaitEmail(to: string, subject: string, tenantId?: string, timeout = 20_000) {
	return vi.waitFor(
		async () => {
			const row = await env.DB.prepare(
				`SELECT "to", subject, text, html, headers FROM outbox_emails
				 WHERE "to" = ? AND subject LIKE ? || '%' AND (?3 IS NULL OR tenant_id = ?3) ORDER BY sent_at DESC, rowid DESC`,
			)
				.bind(to, subject, tenantId ?? null)
				.first<Omit<OutboxRow, "sent_at"> & { headers: string }>();
			if (!row) throw new Error(`no "${subject}" email to ${to} yet`);
			return { ...row, headers: JSON.parse(row.headers || "{}") as Record<string, string> };
		},
		{ timeout, interval: 100 },
	);
}

/**
 * Waits for email #`count` to an address that a request sent after its answer, when the test
 * cannot hold that request's execution context (a booking's confirmation): the outbox is a
 * table, which gives no signal, so it is polled until the timeout.
 */
export async function waitForEmail(to: string, count = 1, timeoutMs = 3000): Promise<OutboxRow> {
	return vi.waitFor(
		async () => {
			const rows = await outboxFor(to);
			if (rows.length < count || !rows[0]) throw new Error(`no email #${count} to ${to}`);
			return rows[0];
		},
		{ timeout: timeoutMs, interval: 25 },
	);
}

/** Asks for a sign-in email and answers it, failing unless exactly one more was sent. */
export async function emailedLink(slug: string, email: string, opts: LinkOptions = {}): Promise<OutboxRow> {
	const before = (await outboxFor(email)).length;
	expect((await requestLinkToCompletion(slug, email, opts)).status).toBe(202);
	const rows = await outboxFor(email);
	expect(rows.length, `one more email to ${email}`).toBe(before + 1);
	const [newest] = rows;
	if (!newest) throw new Error(`no email to ${email}`);
	return newest;
}

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
	const mail = await emailedLink(slug, email, { area });
	const res = await postJson(`/api/${area}/${slug}/auth/consume`, { token: tokenFrom(mail.text) });
	expect(res.status).toBe(200);
	return sessionCookieFrom(res);
}

export function getMe(slug: string, cookie: string, area: Area = "c") {
	return call(`/api/${area}/${slug}/me`, { headers: { Cookie: cookie } });
}
