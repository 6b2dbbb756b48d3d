import type { jobStops, jobs } from "../../../schema/tables/jobs";
import { fromE6 } from "../live/geo";
import { iso } from "../time";

/** A stop as the technician's card shows it: where to go, who meets them, and the pin. */
export const technicianStopView = (stop: typeof jobStops.$inferSelect) => ({
	seq: stop.seq,
	kind: stop.kind,
	line1: stop.line1,
	line2: stop.line2,
	city: stop.city,
	region: stop.region,
	postalCode: stop.postalCode,
	contactName: stop.contactName,
	contactPhone: stop.contactPhone,
	instructions: stop.instructions,
	location: fromE6(stop.lat, stop.lng),
});

/**
 * A job as a technician's day lists it, its stops added in order by the caller. It imports
 * only table types, so the technician app names this shape too instead of copying it.
 */
export function toTechnicianJob(job: typeof jobs.$inferSelect, accountName: string | null) {
	return {
		id: job.id,
		number: job.number,
		kind: job.kind,
		status: job.status,
		reference: job.reference,
		customerName: job.customerName,
		accountName,
		packageDescription: job.packageDescription,
		description: job.description,
		pausedMessage: job.pausedMessage,
		windowStart: iso(job.windowStart),
		windowEnd: iso(job.windowEnd),
		stops: [] as Array<ReturnType<typeof technicianStopView>>,
	};
}

export type TechnicianJob = ReturnType<typeof toTechnicianJob>;
