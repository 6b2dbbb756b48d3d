import type { jobEvents, jobNotes, jobPhotos, jobStops, jobs } from "../../../schema/tables/jobs";
import { iso } from "../time";
import { jobDetails, jobStopView } from "./job-stops";

type StaffJobRow = {
	job: typeof jobs.$inferSelect;
	technicianName: string | null;
};

/**
 * A job as the console shows it, from the rows `loadStaffJob` reads: customer, technician,
 * stops, the whole timeline (entries customers do not see included), notes and photos.
 * It imports only table types, so the console names this shape too instead of copying it.
 */
export function toStaffJob(
	row: StaffJobRow | undefined,
	stops: Array<typeof jobStops.$inferSelect>,
	events: Array<typeof jobEvents.$inferSelect>,
	notes: Array<typeof jobNotes.$inferSelect>,
	photos: Array<typeof jobPhotos.$inferSelect>,
	photoUrl: (id: string) => string,
) {
	if (!row) return undefined;
	const { job } = row;
	return {
		...jobDetails(job),
		customer: {
			contactId: job.contactId,
			name: job.customerName,
			email: job.customerEmail,
			accountId: job.accountId,
			accountName: job.accountName,
			locationId: job.locationId,
		},
		technician: job.technicianId ? { id: job.technicianId, name: row.technicianName ?? "" } : null,
		pausedMessage: job.pausedMessage,
		/** The customer's recurring booking this job is an occurrence of. */
		series: job.seriesId ? { id: job.seriesId } : null,
		updatedAt: new Date(job.updatedAt).toISOString(),
		completedAt: iso(job.completedAt),
		cancelledAt: iso(job.cancelledAt),
		stops: stops.map(jobStopView),
		timeline: events.map((e) => ({
			id: e.id,
			type: e.type,
			message: e.message,
			actorType: e.actorType,
			actorId: e.actorId,
			actor: e.actorLabel,
			visibleToCustomer: e.visibleToCustomer,
			data: e.data ?? null,
			at: new Date(e.createdAt).toISOString(),
		})),
		notes: notes.map((n) => ({
			id: n.id,
			authorType: n.authorType,
			authorId: n.authorId,
			text: n.body,
			at: new Date(n.createdAt).toISOString(),
		})),
		photos: photos.map((p) => ({
			id: p.id,
			url: photoUrl(p.id),
			contentType: p.contentType,
			sizeBytes: p.sizeBytes,
			uploadedByType: p.uploadedByType,
			uploadedById: p.uploadedById,
			at: new Date(p.createdAt).toISOString(),
		})),
	};
}

export type StaffJob = NonNullable<ReturnType<typeof toStaffJob>>;
