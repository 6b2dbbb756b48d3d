import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import type { Db } from "../db";
import { dispatchRecorded, type WebhookMessage } from "../domain/webhooks/deliver";
import { markRecorded, recordedEvents } from "../domain/webhooks/events";
import { openShard, shardBinding, stampShard } from "../shards";

/** Hands the deliveries of the events `db` recorded to the queue, after the answer where it can. */
function handOver(c: Context<AppEnv>, db: () => Db) {
	const queue = stampShard(c.env.WEBHOOK_QUEUE as Queue<WebhookMessage>, c.var.shard);
	const dispatch = (async () => dispatchRecorded(db(), queue))().catch((err) =>
		console.error("webhook dispatch failed; the sweep will send", { message: String(err) }),
	);
	try {
		c.executionCtx.waitUntil(dispatch);
	} catch {
		return dispatch;
	}
}

/**
 * After a request whose batches recorded webhook events (see `webhookEventStatements`), their
 * deliveries go to the queue; if this is lost, the cron's sweep finds them.
 */
export const dispatchWebhooks = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	if (recordedEvents(c.var.db)) await handOver(c, () => c.var.db);
});

/**
 * Events the request had written by another client (the TenantGate's booking, through the
 * gate's own binding): their deliveries are read from where that write's bookmark reached, so a
 * replica behind it cannot hide them, and handed to the queue like the request's own.
 */
export async function dispatchWrittenElsewhere(
	c: Context<AppEnv>,
	events: readonly string[],
	bookmark: string | null,
) {
	const binding = shardBinding(c.env, c.var.shard);
	if (!events.length || !binding) return;
	await handOver(c, () => {
		const db = openShard(c.env, c.var.shard, binding.withSession(bookmark ?? "first-primary"));
		for (const event of events) markRecorded(db, event);
		return db;
	});
}
