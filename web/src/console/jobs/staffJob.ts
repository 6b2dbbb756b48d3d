import type { z } from "zod";
import type { StaffJobSchema } from "../../../../workers/contracts/staff-jobs";
import type { JobDetail } from "../../portal/customerApi";
import { isFinished } from "../../shared/jobStatus";

/** A job as `GET /api/d/:slug/jobs/:id` answers: everything, the staff-only timeline included. */
export type StaffJob = z.infer<typeof StaffJobSchema>;

/** The same job in the portal's shape, so the portal's stop list and booking draft serve it too. */
export function asPortalJob(job: StaffJob): JobDetail {
	return {
		...job,
		customerName: job.customer.name,
		accountName: job.customer.accountName,
		technician: job.technician ? { name: job.technician.name, photoUrl: null, bio: null } : null,
	};
}

/** Jobs that are over: the server refuses edits, cancellation and assignment. */
export const isFinishedJob = (job: Pick<StaffJob, "status">) => isFinished(job.status);

export const jobPagePath = (id: string) => `/jobs/${encodeURIComponent(id)}`;
