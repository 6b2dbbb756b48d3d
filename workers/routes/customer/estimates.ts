import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import {
	CustomerEstimateSchema,
	EstimateApproveInput,
	EstimateCommentInput,
	EstimateCommentSchema,
	EstimateIdParam,
	EstimateListQuery,
	EstimatePageSchema,
	EstimatePdfQuery,
	EstimateRejectInput,
	EstimateUpdateRequestInput,
	IdempotencyKeyHeader,
} from "../../contracts/estimates";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import { estimateReaderOf } from "../../domain/estimates/access";
import {
	approveEstimate,
	commentOnEstimate,
	customerEstimateListReads,
	customerEstimateOf,
	customerEstimateReads,
	recordEstimateSeen,
	rejectEstimate,
	requestUpdatedEstimate,
	toEstimatePage,
} from "../../domain/estimates/customer-estimates";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import { notFound } from "../../errors";
import { tenantGate } from "../../live/channels";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { estimateListFilters, pdfAnswer, serveEstimatePdf } from "../estimate-answers";
import { createRouter } from "../router";

const tags = ["customer estimates"];

const decision = (c: Context<AppEnv>) => ({
	db: c.var.db,
	live: c.var.live,
	now: Date.now(),
	notices: c.var.notices,
	actor: requestActor(c),
});

/** The portal's estimates: read, approve exactly once, reject, ask for changes, ask again once expired. */
export const customerEstimateRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/estimates",
			tags,
			summary:
				"The estimates shared with you, newest first, with status and date filters and a stable cursor",
			description:
				"Account admins see every estimate of the account; others those addressed to them, those of their location and those of the whole account addressed to no one. Drafts never show. `status=awaiting` (or `sent`) is what awaits your answer.",
			request: { params: SlugParam, query: EstimateListQuery },
			responses: {
				200: jsonAnswer("A page of estimates", EstimatePageSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const query = c.req.valid("query");
			const now = Date.now();
			const branches = await readSignedIn(c, ({ tenant, me }) => {
				const reads = customerEstimateListReads(
					c.var.db,
					estimateReaderOf(tenant.id, me),
					estimateListFilters(query, tenant.timezone),
					now,
				);
				return reads as [(typeof reads)[number], ...typeof reads];
			});
			return c.json(toEstimatePage(branches, query.limit, now), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/estimates/{id}",
			tags,
			summary: "One estimate: the current version's lines, every version with what it changed, the thread",
			description:
				"`lastSeenVersion` and `changesSinceLastSeen` say what changed since this contact last looked; this read records the current version as seen. 404 for drafts and for anything not yours.",
			request: { params: EstimateIdParam },
			responses: {
				200: jsonAnswer("The estimate", CustomerEstimateSchema),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const now = Date.now();
			const rows = await readSignedIn(c, ({ tenant, me }) =>
				customerEstimateReads(c.var.db, estimateReaderOf(tenant.id, me), id),
			);
			// Who the session is, checked in that same round trip.
			const { tenant, me, db } = c.var;
			const reader = estimateReaderOf(tenant.id, me);
			const estimate = customerEstimateOf(rows, reader, tenant, now);
			if (!estimate) throw notFound("That estimate");
			c.executionCtx.waitUntil(
				recordEstimateSeen(db, reader, me, estimate, now).catch((err: unknown) =>
					console.error("estimate view not recorded", { estimateId: id, err: String(err) }),
				),
			);
			return c.json(estimate, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates/{id}/approve",
			tags,
			summary: "Approve the version you read, with your typed name and the optional lines you ticked",
			description:
				"Exactly once per `Idempotency-Key` (a replay answers the same approval, header `Idempotent-Replayed: true`; another body with the key is 422; still in flight 409). Stores name, contact, time, IP, the optional lines and a SHA-256 of the exact version content. 409 `version_changed` when another version is current, 410 `expired`, 409 `already_decided`, 403 for billing and viewer roles.",
			request: {
				params: EstimateIdParam,
				headers: IdempotencyKeyHeader,
				body: jsonBody(EstimateApproveInput),
			},
			responses: {
				200: jsonAnswer("Approved (or the replay of the approval)", CustomerEstimateSchema),
				...errorResponses(400, 401, 403, 404, 409, 410, 422),
			},
		}),
		async (c) => {
			const { tenant, me } = c.var;
			const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), true);
			const { estimate, replayed } = await approveEstimate(
				{ ...decision(c), gate: tenantGate(c.env, tenant.id) },
				tenant,
				me,
				c.req.valid("param").id,
				key,
				c.req.valid("json"),
			);
			if (replayed) c.header("Idempotent-Replayed", "true");
			return c.json(estimate, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates/{id}/reject",
			tags,
			summary: "Reject the estimate, saying why",
			request: { params: EstimateIdParam, body: jsonBody(EstimateRejectInput) },
			responses: {
				200: jsonAnswer("Rejected", CustomerEstimateSchema),
				...errorResponses(400, 401, 403, 404, 409, 410),
			},
		}),
		async (c) => {
			const { tenant, me } = c.var;
			const estimate = await rejectEstimate(
				decision(c),
				tenant,
				me,
				c.req.valid("param").id,
				c.req.valid("json").reason,
			);
			return c.json(estimate, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates/{id}/comments",
			tags,
			summary:
				"Comment in the estimate's thread, optionally on one line; on an estimate awaiting you it asks for changes",
			request: { params: EstimateIdParam, body: jsonBody(EstimateCommentInput) },
			responses: {
				201: jsonAnswer("Added", EstimateCommentSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const { tenant, me } = c.var;
			const comment = await commentOnEstimate(
				decision(c),
				tenant,
				me,
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(comment, 201);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/estimates/{id}/request-update",
			tags,
			summary:
				"Ask for an updated estimate once this one expired; the dispatcher is alerted once per version",
			request: { params: EstimateIdParam, body: jsonBody(EstimateUpdateRequestInput) },
			responses: {
				200: jsonAnswer("Asked", CustomerEstimateSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { tenant, me } = c.var;
			const estimate = await requestUpdatedEstimate(
				decision(c),
				tenant,
				me,
				c.req.valid("param").id,
				c.req.valid("json").message,
			);
			return c.json(estimate, 200);
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
			const { version } = c.req.valid("query");
			const { tenant, me, db } = c.var;
			const rows = await db.batch(customerEstimateReads(db, estimateReaderOf(tenant.id, me), id));
			const estimate = customerEstimateOf(rows, estimateReaderOf(tenant.id, me), tenant, Date.now());
			if (!estimate) throw notFound("That estimate");
			return serveEstimatePdf(c, estimate, version);
		},
	);
