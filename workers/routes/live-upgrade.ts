import type { SQL } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { relayConfigFor } from "../domain/live-jobs";
import type { RelayRole } from "../durable-objects/job-relay";
import { notFound } from "../errors";
import { geocoderFor, jobRelay } from "../live/channels";
import { requireWebSocketUpgrade } from "./origin-check";

/**
 * Hands an authenticated WebSocket upgrade to the job's relay, with the job's current state
 * and who is connecting. `mayWatch` limits the job read to the jobs this person may see
 * (none for a dispatcher, who may see every job of the tenant); any other job is a 404.
 */
export async function upgradeToRelay(
	c: Context<AppEnv>,
	tenantId: string,
	jobId: string,
	who: { role: RelayRole; subjectId: string | null; sessionHash: string | null },
	mayWatch?: SQL,
): Promise<Response> {
	requireWebSocketUpgrade(c);
	const config = await relayConfigFor(c.var.db, tenantId, jobId, geocoderFor(c.env), mayWatch);
	if (!config) throw notFound("That job");
	const headers = new Headers({
		Upgrade: "websocket",
		"X-Relay-Role": who.role,
		"X-Relay-Config": JSON.stringify(config),
	});
	if (who.subjectId) headers.set("X-Subject-Id", who.subjectId);
	if (who.sessionHash) headers.set("X-Session-Hash", who.sessionHash);
	return jobRelay(c.env, jobId).fetch(new Request("https://job-relay/live", { headers }));
}
