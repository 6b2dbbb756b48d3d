import { Resend } from "resend";
import type { SendEmail } from "./types";

export type ResendOptions = {
	apiKey: string;
	/** The sender, e.g. `Fleet Portal <portal@example.com>`. */
	from: string;
	/** Resend's API base URL; the SDK's default unless set. */
	baseUrl?: string;
	/** Tries per call (default 3, with backoff): sign-in emails sent directly want a few; the queue's sender takes 1. */
	maxAttempts?: number;
	sleep?: (ms: number) => Promise<void>;
};

/** Worth another try: rate limits, Resend's own failures, and no status at all (no answer). */
const retryable = (status: number | null | undefined) => !status || status === 429 || status >= 500;

/**
 * Sends through the official `resend` SDK (it runs in workerd as it is: global fetch, no Node
 * built-ins), retrying rate limits, server errors and network failures a few times with backoff.
 * The notification queue retries on top (its sender makes one attempt); the idempotency key lets
 * Resend drop a repeat of a send that went through. Never throws; failures are logged by the
 * recipient's domain only.
 */
export function resendSender(options: ResendOptions): SendEmail {
	const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
	const once = async (
		email: Parameters<SendEmail>[0],
	): Promise<{ delivered: boolean; retryable: boolean }> => {
		try {
			const { error } = await resend.emails.send(
				{
					from: options.from,
					to: [email.to],
					subject: email.subject,
					html: email.html,
					text: email.text,
					...(email.headers && Object.keys(email.headers).length ? { headers: email.headers } : {}),
				},
				{ idempotencyKey: email.idempotencyKey },
			);
			if (!error) return { delivered: true, retryable: false };
			console.error("email not delivered", {
				provider: "resend",
				tenantId: email.tenantId,
				toDomain: domainOf(email.to),
				error: error.name,
				status: error.statusCode ?? null,
			});
			return { delivered: false, retryable: retryable(error.statusCode) };
		} catch (err) {
			console.error("email not delivered", {
				provider: "resend",
				tenantId: email.tenantId,
				toDomain: domainOf(email.to),
				error: err instanceof Error ? err.name : "unknown",
			});
			return { delivered: false, retryable: true };
		}
	};
	return async (email) => {
		for (let attempt = 1; ; attempt++) {
			const outcome = await once(email);
			if (outcome.delivered) return { delivered: true };
			if (!outcome.retryable || attempt >= maxAttempts) return { delivered: false };
			await sleep(Math.min(10_000, 500 * 2 ** (attempt - 1) * (1 + Math.random())));
		}
	};
}

function domainOf(address: string): string {
	const at = address.lastIndexOf("@");
	return at >= 0 ? address.slice(at + 1).toLowerCase() : "";
}
