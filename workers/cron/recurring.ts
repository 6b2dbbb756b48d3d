import type { Bindings } from "../bindings";
import { type GenerateResult, generateDueJobs } from "../domain/recurring/generate";
import { liveChannels } from "../live/channels";
import { everyShard } from "../shards";

/** Every minute: the jobs of every active recurring series for the next 14 days, each made once, on every shard. */
export async function runRecurringJob(env: Bindings, scheduledTime: number) {
	const totals: GenerateResult = { created: 0, alreadyMade: 0 };
	for (const db of everyShard(env)) {
		const result = await generateDueJobs({ db, live: liveChannels(env, db) }, scheduledTime);
		if (result.created) console.log(JSON.stringify({ msg: "recurring jobs made", ...result }));
		totals.created += result.created;
		totals.alreadyMade += result.alreadyMade;
	}
	return totals;
}
