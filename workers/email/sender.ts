import type { Bindings } from "../bindings";
import type { Db } from "../db";
import { usageTallyOf } from "../domain/tenant/usage";
import { directoryDb, shardOf } from "../shards";
import { outboxSender } from "./outbox";
import { resendSender } from "./resend";
import type { SendEmail } from "./types";

/**
 * Resend when an API key is configured; otherwise the local outbox in development, and in
 * production a loud refusal (mail must not pile up unread in a table nobody looks at).
 */
export function createEmailSender(
	env: Bindings,
	db: Db,
	deps: { maxAttempts?: number; sleep?: (ms: number) => Promise<void> } = {},
): SendEmail {
	return countedPerTenant(transportFor(env, deps), db);
}

/**
 * Every email a tenant sends, counted per day for its bill once delivered (the platform's own,
 * `tenantId: null`, are not), in the isolate's tally of the shard (see `UsageTally`): the send
 * writes the tally when it is due, not a row per email.
 */
function countedPerTenant(send: SendEmail, db: Db): SendEmail {
	return async (email) => {
		const result = await send(email);
		if (result.delivered && email.tenantId) {
			const now = Date.now();
			const tally = usageTallyOf(shardOf(db));
			if (tally.count(email.tenantId, now, "emails"))
				await tally
					.flush(db, now)
					.catch((err: unknown) =>
						console.error("usage flush failed", { tenantId: email.tenantId, err: String(err) }),
					);
		}
		return result;
	};
}

function transportFor(
	env: Bindings,
	deps: { maxAttempts?: number; sleep?: (ms: number) => Promise<void> },
): SendEmail {
	const apiKey = env.RESEND_API_KEY?.trim();
	if (apiKey)
		return resendSender({ apiKey, from: env.EMAIL_FROM, maxAttempts: deps.maxAttempts, sleep: deps.sleep });
	// One development mailbox for every shard's tenants, on shard 0, where /dev/outbox reads it.
	if (env.ENVIRONMENT === "development") return outboxSender(directoryDb(env));
	return async (email) => {
		console.error("email not sent: RESEND_API_KEY is not set", {
			tenantId: email.tenantId,
			subject: email.subject,
		});
		return { delivered: false };
	};
}
