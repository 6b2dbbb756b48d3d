import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { dispatchRecorded, type WebhookMessage } from "../domain/webhooks/deliver";
import { recordedEvents } from "../domain/webhooks/events";
import { stampShard } from "../shards";

/**
 * After a request whose batches recorded webhook events (see `webhookEventStatements`), their
 * deliveries go to the queue; if this is lost, the cron's sweep finds them.
 */
export const dispatchWebhooks = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	if (!recordedEvents(c.var.db)) return;
	const queue = stampShard(c.env.WEBHOOK_QUEUE as Queue<WebhookMessage>, c.var.shard);
	const dispatch = dispatchRecorded(c.var.db, queue, Date.now()).catch((err) =>
		console.error("webhook dispatch failed; the sweep will send", { message: String(err) }),
	);
	try {
		c.executionCtx.waitUntil(dispatch);
	} catch {
		await dispatch;
	}
});
