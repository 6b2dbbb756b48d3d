import type { JobDetail, JobKind } from "../../portal/customerApi";
import type { JobStatus } from "../../shared/StatusBadge";

/** A job as `GET /api/d/:slug/jobs/:id` answers: everything, the staff-only timeline included. */
export type StaffJob = {
	id: string;
	number: number;
	kind: JobKind;
	status: JobStatus;
	source: "portal" | "dispatcher" | "api";
	reference: string | null;
	description: string | null;
	packageDescription: string | null;
	customer: {
		contactId: string | null;
		name: string | null;
		email: string | null;
		accountId: string | null;
		accountName: string | null;
		locationId: string | null;
	};
	technician: { id: string; name: string } | null;
	windowStart: string | null;
	windowEnd: string | null;
	pausedMessage: string | null;
	createdAt: string;
	updatedAt: string;
	completedAt: string | null;
	cancelledAt: string | null;
	stops: JobDetail["stops"];
	timeline: Array<{
		id: string;
		type: string;
		message: string | null;
		actorType: string;
		actorId: string | null;
		actor: string | null;
		visibleToCustomer: boolean;
		at: string;
	}>;
	notes: Array<{ id: string; authorType: string; authorId: string; text: string; at: string }>;
	photos: Array<{ id: string; url: string; contentType: string; at: string; uploadedByType: string }>;
};

/** The same job in the portal's shape, so the portal's stop list and booking draft serve it too. */
export function asPortalJob(job: StaffJob): JobDetail {
	return {
		id: job.id,
		number: job.number,
		kind: job.kind,
		status: job.status,
		source: job.source,
		reference: job.reference,
		description: job.description,
		packageDescription: job.packageDescription,
		customerName: job.customer.name,
		accountName: job.customer.accountName,
		createdAt: job.createdAt,
		windowStart: job.windowStart,
		windowEnd: job.windowEnd,
		pausedMessage: job.pausedMessage,
		technician: job.technician ? { name: job.technician.name, photoUrl: null, bio: null } : null,
		stops: job.stops,
		timeline: job.timeline,
	};
}

/** Jobs that are over: the server refuses edits, cancellation and assignment. */
export const isFinished = (job: Pick<StaffJob, "status">) =>
	job.status === "completed" || job.status === "cancelled";

export const jobPagePath = (id: string) => `/jobs/${encodeURIComponent(id)}`;
