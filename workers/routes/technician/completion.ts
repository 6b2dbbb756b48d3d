import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import { jobPhotos, jobs } from "../../../schema/tables/jobs";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses } from "../../contracts/openapi";
import { CompletionAnswerSchema, CompletionInput } from "../../contracts/proof";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import {
	replayRecord,
	requestKey,
	requestRecordRead,
	requestRecordWrites,
} from "../../domain/jobs/request-records";
import { completeJob } from "../../domain/proof/completion";
import { JOB_PHOTO_MAX_BYTES } from "../../domain/tenant/media";
import { notFound } from "../../errors";
import { requestActor } from "../actor";
import { imageBody } from "../image-upload";
import { storeJobPhoto } from "../job-photos";
import { afterCompletion } from "../job-report";
import { createRouter } from "../router";

const tags = ["technician"];
const PhotoAnswer = z.object({ id: z.string() }).openapi("TechnicianPhoto");
const OPEN = ["assigned", "en_route", "in_progress", "paused"] as const;

/** Completing a job with its proof, and the photos that go with it. */
export const technicianCompletionRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/photos",
			tags,
			summary: "Add a photo (PNG, JPEG or WebP, at most 5 MB) to a job assigned to you, for its completion",
			description:
				"`Idempotency-Key` is optional: with one, a repeat answers the photo the key first stored, so a phone that uploads a queued photo twice stores it once.",
			request: {
				params: JobIdParam,
				headers: z.object({ "idempotency-key": z.string().optional() }),
				body: imageBody(JOB_PHOTO_MAX_BYTES),
			},
			responses: {
				201: jsonAnswer("Stored", PhotoAnswer),
				...errorResponses(400, 401, 403, 404, 422),
				413: { description: "The image is larger than 5 MB" },
				415: { description: "Not a PNG, JPEG or WebP image" },
			},
		}),
		async (c) => {
			const { db } = c.var;
			const actor = requestActor(c);
			const { id } = c.req.valid("param");
			const now = Date.now();
			const raw = checkIdempotencyKey(c.req.header("Idempotency-Key"), false, "photo");
			const key = raw ? await requestKey(actor.tenantId, `job-photo:${actor.id}`, raw, { jobId: id }) : null;
			const [record] = key ? await requestRecordRead(db, key, now) : [];
			if (key && record) {
				c.header("Idempotent-Replayed", "true");
				return c.json(replayRecord(key, record, PhotoAnswer, "photo"), 201);
			}
			const [job] = await db
				.select({ id: jobs.id })
				.from(jobs)
				.where(
					and(
						eq(jobs.tenantId, actor.tenantId),
						eq(jobs.id, id),
						eq(jobs.technicianId, actor.id),
						inArray(jobs.status, [...OPEN]),
					),
				);
			if (!job) throw notFound("That job");
			const photo = await storeJobPhoto(c, job.id);
			await db.batch([
				db.insert(jobPhotos).values({
					id: photo.id,
					tenantId: actor.tenantId,
					jobId: job.id,
					uploadedByType: "technician",
					uploadedById: actor.id,
					objectKey: photo.key,
					contentType: photo.type,
					sizeBytes: photo.size,
					createdAt: now,
				}),
				...(key
					? requestRecordWrites(db, key, { status: 201, body: { id: photo.id }, resourceId: photo.id }, now)
					: []),
			]);
			return c.json({ id: photo.id }, 201);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/complete",
			tags,
			summary: "Complete a job with its proof of work, or say it could not be completed",
			description:
				'`Idempotency-Key` is required: a completion queued on the phone and sent again answers the first completion (200, header `Idempotent-Replayed: true`); the key with another body is 422. What the tenant requires for the job\'s kind (settings `proofRules`) is checked: a missing item is 400 naming each. `outcome: "failed"` needs a `failureReason`; the job goes back to the board, unassigned and flagged, and the customer is emailed.',
			request: {
				params: JobIdParam,
				headers: z.object({ "idempotency-key": z.string().openapi({ example: "5b0e7c1d-…" }) }),
				body: jsonBody(CompletionInput),
			},
			responses: {
				200: jsonAnswer("The job and its completion", CompletionAnswerSchema),
				...errorResponses(400, 401, 403, 404, 409, 422),
			},
		}),
		async (c) => {
			const { db, live, tenant } = c.var;
			const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), true, "completion");
			const deps = { db, live, media: c.env.MEDIA, now: Date.now(), notices: c.var.notices };
			const { id } = c.req.valid("param");
			const made = await completeJob(deps, requestActor(c), tenant, id, c.req.valid("json"), key);
			if (made.replayed) c.header("Idempotent-Replayed", "true");
			else afterCompletion(c, made.answer);
			return c.json(made.answer, 200);
		},
	);
