import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { type JobStatus, jobEvents, jobNotes, jobPhotos, jobs } from "../../schema/tables/jobs";
import type { AppEnv } from "../app-env";
import { JobIdParam } from "../contracts/customer";
import { errorResponses } from "../contracts/openapi";
import { Instant, jsonAnswer, jsonBody } from "../contracts/staff";
import { PhotoParam } from "../contracts/staff-jobs";
import { auditInsert } from "../domain/audit";
import { visibleJobs } from "../domain/customer-scope";
import { newId } from "../domain/ids";
import { customerLabel, inboxAlertInsert } from "../domain/inbox";
import { FINISHED_STATUSES } from "../domain/job-edits";
import { JOB_PHOTO_MAX_BYTES } from "../domain/media";
import { JobNoteInput } from "../domain/staff-job-input";
import { publishUnreadAlerts } from "../durable-objects/board-feed";
import { AppError, notFound } from "../errors";
import { customerScope } from "../middleware/customer";
import { requireSession } from "../middleware/session";
import { resolveTenant } from "../middleware/tenant";
import { requestMeta } from "../request-meta";
import { imageBody } from "./image-upload";
import { imageAnswer, serveJobPhoto, storeJobPhoto } from "./job-photos";
import { createRouter } from "./router";

const customer = [resolveTenant, requireSession("customer")];
const tags = ["customer jobs"];

const CustomerPhoto = z
	.object({ id: z.string(), url: z.string(), mine: z.boolean(), at: Instant })
	.openapi("CustomerJobPhoto");

const photoUrl = (slug: string, jobId: string, photoId: string) =>
	`/api/c/${slug}/jobs/${jobId}/photos/${photoId}`;

/** A job the signed-in customer may see; anything else is 404, whoever's it is. */
async function visibleJob(c: Context<AppEnv>, id: string) {
	const job = await c.var.db
		.select({ id: jobs.id, number: jobs.number, status: jobs.status })
		.from(jobs)
		.where(and(eq(jobs.id, id), visibleJobs(customerScope(c))))
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

/**
 * What a customer's addition writes in one batch: the timeline entry they see, the
 * dispatchers' inbox alert and the audit entry.
 */
function additionStatements(
	c: Context<AppEnv>,
	job: { id: string; number: number },
	what: {
		type: "customer_note" | "customer_photo";
		message: string;
		title: string;
		data: Record<string, unknown>;
	},
	now: number,
) {
	const { db, tenant, me } = c.var;
	return [
		db.insert(jobEvents).values({
			id: newId("evt"),
			tenantId: tenant.id,
			jobId: job.id,
			type: what.type,
			actorType: "contact",
			actorId: me.id,
			actorLabel: me.name,
			message: what.message,
			data: what.data,
			createdAt: now,
		}),
		inboxAlertInsert(
			db,
			{
				tenantId: tenant.id,
				kind: what.type,
				jobId: job.id,
				accountId: me.accountId,
				contactId: me.id,
				title: `${customerLabel(me.name, me.accountName)} ${what.title} job #${job.number}`,
				body: what.type === "customer_note" ? what.message : null,
			},
			now,
		),
		auditInsert(
			db,
			{
				tenantId: tenant.id,
				actorType: "contact",
				actorId: me.id,
				actorLabel: me.name,
				action: what.type === "customer_note" ? "job.note_added" : "job.photo_added",
				targetType: "job",
				targetId: job.id,
				data: what.data,
				...requestMeta(c),
			},
			now,
		),
	] as const;
}

/** Customers add a note or photo to their job before the visit; dispatchers are alerted. */
export const customerJobNoteRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/api/c/{slug}/jobs/{id}/notes",
			tags,
			summary: "Add a note to one of your jobs; it shows in the timeline and alerts the dispatcher",
			middleware: customer,
			request: { params: JobIdParam, body: jsonBody(JobNoteInput) },
			responses: {
				201: jsonAnswer("Added", z.object({ id: z.string(), text: z.string(), at: Instant })),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const job = await visibleJob(c, c.req.valid("param").id);
			refuseFinished(job.status);
			const { text } = c.req.valid("json");
			const now = Date.now();
			const noteId = newId("not");
			await db.batch([
				db.insert(jobNotes).values({
					id: noteId,
					tenantId: tenant.id,
					jobId: job.id,
					authorType: "contact",
					authorId: me.id,
					body: text,
					createdAt: now,
				}),
				...additionStatements(
					c,
					job,
					{ type: "customer_note", message: text, title: "added a note to", data: { noteId } },
					now,
				),
			]);
			await publishUnreadAlerts(c.env, db, tenant.id);
			return c.json({ id: noteId, text, at: new Date(now).toISOString() }, 201);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/api/c/{slug}/jobs/{id}/photos",
			tags,
			summary: "Add a photo (PNG, JPEG or WebP, at most 5 MB) to one of your jobs",
			middleware: customer,
			request: { params: JobIdParam, body: imageBody(JOB_PHOTO_MAX_BYTES) },
			responses: {
				201: jsonAnswer("Added", CustomerPhoto),
				...errorResponses(400, 401, 403, 404, 409),
				413: { description: "The image is larger than 5 MB" },
				415: { description: "Not a PNG, JPEG or WebP image" },
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const job = await visibleJob(c, c.req.valid("param").id);
			refuseFinished(job.status);
			const photo = await storeJobPhoto(c, job.id);
			const now = Date.now();
			await db.batch([
				db.insert(jobPhotos).values({
					id: photo.id,
					tenantId: tenant.id,
					jobId: job.id,
					uploadedByType: "contact",
					uploadedById: me.id,
					objectKey: photo.key,
					contentType: photo.type,
					sizeBytes: photo.size,
					createdAt: now,
				}),
				...additionStatements(
					c,
					job,
					{
						type: "customer_photo",
						message: "Added a photo",
						title: "added a photo to",
						data: { photoId: photo.id },
					},
					now,
				),
			]);
			await publishUnreadAlerts(c.env, db, tenant.id);
			const url = photoUrl(tenant.slug, job.id, photo.id);
			return c.json({ id: photo.id, url, mine: true, at: new Date(now).toISOString() }, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/c/{slug}/jobs/{id}/photos",
			tags,
			summary: "The photos of one of your jobs",
			middleware: customer,
			request: { params: JobIdParam },
			responses: {
				200: jsonAnswer("Photos, oldest first", z.array(CustomerPhoto)),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const job = await visibleJob(c, c.req.valid("param").id);
			const rows = await db
				.select()
				.from(jobPhotos)
				.where(and(eq(jobPhotos.tenantId, tenant.id), eq(jobPhotos.jobId, job.id)))
				.orderBy(asc(jobPhotos.createdAt), asc(jobPhotos.id));
			return c.json(
				rows.map((p) => ({
					id: p.id,
					url: photoUrl(tenant.slug, job.id, p.id),
					mine: p.uploadedByType === "contact" && p.uploadedById === me.id,
					at: new Date(p.createdAt).toISOString(),
				})),
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/c/{slug}/jobs/{id}/photos/{photoId}",
			tags,
			summary: "One photo of one of your jobs",
			middleware: customer,
			request: { params: PhotoParam },
			responses: { 200: imageAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id, photoId } = c.req.valid("param");
			const job = await visibleJob(c, id);
			return serveJobPhoto(c, job.id, photoId) as unknown as never;
		},
	);
