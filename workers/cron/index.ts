import type { Bindings } from "../bindings";
import { sweepWebhooks } from "./webhooks";

/** The Worker's cron (`* * * * *`): each area's scheduled job, one failing never stopping the others. */
export async function runScheduled(env: Bindings, scheduledTime: number) {
	const jobs: Array<[string, () => Promise<void>]> = [["webhooks", () => sweepWebhooks(env, scheduledTime)]];
	for (const [name, job] of jobs) {
		try {
			await job();
		} catch (err) {
			console.error("scheduled job failed", {
				job: name,
				message: err instanceof Error ? err.message : String(err),
			});
		}
	}
}
