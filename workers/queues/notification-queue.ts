import { z } from "@hono/zod-openapi";
import { and, inArray, isNull, lt } from "drizzle-orm";
import { notifications } from "../../schema/tables/notifications";
import { backgroundOrigin } from "../app-origin";
import type { Bindings } from "../bindings";
import type { Db } from "../db";
import { type DeliverDeps, deliverNotification, markNotificationDead } from "../domain/notifications/deliver";
import { DEV_UNSUBSCRIBE_SECRET } from "../domain/notifications/unsubscribe-token";
import { enqueueStamped, sweepStale } from "../domain/outbox/enqueue";
import { createEmailSender } from "../email/sender";
import { byShard, everyShard, openShard, shardOf, shardOfMessage } from "../shards";

export const NOTIFY_QUEUE_NAME = "fleet-portal-notifications";
export const NOTIFY_DLQ_NAME = "fleet-portal-notifications-dlq";

const NotificationMessageSchema = z.object({
	notificationId: z.string(),
	/** The shard the notification is recorded on; absent (a message from before shards) is shard 0. */
	shard: z.number().int().min(0).optional(),
});

/** The unsubscribe links' HMAC secret: UNSUBSCRIBE_SECRET, or a fixed one in development only. */
export function unsubscribeSecret(env: Bindings): string {
	const secret = env.UNSUBSCRIBE_SECRET?.trim();
	if (secret) return secret;
	if (env.ENVIRONMENT === "development") return DEV_UNSUBSCRIBE_SECRET;
	throw new Error("UNSUBSCRIBE_SECRET is not set (wrangler secret put UNSUBSCRIBE_SECRET)");
}

/**
 * Puts recorded notifications on the queue and marks them enqueued. Called once the request that
 * recorded them is answered; the sweep calls it for any a crash left behind.
 */
export async function enqueueNotifications(env: Bindings, db: Db, ids: readonly string[], now = Date.now()) {
	return enqueueStamped(
		env.NOTIFY_QUEUE,
		ids.map((id) => ({ id })),
		(row) => ({ notificationId: row.id, shard: shardOf(db) }),
		(chunk) => db.update(notifications).set({ enqueuedAt: now }).where(inArray(notifications.id, chunk)),
	);
}

/** Not on the queue and recorded before `before` (`enqueued_at IS NULL` is the partial index's term). */
export const unenqueuedBefore = (before: number) =>
	and(isNull(notifications.enqueuedAt), lt(notifications.createdAt, before));

/** Recorded more than this long ago and still not on the queue: the request ended before it was enqueued. */
const SWEEP_AFTER_MS = 30_000;

/** The sweep (each minute, from the cron): re-enqueues what was recorded but never enqueued, on every shard. */
export async function sweepNotifications(env: Bindings, now: number): Promise<number> {
	let swept = 0;
	for (const db of everyShard(env)) swept += await sweepNotificationsOn(env, db, now);
	return swept;
}

async function sweepNotificationsOn(env: Bindings, db: Db, now: number): Promise<number> {
	return sweepStale(
		now,
		SWEEP_AFTER_MS,
		(before) =>
			db.select({ id: notifications.id }).from(notifications).where(unenqueuedBefore(before)).limit(500),
		(rows) =>
			enqueueNotifications(
				env,
				db,
				rows.map((r) => r.id),
				now,
			),
	);
}

/** Seconds before the next try: 30 s doubling to an hour; at once in development, so the outbox shows it. */
export function retryDelaySeconds(env: Bindings, attempts: number): number {
	if (env.ENVIRONMENT === "development") return 0;
	return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

function deliverDeps(env: Bindings, db: Db): DeliverDeps {
	return {
		db,
		// One attempt per delivery: the queue's retries (with backoff, then the dead-letter queue) are the loop.
		sendEmail: createEmailSender(env, db, { maxAttempts: 1 }),
		unsubscribeSecret: unsubscribeSecret(env),
		fallbackOrigin: backgroundOrigin(env),
		now: () => Date.now(),
	};
}

/**
 * The consumer of `fleet-portal-notifications`: delivers each notification to its recipients. A
 * message with a recipient still unsent is retried with backoff; after `max_retries` the queue
 * moves it to the dead-letter queue, whose consumer marks those deliveries dead.
 */
export async function consumeNotificationQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
	for (const [shard, messages] of byShard(env, batch.messages)) {
		await deliverOnShard(messages, env, shard);
	}
}

async function deliverOnShard(messages: readonly Message<unknown>[], env: Bindings, shard: number) {
	const deps = deliverDeps(env, openShard(env, shard));
	for (const message of messages) {
		const parsed = NotificationMessageSchema.safeParse(message.body);
		if (!parsed.success) {
			message.ack();
			continue;
		}
		try {
			const { unsent } = await deliverNotification(deps, parsed.data.notificationId);
			if (unsent === 0) message.ack();
			else message.retry({ delaySeconds: retryDelaySeconds(env, message.attempts) });
		} catch (err) {
			console.error("notification queue: message failed", {
				notificationId: parsed.data.notificationId,
				attempts: message.attempts,
				err: String(err),
			});
			message.retry({ delaySeconds: retryDelaySeconds(env, message.attempts) });
		}
	}
}

/** The dead-letter queue's consumer: what the queue gave up on stays `failed`, marked dead, never lost silently. */
export async function consumeNotificationDeadLetters(
	batch: MessageBatch<unknown>,
	env: Bindings,
): Promise<void> {
	for (const message of batch.messages) {
		const parsed = NotificationMessageSchema.safeParse(message.body);
		if (parsed.success) {
			await markNotificationDead(
				openShard(env, shardOfMessage(env, parsed.data)),
				parsed.data.notificationId,
				Date.now(),
			);
			console.error("notification dead-lettered", { notificationId: parsed.data.notificationId });
		}
		message.ack();
	}
}
