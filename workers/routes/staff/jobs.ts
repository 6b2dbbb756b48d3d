import { createRoute, z } from "@hono/zod-openapi";
import { JobIdParam } from "../../contracts/customer";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { PhotoParam, StaffJobSchema } from "../../contracts/staff-jobs";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import { StaffJobInput } from "../../domain/jobs/staff-job-input";
import { createStaffJob, staffJobOf, staffJobReads, staffPhotoUrl } from "../../domain/jobs/staff-jobs";
import { notFound } from "../../errors";
import { tenantGate } from "../../live/channels";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { imageAnswer, serveJobPhoto } from "../job-photos";
import { serveJobReport } from "../job-report";
import { pdfAnswerOf } from "../pdf-answer";
import { createRouter } from "../router";
import { jobTags as tags } from "./job-context";

export const staffJobRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/report.pdf",
			tags,
			summary: "The service report / proof of delivery of a completed job",
			request: { params: JobIdParam },
			responses: { 200: pdfAnswerOf("report"), ...errorResponses(401, 403, 404) },
		}),
		async (c) => serveJobReport(c, c.req.valid("param").id) as unknown as never,
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/jobs",
			tags,
			summary: "Create a job for a customer, with the portal's booking rules",
			description:
				"The body is a portal booking plus `customer`: a `contactId`, or a `name` and `email` (normalized for matching, and linked to the contact with that email if there is one). The job lands in Unassigned with source `dispatcher`. `Idempotency-Key` is optional: with one, a retry answers the job the key first created (header `Idempotent-Replayed: true`) and the key with another body is 422.",
			request: {
				params: SlugParam,
				headers: z.object({ "idempotency-key": z.string().optional() }),
				body: jsonBody(StaffJobInput),
			},
			responses: {
				201: jsonAnswer("Created", StaffJobSchema),
				...errorResponses(400, 401, 403, 404, 409, 422),
			},
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), false);
			const deps = { db, gate: tenantGate(c.env, tenant.id), now: Date.now(), notices: c.var.notices };
			const { job, replayed } = await createStaffJob(deps, tenant, requestActor(c), key, c.req.valid("json"));
			if (replayed) c.header("Idempotent-Replayed", "true");
			return c.json(job, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}",
			tags,
			summary: "A job with customer, stops, the whole timeline, notes and photos",
			request: { params: JobIdParam },
			responses: { 200: jsonAnswer("The job", StaffJobSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const rows = await readSignedIn(c, ({ tenant }) => staffJobReads(c.var.db, tenant.id, id));
			// The tenant the session was checked against, once `readSignedIn` answered.
			const job = staffJobOf(rows, staffPhotoUrl(c.var.tenant.slug, id));
			if (!job) throw notFound("That job");
			return c.json(job, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/jobs/{id}/photos/{photoId}",
			tags,
			summary: "One photo of a job",
			request: { params: PhotoParam },
			responses: { 200: imageAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id, photoId } = c.req.valid("param");
			return serveJobPhoto(c, id, photoId) as unknown as never;
		},
	);
