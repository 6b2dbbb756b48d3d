import { backgroundOrigin } from "../app-origin";
import type { Bindings } from "../bindings";
import { attemptDelivery, type Send, type WebhookMessage } from "../domain/webhooks/deliver";
import { sendEndpointDisabledNotice } from "../domain/webhooks/disabled-notice";
import { createEmailSender } from "../email/sender";
import { byShard, openShard, stampShard } from "../shards";

/**
 * `fleet-portal-webhooks`: one attempt per message (see `attemptDelivery`); a retry is a new
 * message with the schedule's delay, so the queue's own retries only cover a consumer that
 * crashed, and a message seen twice is dropped by the attempt claim.
 */
export async function consumeWebhookQueue(
	batch: MessageBatch<WebhookMessage>,
	env: Bindings,
	send: Send = fetch,
) {
	for (const [shard, messages] of byShard(env, batch.messages)) {
		await consumeOnShard(messages, env, shard, send);
	}
}

/** The messages of one shard: its deliveries, its endpoints; a retry is stamped with the same shard. */
async function consumeOnShard(
	messages: readonly Message<WebhookMessage>[],
	env: Bindings,
	shard: number,
	send: Send,
) {
	const db = openShard(env, shard);
	const queue = stampShard(env.WEBHOOK_QUEUE as Queue<WebhookMessage>, shard);
	for (const message of messages) {
		try {
			await attemptDelivery(
				{
					db,
					queue,
					send,
					now: Date.now(),
					onDisabled: (endpoint, failingSince) =>
						sendEndpointDisabledNotice(
							{
								db,
								sendEmail: createEmailSender(env, db),
								origin: backgroundOrigin(env),
							},
							endpoint,
							failingSince,
						),
				},
				message.body,
			);
			message.ack();
		} catch (err) {
			console.error("webhook delivery attempt failed to run", {
				deliveryId: message.body.deliveryId,
				message: err instanceof Error ? err.message : String(err),
			});
			message.retry({ delaySeconds: 30 });
		}
	}
}
