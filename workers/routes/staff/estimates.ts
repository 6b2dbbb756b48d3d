import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { estimates } from "../../../schema/tables/billing";
import {
	BookingDraftSchema,
	EstimateCommentInput,
	EstimateCommentSchema,
	EstimateConvertInput,
	EstimateCreateInput,
	EstimateIdParam,
	EstimatePageSchema,
	EstimatePdfQuery,
	EstimateUpdateInput,
	IdempotencyKeyHeader,
	StaffEstimateListQuery,
	StaffEstimateSchema,
} from "../../contracts/estimates";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { StaffJobSchema } from "../../contracts/staff-jobs";
import { bookingDraft, convertEstimate } from "../../domain/estimates/convert";
import { estimateListReads, toEstimatePage } from "../../domain/estimates/customer-estimates";
import { loadEstimateState } from "../../domain/estimates/estimate-state";
import { estimateReads, staffExtraReads, toStaffEstimate } from "../../domain/estimates/estimate-view";
import {
	createEstimate,
	replyToEstimate,
	reviseEstimate,
	shareEstimate,
} from "../../domain/estimates/staff-estimates";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import { notFound } from "../../errors";
import { tenantGate } from "../../live/channels";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { estimateListFilters, pdfAnswer, serveEstimatePdf } from "../estimate-answers";
import { createRouter } from "../router";

const tags = ["dispatch estimates"];

