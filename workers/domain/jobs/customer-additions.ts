import { and, asc, eq } from "drizzle-orm";
import { type JobStatus, jobPhotos, jobs } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import { AppError, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { customerLabel, inboxAlertInsert } from "../activity/inbox";
import type { LiveChannels } from "../live/live-jobs";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import type { Me } from "../sign-in/audiences";
import { type CustomerScope, visibleJobs } from "./customer-scope";
import { noteStatements } from "./job-changes";
import { FINISHED_STATUSES } from "./job-edits";
import { jobEventInsert } from "./job-events";

/** A job the signed-in customer may see; anything else is 404, whoever's it is. */
export async function customerVisibleJob(db: Db, scope: CustomerScope, jobId: string) {
	const job = await db
		.select({ id: jobs.id, number: jobs.number, status: jobs.status })
		.from(jobs)
		.where(and(eq(jobs.id, jobId), visibleJobs(scope)))
		.get();
	if (!job) throw notFound("That job");
	return job;
}

/** Notes and photos wait for the visit; a finished job takes no more. */
function refuseFinished(status: JobStatus) {
	if (FINISHED_STATUSES.has(status)) {
		throw new AppError(409, "conflict", `This job is ${status}; contact us instead of adding to it.`);
	}
}

type Addition = {
	deps: { db: Db; live: LiveChannels; now: number; notices?: NoticeLog };
	actor: Actor;
	me: Me;
	scope: CustomerScope;
};

/** The dispatchers' inbox alert of a customer's addition to a job. */
function additionAlert(
	{ deps, actor, me }: Addition,
	job: { id: string; number: number },
	kind: "customer_note" | "customer_photo",
	title: string,
	body: string | null,
) {
	return inboxAlertInsert(
		deps.db,
		{
			tenantId: actor.tenantId,
			kind,
			jobId: job.id,
			accountId: me.accountId,
			contactId: me.id,
			title: `${customerLabel(me.name, me.accountName)} ${title} job #${job.number}`,
			body,
		},
		deps.now,
	);
}

/** The email to dispatchers who opted into customer notes and photos, in the same batch. */
function staffNoteNotice({ deps, actor, me }: Addition, job: { id: string; number: number }, what: string) {
	return notificationInsert(
		deps.db,
		deps.notices,
		{
			tenantId: actor.tenantId,
			kind: "staff_note",
			jobId: job.id,
			data: { summary: `${customerLabel(me.name, me.accountName)} ${what} job #${job.number}.` },
		},
		deps.now,
	);
}

/**
 * A customer's note on their job before the visit: the note and its timeline entry, the
 * dispatchers' inbox alert and the audit entry in one batch; the boards' unread count follows.
 */
export async function addCustomerNote(add: Addition, jobId: string, text: string) {
	const { db, live, now } = add.deps;
	const job = await customerVisibleJob(db, add.scope, jobId);
	refuseFinished(job.status);
	const { noteId, statements } = noteStatements(db, add.actor, job.id, text, now);
	await db.batch([
		...statements,
		additionAlert(add, job, "customer_note", "added a note to", text),
		staffNoteNotice(add, job, "added a note to"),
	]);
	await live.publishUnreadAlerts(add.actor.tenantId);
	return { id: noteId, text, at: new Date(now).toISOString() };
}

/** Checks a customer may add a photo to this job, before the upload is stored. */
export async function jobTakingPhotos(db: Db, scope: CustomerScope, jobId: string) {
	const job = await customerVisibleJob(db, scope, jobId);
	refuseFinished(job.status);
	return job;
}

/** Records a customer's stored photo on their job, alerted and audited like a note. */
export async function addCustomerPhoto(
	add: Addition,
	job: { id: string; number: number },
	photo: { id: string; key: string; type: string; size: number },
) {
	const { db, live, now } = add.deps;
	const data = { photoId: photo.id };
	await db.batch([
		db.insert(jobPhotos).values({
			id: photo.id,
			tenantId: add.actor.tenantId,
			jobId: job.id,
			uploadedByType: "contact",
			uploadedById: add.actor.id,
			objectKey: photo.key,
			contentType: photo.type,
			sizeBytes: photo.size,
			createdAt: now,
		}),
		jobEventInsert(db, add.actor, job.id, { type: "customer_photo", message: "Added a photo", data }, now),
		additionAlert(add, job, "customer_photo", "added a photo to", null),
		staffNoteNotice(add, job, "added a photo to"),
		auditBy(db, add.actor, { action: "job.photo_added", targetType: "job", targetId: job.id, data }, now),
	]);
	await live.publishUnreadAlerts(add.actor.tenantId);
}

/** The photos of a customer's job, oldest first. */
export async function customerJobPhotos(db: Db, scope: CustomerScope, jobId: string) {
	const job = await customerVisibleJob(db, scope, jobId);
	const rows = await db
		.select()
		.from(jobPhotos)
		.where(and(eq(jobPhotos.tenantId, scope.tenantId), eq(jobPhotos.jobId, job.id)))
		.orderBy(asc(jobPhotos.createdAt), asc(jobPhotos.id));
	return { job, rows };
}
