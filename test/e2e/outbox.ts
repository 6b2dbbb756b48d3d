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

/** The 6-digit code in an email's text ("123456" or "123 456"), ignoring digits inside the link. */
export function signInCode(email: OutboxEmail): string {
	const text = email.text.replace(/https?:\/\/\S+/g, " ");
	const match = text.match(/(?<![\d-])(\d{6})(?![\d-])/) ?? text.match(/(?<![\d-])(\d{3}) (\d{3})(?![\d-])/);
	if (!match) throw new Error(`no 6-digit code in:\n${email.text}`);
	return match.slice(1).join("");
}