/** The console's estimates: draft, revise (versions after sharing), share, answer the thread, book. */
export const staffEstimateRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates",
			tags,
			summary: "Create a draft estimate for an account; totals are computed here",
			description:
				"Line totals are quantity × unit price rounded half-up to the minor unit; the discount comes off the subtotal and tax (`taxRateBps`, default the tenant's setting) is on the discounted subtotal, rounded half-up once. Optional lines stay out of the totals until a customer ticks them. The draft is the dispatcher's alone until shared.",
			request: { params: SlugParam, body: jsonBody(EstimateCreateInput) },
			responses: {
				201: jsonAnswer("Created (status draft, version 1)", StaffEstimateSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const estimate = await createEstimate(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				requestActor(c),
				c.req.valid("json"),
			);
			return c.json(estimate, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/estimates",
			tags,
			summary: "The tenant's estimates, newest first, by status, account and day of creation",
			request: { params: SlugParam, query: StaffEstimateListQuery },
			responses: {
				200: jsonAnswer("A page of estimates", EstimatePageSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			const now = Date.now();
			const branches = await readSignedIn(c, ({ tenant }) => {
				const [read] = estimateListReads(
					c.var.db,
					[eq(estimates.tenantId, tenant.id)],
					estimateListFilters(query, tenant.timezone),
					now,
				);
				if (!read) throw new Error("no list read");
				return [read] as const;
			});
			return c.json(toEstimatePage(branches, query.limit, now), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/estimates/{id}",
			tags,
			summary:
				"An estimate with every version, its change summaries, the thread, the approval and the activity",
			request: { params: EstimateIdParam },
			responses: { 200: jsonAnswer("The estimate", StaffEstimateSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const rows = await readSignedIn(c, ({ tenant }) => [
				...estimateReads(c.var.db, tenant.id, id, eq(estimates.tenantId, tenant.id)),
				...staffExtraReads(c.var.db, tenant.id, id),
			]);
			const [a, b, d, e, f, g, h, i] = rows;
			const estimate = toStaffEstimate([a, b, d, e, f, g], [h, i], {
				timeZone: c.var.tenant.timezone,
				now: Date.now(),
			});
			if (!estimate) throw notFound("That estimate");
			return c.json(estimate, 200);
		},
	)
	.openapi(
		createRoute({
			method: "put",
			path: "/estimates/{id}",
			tags,
			summary: "Save the estimate's content; a new version when it was shared",
			description:
				"A draft is edited in place. Once shared, every save that changes something makes a new version (status back to `sent`) with a change summary the server derives: lines added, removed, repriced, quantity changed, reworded; other fields; totals before and after. A line keeps its `id` when the body names it. Approved estimates are final (409 `already_decided`); `baseVersion` other than the current one is 409 `version_changed`.",
			request: { params: EstimateIdParam, body: jsonBody(EstimateUpdateInput) },
			responses: {
				200: jsonAnswer("Saved", StaffEstimateSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const estimate = await reviseEstimate(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				requestActor(c),
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(estimate, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates/{id}/share",
			tags,
			summary: "Share to the portal (status sent) and email a deep link; again for a reminder",
			description:
				"The email goes to the estimate's contact, or to every admin of the account and every booker of its location (of the account without one), each in their language, unless they turned estimate emails off. `recipients` in the answer lists them. Decided or expired estimates are 409: revise them first.",
			request: { params: EstimateIdParam },
			responses: { 200: jsonAnswer("Shared", StaffEstimateSchema), ...errorResponses(401, 403, 404, 409) },
		}),
		async (c) => {
			const { db, tenant, notices } = c.var;
			// The email is recorded with the share and sent from the notification queue.
			const { estimate } = await shareEstimate(
				{ db, now: Date.now(), notices },
				tenant,
				requestActor(c),
				c.req.valid("param").id,
			);
			return c.json(estimate, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates/{id}/comments",
			tags,
			summary: "Answer in the estimate's thread, optionally on one line of any version",
			request: { params: EstimateIdParam, body: jsonBody(EstimateCommentInput) },
			responses: { 201: jsonAnswer("Added", EstimateCommentSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const comment = await replyToEstimate(
				{ db: c.var.db, now: Date.now() },
				c.var.tenant,
				requestActor(c),
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(comment, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/estimates/{id}/booking-draft",
			tags,
			summary: "The booking form pre-filled from the estimate, for converting it into a job",
			request: { params: EstimateIdParam },
			responses: { 200: jsonAnswer("The draft", BookingDraftSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const now = Date.now();
			const state = await loadEstimateState(db, tenant.id, c.req.valid("param").id);
			return c.json(await bookingDraft(db, tenant, state, now), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates/{id}/convert",
			tags,
			summary: "Turn an approved estimate into a job in the Unassigned lane, exactly once",
			description:
				"Through the same exactly-once workflow as portal bookings: the `Idempotency-Key` is required; a replay answers the same job (201, `Idempotent-Replayed: true`); another body with the key is 422. `booking` is the booking form as the dispatcher left it; without it the job is made from `booking-draft` (400 naming `booking` when that has no address). 409 `not_approved`, 409 `already_converted`.",
			request: {
				params: EstimateIdParam,
				headers: IdempotencyKeyHeader,
				body: jsonBody(EstimateConvertInput),
			},
			responses: {
				201: jsonAnswer("The job (or the replay of it)", StaffJobSchema),
				...errorResponses(400, 401, 403, 404, 409, 422),
			},
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), true);
			const { job, replayed } = await convertEstimate(
				{ db, gate: tenantGate(c.env, tenant.id), now: Date.now() },
				tenant,
				requestActor(c),
				c.req.valid("param").id,
				key,
				c.req.valid("json"),
			);
			if (replayed) c.header("Idempotent-Replayed", "true");
			return c.json(job, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/estimates/{id}/pdf",
			tags,
			summary: "A version of the estimate as a PDF (default the current one)",
			request: { params: EstimateIdParam, query: EstimatePdfQuery },
			responses: { 200: pdfAnswer, ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const { db, tenant } = c.var;
			const [a, b, d, e, f, g, h, i] = await db.batch([
				...estimateReads(db, tenant.id, id, eq(estimates.tenantId, tenant.id)),
				...staffExtraReads(db, tenant.id, id),
			]);
			const estimate = toStaffEstimate([a, b, d, e, f, g], [h, i], {
				timeZone: tenant.timezone,
				now: Date.now(),
			});
			if (!estimate) throw notFound("That estimate");
			return serveEstimatePdf(c, estimate, c.req.valid("query").version);
		},
	);
