import { createRoute, z } from "@hono/zod-openapi";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { JobIdParam } from "../contracts/customer";
import { errorResponses, SlugParam } from "../contracts/openapi";
import { jsonAnswer, jsonBody } from "../contracts/staff";
import { PhotoParam, StaffJobSchema } from "../contracts/staff-jobs";
import { bookingWindow } from "../domain/booking-rules";
import { resolveKnownPlaces } from "../domain/bookings";
import { canonicalJson, isIdempotencyKey } from "../domain/idempotency";
import { newJobStatements } from "../domain/job-creation";
import { sha256Hex } from "../domain/secrets";
import { type StaffJobInput as StaffJobBody, StaffJobInput } from "../domain/staff-job-input";
import { resolveJobCustomer, staffJobOf, staffJobReads } from "../domain/staff-jobs";
import { isUniqueViolation } from "../domain/unique-violation";
import { publishJobToBoard, tenantGate } from "../durable-objects/board-feed";
import { AppError, notFound } from "../errors";
import { readSignedIn, requireSessionForRead } from "../middleware/signed-in-read";
import { imageAnswer, serveJobPhoto } from "./job-photos";
import { createRouter } from "./router";
import { staffAuditInsert } from "./staff-audit";
import { invalid, jobOfKey, staffJob, staffOnly, jobTags as tags } from "./staff-job-context";

export const staffJobRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/api/d/{slug}/jobs",
			tags,
			summary: "Create a job for a customer, with the portal's booking rules",
			description:
				"The body is a portal booking plus `customer`: a `contactId`, or a `name` and `email` (normalized for matching, and linked to the contact with that email if there is one). The job lands in Unassigned with source `dispatcher`. `Idempotency-Key` is optional: with one, a retry answers the job the key first created (header `Idempotent-Replayed: true`) and the key with another body is 422.",
			middleware: staffOnly,
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
			const { tenant, me } = c.var;
			const input = c.req.valid("json");
			const key = c.req.header("Idempotency-Key")?.trim();
			if (key !== undefined && !isIdempotencyKey(key)) {
				throw new AppError(400, "bad_request", "The Idempotency-Key must be 8–255 visible ASCII characters.");
			}
			const scopedKey = key ? `${me.id}:${key}` : null;
			const gate = tenantGate(c.env, tenant.id);
			if (key) {
				const claim = await gate.claimIdempotencyKey(me.id, key, await sha256Hex(canonicalJson(input)));
				if (claim.outcome === "replay") {
					c.header("Idempotent-Replayed", "true");
					return c.json(StaffJobSchema.parse(JSON.parse(claim.body)), 201);
				}
				if (claim.outcome === "in_flight") {
					throw new AppError(409, "idempotency_in_flight", "This job is still being created.", undefined, {
						"Retry-After": "1",
					});
				}
				if (claim.outcome === "mismatch") {
					throw new AppError(
						422,
						"idempotency_key_reused",
						"This Idempotency-Key was already used for another job.",
					);
				}
			}
			try {
				const job = await createJob(c, input, scopedKey);
				if (key) await gate.completeIdempotencyKey(me.id, key, 201, JSON.stringify(job.body));
				if (job.replayed) c.header("Idempotent-Replayed", "true");
				return c.json(job.body, 201);
			} catch (err) {
				if (key) await gate.releaseIdempotencyKey(me.id, key);
				throw err;
			}
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/d/{slug}/jobs/{id}",
			tags,
			summary: "A job with customer, stops, the whole timeline, notes and photos",
			middleware: [requireSessionForRead("staff")],
			request: { params: JobIdParam },
			responses: { 200: jsonAnswer("The job", StaffJobSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const rows = await readSignedIn(c, ({ tenant }) => staffJobReads(c.var.db, tenant.id, id));
			// The tenant the session was checked against, once `readSignedIn` answered.
			const job = staffJobOf(rows, (photoId) => `/api/d/${c.var.tenant.slug}/jobs/${id}/photos/${photoId}`);
			if (!job) throw notFound("That job");
			return c.json(job, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/d/{slug}/jobs/{id}/photos/{photoId}",
			tags,
			summary: "One photo of a job",
			middleware: staffOnly,
			request: { params: PhotoParam },
			responses: { 200: imageAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id, photoId } = c.req.valid("param");
			return serveJobPhoto(c, id, photoId) as unknown as never;
		},
	);

/** Writes a dispatcher's new job; a key already used answers its job instead of a second one. */
async function createJob(c: Context<AppEnv>, input: StaffJobBody, scopedKey: string | null) {
	const { db, tenant, me } = c.var;
	if (scopedKey) {
		const existing = await jobOfKey(c, scopedKey);
		if (existing) return { body: existing, replayed: true };
	}
	const { customer: choice, ...booking } = input;
	if (!tenant.settings.jobKinds.includes(booking.kind)) {
		throw invalid([
			{ path: ["kind"], field: "kind", message: `${tenant.name} does not take this kind of job.` },
		]);
	}
	const now = Date.now();
	const window = bookingWindow(booking, tenant.timezone, now);
	const resolved = await resolveJobCustomer(db, tenant.id, choice);
	const issues = [...(window.ok ? [] : window.issues), ...(resolved.ok ? [] : resolved.issues)];
	if (!window.ok || !resolved.ok) throw invalid(issues);
	const known = await resolveKnownPlaces(db, tenant.id, resolved.customer.accountId, booking);
	if (known.issues.length) throw invalid(known.issues);
	const { jobId, statements } = newJobStatements(db, {
		tenantId: tenant.id,
		input: booking,
		window: window.window,
		places: known.places,
		source: "dispatcher",
		status: "unassigned",
		customer: resolved.customer,
		technicianId: null,
		createdBy: { type: "staff", id: me.id, label: me.name },
		createdMessage: "Booked by the dispatcher",
		scopedIdempotencyKey: scopedKey,
		now,
	});
	statements.push(
		staffAuditInsert(c, {
			action: "job.created",
			targetType: "job",
			targetId: jobId,
			data: { customer: resolved.customer.emailNormalized, contactId: resolved.customer.contactId },
		}),
	);
	try {
		await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
	} catch (err) {
		const existing = scopedKey && isUniqueViolation(err) ? await jobOfKey(c, scopedKey) : undefined;
		if (!existing) throw err;
		return { body: existing, replayed: true };
	}
	await publishJobToBoard(c.env, db, tenant.id, jobId);
	return { body: await staffJob(c, jobId), replayed: false };
}
