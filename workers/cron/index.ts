import type { Bindings } from "../bindings";
import { runNotificationJobs } from "./notifications";

/** Every minute (wrangler.toml `[triggers]`): each area's scheduled job, one failing not stopping the others. */
export async function runScheduled(env: Bindings, scheduledTime: number): Promise<void> {
	const jobs: Array<[string, () => Promise<unknown>]> = [
		["notifications", () => runNotificationJobs(env, scheduledTime)],
	];
	for (const [name, job] of jobs) {
		try {
			await job();
		} catch (err) {
			console.error("scheduled job failed", { job: name, err: String(err) });
		}
	}
}
