import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema";
import { backgroundOrigin } from "../app-origin";
import type { Bindings } from "../bindings";
import { attemptDelivery, type Send, type WebhookMessage } from "../domain/webhooks/deliver";
import { sendEndpointDisabledNotice } from "../domain/webhooks/disabled-notice";
import { createEmailSender } from "../email/sender";

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
	const db = drizzle(env.DB, { schema });
	for (const message of batch.messages) {
		try {
			await attemptDelivery(
				{
					db,
					queue: env.WEBHOOK_QUEUE as Queue<WebhookMessage>,
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
