import { DurableObject } from "cloudflare:workers";
import { guarded } from "./guarded";

/** One per active job (`idFromName(jobId)`): relays technician GPS to watchers over WebSockets. */
export class JobRelay extends DurableObject<Env> {
	async noop(): Promise<number> {
		return Date.now();
	}

	/** Closes the sockets carrying a tag (`contact:<id>` when a customer is blocked, `session:<hash>`). */
	async closeWatchers(tag: string, reason: string): Promise<number> {
		return guarded("JobRelay:closeWatchers", () => {
			const sockets = this.ctx.getWebSockets(tag);
			for (const ws of sockets) ws.close(4003, reason);
			return sockets.length;
		});
	}
}
