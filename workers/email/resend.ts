import type { OutgoingEmail, SendEmail } from "./types";

const RESEND_EMAILS_URL = "https://api.resend.com/emails";
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

export type ResendOptions = {
	apiKey: string;
	/** The sender, e.g. `Fleet Portal <portal@example.com>`. */
	from: string;
	fetch?: typeof fetch;
	sleep?: (ms: number) => Promise<void>;
	maxAttempts?: number;
	timeoutMs?: number;
};

type Attempt =
	| { delivered: true }
	| {
			delivered: false;
			reason: "network" | "timeout" | "http";
			status: number | null;
			retryable: boolean;
			retryAfterMs: number | null;
	  };

/**
 * Sends through Resend's HTTP API, retrying network errors, timeouts, 429 and 5xx with backoff.
 * The idempotency key lets Resend drop a retry of a send that did go through.
 */
export function resendSender(options: ResendOptions): SendEmail {
	// Called through a wrapper: workerd refuses a detached `fetch` invoked with another `this`.
	const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 4));
	const timeoutMs = options.timeoutMs ?? 10_000;

	const attemptOnce = async (email: OutgoingEmail): Promise<Attempt> => {
		const signal = AbortSignal.timeout(timeoutMs);
		try {
			const response = await send(RESEND_EMAILS_URL, {
				method: "POST",
				headers: {
					Authorization: `Bearer ${options.apiKey}`,
					"Content-Type": "application/json",
					"Idempotency-Key": email.idempotencyKey,
				},
				body: JSON.stringify({
					from: options.from,
					to: [email.to],
					subject: email.subject,
					html: email.html,
					text: email.text,
				}),
				signal,
			});
			// Nothing in the answer is needed; releasing the body frees the connection.
			await response.body?.cancel().catch(() => undefined);
			if (response.ok) return { delivered: true };
			const status = response.status;
			return {
				delivered: false,
				reason: "http",
				status,
				retryable: status === 429 || status >= 500,
				retryAfterMs: status === 429 ? retryAfterMs(response.headers.get("Retry-After")) : null,
			};
		} catch {
			return {
				delivered: false,
				reason: signal.aborted ? "timeout" : "network",
				status: null,
				retryable: true,
				retryAfterMs: null,
			};
		}
	};

	return async (email) => {
		for (let attempt = 1; ; attempt++) {
			const outcome = await attemptOnce(email);
			if (outcome.delivered) return { delivered: true };
			if (!outcome.retryable || attempt >= maxAttempts) {
				// The recipient's domain is enough to spot a provider problem without logging who was mailed.
				console.error("email not delivered", {
					provider: "resend",
					tenantId: email.tenantId,
					toDomain: domainOf(email.to),
					status: outcome.status,
					reason: outcome.reason,
					attempts: attempt,
				});
				return { delivered: false };
			}
			await sleep(outcome.retryAfterMs ?? backoffMs(attempt));
		}
	};
}

/** Exponential backoff with jitter, so many workers retrying at once do not hit Resend in lockstep. */
function backoffMs(failedAttempts: number): number {
	const exponential = BASE_DELAY_MS * 2 ** (failedAttempts - 1);
	return Math.min(MAX_DELAY_MS, Math.round(exponential + Math.random() * exponential));
}

/** A numeric Retry-After in milliseconds, capped; a date or garbage falls back to our own backoff. */
function retryAfterMs(header: string | null): number | null {
	if (header === null || !/^\s*\d+(\.\d+)?\s*$/.test(header)) return null;
	return Math.min(MAX_DELAY_MS, Math.round(Number(header) * 1000));
}

function domainOf(address: string): string {
	const at = address.lastIndexOf("@");
	return at >= 0 ? address.slice(at + 1).toLowerCase() : "";
}
