import type { Bindings } from "../bindings";
import { type RelayVisitor, VISITOR_HEADERS } from "../contracts/relay";
import type { Db } from "../db";
import { loadBoardJob, unreadAlertsRead } from "../domain/jobs/board";
import { type Geocoder, noGeocoder, searchGeocoder } from "../domain/live/geocode";
import { type LiveChannels, liveJobIdsOf, relayConfigFor } from "../domain/live/live-jobs";

/** The tenant's gate: send limits, idempotency keys, and the fan-out to every open board. */
export function tenantGate(env: Bindings, tenantId: string) {
	return env.TENANT_GATE.get(env.TENANT_GATE.idFromName(tenantId));
}

/**
 * A call the gate may answer twice with no harm (a read), made once more on a fresh stub when the
 * object was reset under it — evicted, or moved by a deploy — which the runtime marks `retryable`.
 * Not when it is `overloaded`: another call would only add to the load.
 */
export async function repeatableGateCall<T>(
	env: Bindings,
	tenantId: string,
	call: (gate: ReturnType<typeof tenantGate>) => Promise<T>,
): Promise<T> {
	try {
		return await call(tenantGate(env, tenantId));
	} catch (err) {
		const { retryable, overloaded } = (err ?? {}) as { retryable?: unknown; overloaded?: unknown };
		if (retryable !== true || overloaded === true) throw err;
		return call(tenantGate(env, tenantId));
	}
}

/** The relay of one job: its technician's positions to its watchers. */
export function jobRelay(env: Bindings, jobId: string) {
	return env.JOB_RELAY.get(env.JOB_RELAY.idFromName(jobId));
}

/** The geocoder configured for this deployment (none by default). */
export function geocoderFor(env: Bindings): Geocoder {
	return env.GEOCODER_URL ? searchGeocoder(env.GEOCODER_URL) : noGeocoder;
}

/** The open boards and live views of this deployment, as the domain's workflows use them. */
export function liveChannels(env: Bindings, db: Db): LiveChannels {
	return {
		async publishJob(tenantId, jobId) {
			const job = await loadBoardJob(db, tenantId, jobId);
			if (job) await tenantGate(env, tenantId).publishBoard({ type: "job", job });
		},
		async publishUnreadAlerts(tenantId) {
			const [row] = await unreadAlertsRead(db, tenantId);
			await tenantGate(env, tenantId).publishBoard({ type: "alert", unread: row?.n ?? 0 });
		},
		async closeCustomerSockets(tenantId, contact, reason, tag = `contact:${contact.id}`) {
			const ids = await liveJobIdsOf(db, tenantId, contact);
			const closed = await Promise.all(ids.map((id) => jobRelay(env, id).closeWatchers(tag, reason)));
			return closed.reduce((a, b) => a + b, 0);
		},
		closeStaffSockets: (tenantId, tag, reason) => tenantGate(env, tenantId).closeSockets(tag, reason),
		closeWatchers: (jobId, tag, reason) => jobRelay(env, jobId).closeWatchers(tag, reason),
		async refreshRelay(tenantId, jobId) {
			const config = await relayConfigFor(db, tenantId, jobId, geocoderFor(env));
			if (config) await jobRelay(env, jobId).configure(config);
		},
		clearPosition: (tenantId, technicianId) => tenantGate(env, tenantId).clearPosition(technicianId),
		accessGate: (tenantId) => tenantGate(env, tenantId),
	};
}

/** The WebSocket upgrade the Worker sends a relay it has just configured. */
export function relayUpgradeRequest(visitor: RelayVisitor): Request {
	const headers = new Headers({ Upgrade: "websocket", [VISITOR_HEADERS.role]: visitor.role });
	if (visitor.subjectId) headers.set(VISITOR_HEADERS.subjectId, visitor.subjectId);
	if (visitor.sessionHash) headers.set(VISITOR_HEADERS.sessionHash, visitor.sessionHash);
	return new Request("https://job-relay/live", { headers });
}
