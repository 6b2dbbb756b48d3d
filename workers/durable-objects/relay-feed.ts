import { and, eq, inArray, or } from "drizzle-orm";
import { jobs } from "../../schema/tables/jobs";
import type { Bindings, Db } from "../app-env";

/** Statuses during which a job's relay may have watchers. */
export const LIVE_STATUSES = ["assigned", "en_route", "in_progress", "paused"] as const;

export function jobRelay(env: Bindings, jobId: string) {
	return env.JOB_RELAY.get(env.JOB_RELAY.idFromName(jobId));
}

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
	const closed = await Promise.all(
		live.map((j) => jobRelay(env, j.id).closeWatchers(`contact:${contact.id}`, reason)),
	);
	return closed.reduce((a, b) => a + b, 0);
}
