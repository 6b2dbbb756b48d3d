import type { Bindings } from "../bindings";
import { runNotificationJobs } from "./notifications";
import { runRecurringJob } from "./recurring";
import { sweepWebhooks } from "./webhooks";

/**
 * The Cron Trigger's one entry (`crons = ["* * * * *"]`): each area's scheduled job, one after
 * another; one that fails is logged and does not stop the others.
 */
export async function runScheduled(env: Bindings, scheduledTime: number): Promise<void> {
	const jobs: Array<[string, (env: Bindings, at: number) => Promise<unknown>]> = [
		["recurring", runRecurringJob],
		["notifications", runNotificationJobs],
		["webhooks", sweepWebhooks],
	];
	for (const [name, job] of jobs) {
		try {
			await job(env, scheduledTime);
		} catch (err) {
			console.error(JSON.stringify({ msg: "scheduled job failed", job: name, err: String(err) }));
		}
	}
}
