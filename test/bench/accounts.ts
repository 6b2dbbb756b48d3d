// Signing in through the API as the demo people, the way the portal does: request the email,
// read the 6-digit code from the development outbox, post it, keep the session cookie.
import { ACME } from "../../schema/demo/people.ts";

export const SLUG = ACME.slug;

/** Demo people of Acme Courier (schema/demo/people.ts). */
export const PEOPLE = {
	customer: { area: "c", email: "dana.reyes@hartwellpine.example" },
	technician: { area: "t", email: "jordan@acme-courier.example" },
	staff: { area: "d", email: "morgan@acme-courier.example" },
} as const;

export type Person = keyof typeof PEOPLE;

/**
 * fetch, given up after `limitMs` on a timer that keeps the process alive. AbortSignal.timeout's
 * timer does not: a request whose connection went away unanswered would leave nothing running,
 * and a benchmark or soak would end as an unsettled top-level await (exit 13), without a result.
 * The limit rejects by itself rather than trusting the aborted fetch to settle: seen in the soak,
 * a request cut off by an evicted object kept the run waiting after its abort. The whole answer,
 * body included, is read within the limit; it comes back as a Response.
 */
export async function fetchWithin(url: string, init: RequestInit = {}, limitMs = 60_000): Promise<Response> {
	const controller = new AbortController();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const limit = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			const err = new Error(`no answer within ${limitMs} ms: ${url}`);
			controller.abort(err);
			reject(err);
		}, limitMs);
	});
	const answer = (async () => {
		const res = await fetch(url, { ...init, signal: controller.signal });
		const body = await res.arrayBuffer();
		const empty = res.status === 204 || res.status === 304;
		return new Response(empty ? null : body, { status: res.status, headers: res.headers });
	})();
	try {
		return await Promise.race([answer, limit]);
	} finally {
		clearTimeout(timer);
		// The loser of the race settles later, or never; either way it is not waited for.
		answer.catch(() => {});
	}
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
	return fetchWithin(url, {
		method: "POST",
		headers: { "Content-Type": "application/json", ...headers },
		body: JSON.stringify(body),
	});
}

/** The code in the newest outbox email to `address` sent since `since`, polling while it is sent. */
async function codeFromOutbox(baseUrl: string, address: string, since: number): Promise<string> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const res = await fetchWithin(`${baseUrl}/dev/outbox.json`, {}, 10_000);
		const emails: unknown = await res.json();
		for (const email of Array.isArray(emails) ? emails : []) {
			const { to, text, sentAt } = email as { to?: unknown; text?: unknown; sentAt?: unknown };
			if (String(to).toLowerCase() !== address || typeof text !== "string") continue;
			// Only sign-in emails: a booking confirmation's phone number ("212 555 …") is no code.
			if (!text.includes("/sign-in/verify#token=")) continue;
			if (Date.parse(String(sentAt)) < since - 1_000) continue;
			// Digits inside the link are not the code.
			const match = text.replace(/https?:\/\/\S+/g, " ").match(/(?<![\d-])(\d{3}) ?(\d{3})(?![\d-])/);
			if (match) return `${match[1]}${match[2]}`;
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`no sign-in code for ${address} in the outbox`);
}

/** Signs `who` in and returns the `Cookie` header value carrying their session. */
export function signIn(baseUrl: string, who: Person): Promise<string> {
	const { area, email } = PEOPLE[who];
	return signInAs(baseUrl, area, email);
}

/** A sign-in that failed at one step, with the status that step answered. */
export class SignInError extends Error {
	readonly status: number;
	constructor(message: string, status: number) {
		super(message);
		this.status = status;
	}
}

/**
 * Signs anyone in at `area` (c, t, d); `ip` is sent as CF-Connecting-IP, so that many sign-ins
 * from one machine count as the many devices they stand for against the per-address send limit.
 */
export async function signInAs(baseUrl: string, area: string, email: string, ip?: string): Promise<string> {
	const headers: Record<string, string> = ip ? { "CF-Connecting-IP": ip } : {};
	const since = Date.now();
	const link = await postJson(`${baseUrl}/api/${area}/${SLUG}/auth/link`, { email }, headers);
	if (link.status !== 202)
		throw new SignInError(`sign-in link for ${email}: ${link.status} ${await link.text()}`, link.status);
	const code = await codeFromOutbox(baseUrl, email.toLowerCase(), since);
	const res = await postJson(`${baseUrl}/api/${area}/${SLUG}/auth/code`, { email, code }, headers);
	if (res.status !== 200)
		throw new SignInError(`sign-in code for ${email}: ${res.status} ${await res.text()}`, res.status);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-session="));
	if (!cookie) throw new Error(`no session cookie for ${email}`);
	return cookie.split(";")[0] ?? "";
}
