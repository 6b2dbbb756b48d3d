import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../schema";
import type { Bindings } from "../bindings";
import { generateDueJobs } from "../domain/recurring/generate";
import { liveChannels } from "../live/channels";

/** Every minute: the jobs of every active recurring series for the next 14 days, each made once. */
export async function runRecurringJob(env: Bindings, scheduledTime: number) {
	const db = drizzle(env.DB, { schema });
	const result = await generateDueJobs({ db, live: liveChannels(env, db) }, scheduledTime);
	if (result.created) console.log(JSON.stringify({ msg: "recurring jobs made", ...result }));
	return result;
}
