import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses } from "../../contracts/openapi";
import { Instant, jsonAnswer, jsonBody } from "../../contracts/staff";
import { PhotoParam } from "../../contracts/staff-jobs";
import {
	addCustomerNote,
	addCustomerPhoto,
	customerJobPhotos,
	customerVisibleJob,
	jobTakingPhotos,
} from "../../domain/jobs/customer-additions";
import { JobNoteInput } from "../../domain/jobs/staff-job-input";
import { JOB_PHOTO_MAX_BYTES } from "../../domain/tenant/media";
import { customerScope } from "../../middleware/customer";
import { requestActor } from "../actor";
import { imageBody } from "../image-upload";
import { imageAnswer, serveJobPhoto, storeJobPhoto } from "../job-photos";
import { createRouter } from "../router";

const tags = ["customer jobs"];

const CustomerPhoto = z
	.object({ id: z.string(), url: z.string(), mine: z.boolean(), at: Instant })
	.openapi("CustomerJobPhoto");

const photoUrl = (slug: string, jobId: string, photoId: string) =>
	`/api/c/${slug}/jobs/${jobId}/photos/${photoId}`;

/** What a customer's addition to a job needs: who they are, what they may see, the boards to tell. */
const addition = (c: Context<AppEnv>) => ({
	deps: { db: c.var.db, live: c.var.live, now: Date.now(), notices: c.var.notices },
	actor: requestActor(c),
	me: c.var.me,
	scope: customerScope(c),
});

/** Customers add a note or photo to their job before the visit; dispatchers are alerted. */
export const customerJobNoteRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/notes",
			tags,
			summary: "Add a note to one of your jobs; it shows in the timeline and alerts the dispatcher",
			request: { params: JobIdParam, body: jsonBody(JobNoteInput) },
			responses: {
				201: jsonAnswer("Added", z.object({ id: z.string(), text: z.string(), at: Instant })),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const note = await addCustomerNote(addition(c), c.req.valid("param").id, c.req.valid("json").text);
			return c.json(note, 201);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs/{id}/photos",
			tags,
			summary: "Add a photo (PNG, JPEG or WebP, at most 5 MB) to one of your jobs",
			request: { params: JobIdParam, body: imageBody(JOB_PHOTO_MAX_BYTES) },
			responses: {
				201: jsonAnswer("Added", CustomerPhoto),
				...errorResponses(400, 401, 403, 404, 409),
				413: { description: "The image is larger than 5 MB" },
				415: { description: "Not a PNG, JPEG or WebP image" },
			},
		}),
		async (c) => {
			const add = addition(c);
			const job = await jobTakingPhotos(c.var.db, add.scope, c.req.valid("param").id);
			const photo = await storeJobPhoto(c, job.id);
			await addCustomerPhoto(add, job, photo);
			const url = photoUrl(c.var.tenant.slug, job.id, photo.id);
			return c.json({ id: photo.id, url, mine: true, at: new Date(add.deps.now).toISOString() }, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/photos",
			tags,
			summary: "The photos of one of your jobs",
			request: { params: JobIdParam },
			responses: {
				200: jsonAnswer("Photos, oldest first", z.array(CustomerPhoto)),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { tenant, me } = c.var;
			const { job, rows } = await customerJobPhotos(c.var.db, customerScope(c), c.req.valid("param").id);
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
			path: "/jobs/{id}/photos/{photoId}",
			tags,
			summary: "One photo of one of your jobs",
			request: { params: PhotoParam },
			responses: { 200: imageAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id, photoId } = c.req.valid("param");
			const job = await customerVisibleJob(c.var.db, customerScope(c), id);
			return serveJobPhoto(c, job.id, photoId) as unknown as never;
		},
	);
