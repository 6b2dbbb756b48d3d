import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema";
import type { Bindings } from "../bindings";
import { sweepDeliveries, type WebhookMessage } from "../domain/webhooks/deliver";

/** Every minute: deliveries recorded but never handed to the queue, or lost by it, go again. */
export async function sweepWebhooks(env: Bindings, scheduledTime: number) {
	const db = drizzle(env.DB, { schema });
	const count = await sweepDeliveries(db, env.WEBHOOK_QUEUE as Queue<WebhookMessage>, scheduledTime);
	if (count) console.log("webhook sweep re-enqueued deliveries", { count });
}
