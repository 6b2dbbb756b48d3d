import { and, asc, desc, eq, gte, inArray, or } from "drizzle-orm";
import { accounts } from "../../schema/tables/accounts";
import { jobStops, jobs } from "../../schema/tables/jobs";
import type { Db } from "../app-env";
import { fromE6 } from "./geo";
import { localDate, zonedToUtc } from "./time";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A technician's jobs for today: everything open assigned to them, and what they finished today. */
export async function technicianJobsToday(
	db: Db,
	tenantId: string,
	technicianId: string,
	timeZone: string,
	now = Date.now(),
) {
	const startOfToday = zonedToUtc(localDate(now, timeZone), timeZone) ?? now - 86_400_000;
	const rows = await db
		.select({ job: jobs, stop: jobStops, accountName: accounts.name })
		.from(jobs)
		.innerJoin(jobStops, and(eq(jobStops.tenantId, jobs.tenantId), eq(jobStops.jobId, jobs.id)))
		.leftJoin(accounts, and(eq(accounts.tenantId, jobs.tenantId), eq(accounts.id, jobs.accountId)))
		.where(
			and(
				eq(jobs.tenantId, tenantId),
				eq(jobs.technicianId, technicianId),
				or(
					inArray(jobs.status, ["assigned", "en_route", "in_progress", "paused"]),
					and(eq(jobs.status, "completed"), gte(jobs.updatedAt, startOfToday)),
				),
			),
		)
		.orderBy(asc(jobs.windowStart), desc(jobs.createdAt), asc(jobStops.seq));
	const byJob = new Map<string, ReturnType<typeof toTechnicianJob>>();
	for (const { job, stop, accountName } of rows) {
		const entry = byJob.get(job.id) ?? toTechnicianJob(job, accountName);
		entry.stops.push({
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
		byJob.set(job.id, entry);
	}
	return [...byJob.values()];
}

function toTechnicianJob(job: typeof jobs.$inferSelect, accountName: string | null) {
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
		stops: [] as Array<{
			seq: number;
			kind: string;
			line1: string;
			line2: string | null;
			city: string;
			region: string | null;
			postalCode: string | null;
			contactName: string | null;
			contactPhone: string | null;
			instructions: string | null;
			location: { lat: number; lng: number } | null;
		}>,
	};
}
