// Reads the emails the app "sent" in development, from GET /dev/outbox.json (newest first).
import { baseUrl } from "./base-url.ts";

export type OutboxEmail = { to: string[]; subject: string; text: string; sentAt: number };

function toOutboxEmail(raw: unknown): OutboxEmail | undefined {
	if (typeof raw !== "object" || raw === null) return undefined;
	const { to, subject, text, sentAt } = raw as Record<string, unknown>;
	const recipients = (Array.isArray(to) ? to : [to]).filter((r): r is string => typeof r === "string");
	const sent = typeof sentAt === "number" ? sentAt : Date.parse(String(sentAt));
	if (typeof subject !== "string" || typeof text !== "string" || Number.isNaN(sent)) return undefined;
	return { to: recipients.map((r) => r.toLowerCase()), subject, text, sentAt: sent };
}

async function readOutbox(): Promise<OutboxEmail[]> {
	const res = await fetch(`${baseUrl}/dev/outbox.json`);
	if (!res.ok) throw new Error(`GET /dev/outbox.json answered ${res.status}`);
	const body: unknown = await res.json();
	if (!Array.isArray(body)) throw new Error("/dev/outbox.json is not an array");
	return body.map(toOutboxEmail).filter((e): e is OutboxEmail => e !== undefined);
}

/**
 * The newest email to `address` sent at or after `since` (ms; allow for clock rounding), polling
 * the shared outbox for up to `timeoutMs` because sending happens after the 202.
 */
export async function waitForEmail(
	address: string,
	since: number,
	timeoutMs = 5_000,
	/** Only an email whose subject matches: one sent earlier (its queue is faster) is not it. */
	subject?: RegExp,
): Promise<OutboxEmail> {
	const deadline = Date.now() + timeoutMs;
	const recipient = address.toLowerCase();
	for (;;) {
		const newest = (await readOutbox())
			.filter((e) => e.to.includes(recipient) && e.sentAt >= since - 1_000)
			.filter((e) => !subject || subject.test(e.subject))
			.sort((a, b) => b.sentAt - a.sentAt)[0];
		if (newest) return newest;
		if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** The sign-in link in an email's text. */
export function signInLink(email: OutboxEmail): string {
	const match = email.text.match(/https?:\/\/[^\s<>"]+\/sign-in\/verify#token=[^\s<>"]+/);
	if (!match) throw new Error(`no sign-in link in:\n${email.text}`);
	return match[0];
}

/** The subject of a sign-in email, in each language the app writes it. */
const SIGN_IN_SUBJECT = /^(Your sign-in link for|Tu enlace para entrar en) /;

/**
 * The newest sign-in email to `address` since `since`. A job's notifications reach the same
 * person from another queue and may land after it, so the subject picks it out.
 */
export function waitForSignInEmail(address: string, since: number, timeoutMs = 5_000): Promise<OutboxEmail> {
	return waitForEmail(address, since, timeoutMs, SIGN_IN_SUBJECT);
}

/**
 * The 6-digit code of a sign-in email ("123456" or "123 456"), from the line that ends with it
 * ("Or enter this code: 123 456"): any other email is refused, for a phone number such as
 * "+1 415 555 0142" reads as a spaced code.
 */
export function signInCode(email: OutboxEmail): string {
	if (!SIGN_IN_SUBJECT.test(email.subject)) throw new Error(`not a sign-in email: "${email.subject}"`);
	const text = email.text.replace(/https?:\/\/\S+/g, " ");
	const match = text.match(/:[ \t]*(\d{3}) ?(\d{3})[ \t]*$/m);
	if (!match) throw new Error(`no 6-digit code in:\n${email.text}`);
	return match.slice(1).join("");
}
