import type { Bindings } from "../bindings";
import { sweepDeliveries, type WebhookMessage } from "../domain/webhooks/deliver";
import { everyShard, shardOf, stampShard } from "../shards";

/** Every minute: deliveries recorded but never handed to the queue, or lost by it, go again, on every shard. */
export async function sweepWebhooks(env: Bindings, scheduledTime: number) {
	for (const db of everyShard(env)) {
		const queue = stampShard(env.WEBHOOK_QUEUE as Queue<WebhookMessage>, shardOf(db));
		const count = await sweepDeliveries(db, queue, scheduledTime);
		if (count) console.log("webhook sweep re-enqueued deliveries", { shard: shardOf(db), count });
	}
}
