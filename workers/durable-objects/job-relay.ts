import { DurableObject } from "cloudflare:workers";

/** One per active job (`idFromName(jobId)`): relays technician GPS to watchers over WebSockets. */
export class JobRelay extends DurableObject<Env> {
	async noop(): Promise<number> {
		return Date.now();
	}
}
