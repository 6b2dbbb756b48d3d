import { desc, eq, sql } from "drizzle-orm";
import { outboxEmails } from "../../schema/tables/activity";
import type { Db } from "../db";
import { newId } from "../domain/ids";
import type { SendEmail } from "./types";

/** Addresses at this domain (RFC 2606's `.invalid`) are refused by the outbox, to see retries locally. */
export const FAILING_DOMAIN = "@fails.invalid";

/**
 * Keeps emails in the `outbox_emails` table instead of sending them; shown at /dev/outbox. Like
 * Resend it keeps one email per idempotency key, and it refuses `…@fails.invalid` (a provider outage).
 */
export function outboxSender(db: Db): SendEmail {
	return async (email) => {
		if (email.to.toLowerCase().endsWith(FAILING_DOMAIN)) return { delivered: false };
		try {
			const seen = await db
				.select({ id: outboxEmails.id })
				.from(outboxEmails)
				.where(eq(outboxEmails.idempotencyKey, email.idempotencyKey))
				.get();
			if (seen) return { delivered: true };
			await db.insert(outboxEmails).values({
				id: newId("eml"),
				tenantId: email.tenantId,
				to: email.to,
				subject: email.subject,
				text: email.text,
				html: email.html,
				headers: email.headers ?? {},
				idempotencyKey: email.idempotencyKey,
				sentAt: Date.now(),
			});
			return { delivered: true };
		} catch (err) {
			console.error("outbox insert failed", {
				tenantId: email.tenantId,
				message: err instanceof Error ? err.message : String(err),
			});
			return { delivered: false };
		}
	};
}

const OUTBOX_LIMIT = 200;

export type OutboxEmail = {
	to: string;
	subject: string;
	text: string;
	html: string;
	headers: Record<string, string>;
	sentAt: string;
};

/** The newest emails the outbox kept, newest first. */
export async function newestOutboxEmails(db: Db): Promise<OutboxEmail[]> {
	const rows = await db
		.select({
			to: outboxEmails.to,
			subject: outboxEmails.subject,
			text: outboxEmails.text,
			html: outboxEmails.html,
			headers: outboxEmails.headers,
			sentAt: outboxEmails.sentAt,
		})
		.from(outboxEmails)
		// workerd's clock only moves on I/O, so two sends can share a millisecond; rowid keeps their order.
		.orderBy(desc(outboxEmails.sentAt), desc(sql`rowid`))
		.limit(OUTBOX_LIMIT);
	return rows.map((row) => ({ ...row, sentAt: new Date(row.sentAt).toISOString() }));
}
