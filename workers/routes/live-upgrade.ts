import type { SQL } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { RelayVisitor } from "../contracts/relay";
import { relayConfigFor } from "../domain/live/live-jobs";
import { notFound } from "../errors";
import { geocoderFor, jobRelay, relayUpgradeRequest } from "../live/channels";
import { requireWebSocketUpgrade } from "./origin-check";

/**
 * Hands an authenticated WebSocket upgrade to the job's relay: configures it with the job's
 * current state over RPC, then upgrades, saying who is connecting. `mayWatch` limits the job
 * read to the jobs this person may see (none for a dispatcher, who may see every job of the
 * tenant); any other job is a 404.
 */
export async function upgradeToRelay(
	c: Context<AppEnv>,
	tenantId: string,
	jobId: string,
	who: RelayVisitor,
	mayWatch?: SQL,
): Promise<Response> {
	requireWebSocketUpgrade(c);
	const config = await relayConfigFor(c.var.db, tenantId, jobId, geocoderFor(c.env), mayWatch);
	if (!config) throw notFound("That job");
	const relay = jobRelay(c.env, jobId);
	await relay.configure(config);
	return relay.fetch(relayUpgradeRequest(who));
}
