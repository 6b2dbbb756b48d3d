import { and, asc, eq, inArray, or, type SQL } from "drizzle-orm";
import { jobStops, jobs } from "../../../schema/tables/jobs";
import type { RelayConfig } from "../../contracts/relay";
import type { Db } from "../../db";
import type { AccessGate } from "../sign-in/access-ended";
import { fromE6 } from "./geo";
import type { Geocoder } from "./geocode";

/**
 * The open boards (the tenant's `TenantGate`) and live views (each job's `JobRelay`), as the
 * workflows that change what they show use them. Implemented over the bindings in `live/`.
 */
export interface LiveChannels {
	/** Sends a job's current state to the open boards. */
	publishJob(tenantId: string, jobId: string): Promise<void>;
	/** Sends the inbox's unread count to the open boards after an alert was created or read. */
	publishUnreadAlerts(tenantId: string): Promise<void>;
	/**
	 * Closes a customer's live-tracking sockets at once: on the relays of their live jobs, all of
	 * them by default, or those tagged `tag` (`session:<hash>` for one signed-out browser).
	 */
	closeCustomerSockets(
		tenantId: string,
		contact: { id: string; emailNormalized: string },
		reason: string,
		tag?: string,
	): Promise<number>;
	/** Closes the board sockets tagged `tag` (`staff:<id>`, `session:<hash>`). */
	closeStaffSockets(tenantId: string, tag: string, reason: string): Promise<number>;
	/** Closes the sockets tagged `tag` on one job's relay (a revoked tracking link). */
	closeWatchers(jobId: string, tag: string, reason: string): Promise<number>;
	/** Tells a job's relay the job's current state, read fresh from D1. */
	refreshRelay(tenantId: string, jobId: string): Promise<void>;
	clearPosition(tenantId: string, technicianId: string): Promise<void>;
	/** The tenant's gate, for `announceAccessEnded`: every open page of a person, told at once. */
	accessGate(tenantId: string): AccessGate;
}

/** Statuses during which a job's relay may have watchers. */
export const LIVE_STATUSES = ["assigned", "en_route", "in_progress", "paused"] as const;

/** The tag JobRelay gives the sockets opened through one tracking link (`role:subject`). */
export const trackingTag = (linkId: string) => `tracking:${linkId}`;

/** The live jobs of a contact: those linked to them or to their email, whose relays may have their sockets. */
export async function liveJobIdsOf(
	db: Db,
	tenantId: string,
	contact: { id: string; emailNormalized: string },
): Promise<string[]> {
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
	return live.map((j) => j.id);
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
