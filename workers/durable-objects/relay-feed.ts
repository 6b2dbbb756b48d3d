import { and, asc, eq, inArray, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { jobStops, jobs } from "../../schema/tables/jobs";
import type { Bindings, Db } from "../app-env";
import { JobStatus } from "../contracts/live-messages";
import { fromE6 } from "../domain/geo";
import { type Geocoder, noGeocoder, searchGeocoder } from "../domain/geocode";

/** Who is on the other end of a relay socket. */
export const RELAY_ROLES = ["technician", "customer", "staff", "tracking"] as const;
export const RelayRole = z.enum(RELAY_ROLES);
export type RelayRole = z.infer<typeof RelayRole>;

/** What the Worker tells the relay about the job, fresh from D1 at every connect and status change. */
export const RelayConfig = z.object({
	tenantId: z.string(),
	jobId: z.string(),
	technicianId: z.string().nullable(),
	status: JobStatus,
	pausedMessage: z.string().nullable(),
	destination: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type RelayConfig = z.infer<typeof RelayConfig>;

/** Who is connecting, as the Worker authenticated them; the headers of the upgrade request. */
export const RelayVisitor = z.object({
	upgrade: z.literal("websocket"),
	role: RelayRole,
	subjectId: z.string().min(1).nullable(),
	sessionHash: z.string().min(1).nullable(),
});
export type RelayVisitor = Omit<z.infer<typeof RelayVisitor>, "upgrade">;

/** The headers `relayUpgradeRequest` writes and `fetch` reads. */
export const VISITOR_HEADERS = {
	role: "X-Relay-Role",
	subjectId: "X-Subject-Id",
	sessionHash: "X-Session-Hash",
} as const;

/** The WebSocket upgrade the Worker sends a relay it has just configured. */
export function relayUpgradeRequest(visitor: RelayVisitor): Request {
	const headers = new Headers({ Upgrade: "websocket", [VISITOR_HEADERS.role]: visitor.role });
	if (visitor.subjectId) headers.set(VISITOR_HEADERS.subjectId, visitor.subjectId);
	if (visitor.sessionHash) headers.set(VISITOR_HEADERS.sessionHash, visitor.sessionHash);
	return new Request("https://job-relay/live", { headers });
}

/** Statuses during which a job's relay may have watchers. */
export const LIVE_STATUSES = ["assigned", "en_route", "in_progress", "paused"] as const;

export function jobRelay(env: Bindings, jobId: string) {
	return env.JOB_RELAY.get(env.JOB_RELAY.idFromName(jobId));
}

/** The tag JobRelay gives the sockets opened through one tracking link (`role:subject`). */
export const trackingTag = (linkId: string) => `tracking:${linkId}`;

/**
 * Closes every live-tracking socket a customer has open, at once (a block). Their sockets
 * are on the relays of their live jobs: those linked to them or to their email.
 */
export async function closeCustomerSockets(
	env: Bindings,
	db: Db,
	tenantId: string,
	contact: { id: string; emailNormalized: string },
	reason: string,
	/** Which of their sockets: all by default; `session:<hash>` for one signed-out browser. */
	tag = `contact:${contact.id}`,
): Promise<number> {
	const live = await db
		.select({ id: jobs.id })
		.from(jobs)
		.where(
			and(
				eq(jobs.tenantId, tenantId),
				inArray(jobs.status, [...LIVE_STATUSES]),
				or(eq(jobs.contactId, contact.id), eq(jobs.customerEmailNormalized, contact.emailNormalized)),
			),
		);
	const closed = await Promise.all(live.map((j) => jobRelay(env, j.id).closeWatchers(tag, reason)));
	return closed.reduce((a, b) => a + b, 0);
}

/**
 * What a job's relay must know, read fresh from D1; the destination is geocoded once if needed.
 * `mayWatch` narrows the read to jobs the caller may see, so the permission check and the
 * config are one statement; a job outside it is undefined, like a missing one.
 */
export async function relayConfigFor(
	db: Db,
	tenantId: string,
	jobId: string,
	geocode: Geocoder,
	mayWatch?: SQL,
): Promise<RelayConfig | undefined> {
	const job = await db
		.select({ status: jobs.status, technicianId: jobs.technicianId, pausedMessage: jobs.pausedMessage })
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId), mayWatch))
		.get();
	if (!job) return undefined;
	const stop = await db
		.select()
		.from(jobStops)
		.where(and(eq(jobStops.tenantId, tenantId), eq(jobStops.jobId, jobId)))
		.orderBy(asc(jobStops.seq))
		.limit(1)
		.get();
	let destination = stop ? fromE6(stop.lat, stop.lng) : null;
	if (stop && !destination) {
		destination = await geocode(
			[stop.line1, stop.line2, stop.city, stop.region, stop.postalCode, stop.country]
				.filter(Boolean)
				.join(", "),
		);
		if (destination) {
			await db
				.update(jobStops)
				.set({ lat: Math.round(destination.lat * 1e6), lng: Math.round(destination.lng * 1e6) })
				.where(and(eq(jobStops.tenantId, tenantId), eq(jobStops.id, stop.id)))
				.run();
		}
	}
	return {
		tenantId,
		jobId,
		technicianId: job.technicianId,
		status: job.status,
		pausedMessage: job.pausedMessage,
		destination,
	};
}

/** The geocoder configured for this deployment (none by default). */
export function geocoderFor(env: Bindings): Geocoder {
	return env.GEOCODER_URL ? searchGeocoder(env.GEOCODER_URL) : noGeocoder;
}
