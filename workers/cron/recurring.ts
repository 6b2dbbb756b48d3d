import type { Bindings } from "../bindings";
import { type GenerateResult, generateDueJobs } from "../domain/recurring/generate";
import { dispatchRecorded, type WebhookMessage } from "../domain/webhooks/deliver";
import { liveChannels } from "../live/channels";
import { everyShard, shardOf, stampShard } from "../shards";

/**
 * Every minute: the jobs of every active recurring series for the next 14 days, each made once, on
 * every shard; their `job.created` deliveries go to the queue at once (the sweep is the fallback).
 */
export async function runRecurringJob(env: Bindings, scheduledTime: number) {
	const totals: GenerateResult = { created: 0, alreadyMade: 0 };
	for (const db of everyShard(env)) {
		const result = await generateDueJobs({ db, live: liveChannels(env, db) }, scheduledTime);
		if (result.created) console.log(JSON.stringify({ msg: "recurring jobs made", ...result }));
		await dispatchRecorded(db, stampShard(env.WEBHOOK_QUEUE as Queue<WebhookMessage>, shardOf(db)));
		totals.created += result.created;
		totals.alreadyMade += result.alreadyMade;
	}
	return totals;
}
