import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { quoteRequests } from "../../../schema/tables/billing";
import {
	QuoteRequestIdParam,
	QuoteRequestListQuery,
	QuoteRequestPageSchema,
	QuoteRequestPhotoParam,
	QuoteRequestSchema,
} from "../../contracts/estimates";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer } from "../../contracts/staff";
import {
	findQuoteRequestPhoto,
	loadQuoteRequest,
	quotePhotoUrl,
	quoteRequestReads,
	toQuoteRequestPage,
} from "../../domain/estimates/quote-requests";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { imageAnswer, servePrivateImage } from "../job-photos";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const tags = ["dispatch quote requests"];

const ofTenant = (tenantId: string) => eq(quoteRequests.tenantId, tenantId);

/** The quote requests customers sent, to answer with an estimate (`quoteRequestId` on create). */
export const staffQuoteRequestRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/quote-requests",
			tags,
			summary: "Quote requests, newest first, each with the estimates made from it",
			request: { params: SlugParam, query: QuoteRequestListQuery },
			responses: { 200: jsonAnswer("A page", QuoteRequestPageSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const query = c.req.valid("query");
			const cursor = pageCursor(query.cursor);
			const rows = await readSignedIn(c, ({ tenant }) =>
				quoteRequestReads(c.var.db, tenant.id, ofTenant(tenant.id), {
					cursor,
					limit: query.limit,
					sharedEstimatesOnly: false,
				}),
			);
			const { slug } = c.var.tenant;
			return c.json(
				toQuoteRequestPage(rows, query.limit, (r, p) => quotePhotoUrl("d", slug, r, p)),
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/quote-requests/{id}",
			tags,
			summary: "One quote request with its photos and estimates",
			request: { params: QuoteRequestIdParam },
			responses: { 200: jsonAnswer("The request", QuoteRequestSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const request = await loadQuoteRequest(db, tenant, ofTenant(tenant.id), c.req.valid("param").id, "d");
			if (!request) throw notFound("That quote request");
			return c.json(request, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/quote-requests/{id}/photos/{photoId}",
			tags,
			summary: "One photo of a quote request",
			request: { params: QuoteRequestPhotoParam },
			responses: { 200: imageAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id, photoId } = c.req.valid("param");
			const { db, tenant } = c.var;
			const photo = await findQuoteRequestPhoto(db, tenant.id, ofTenant(tenant.id), id, photoId);
			return servePrivateImage(c, photo) as unknown as never;
		},
	);
