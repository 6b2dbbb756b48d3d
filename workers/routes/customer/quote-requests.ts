import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { quoteRequests } from "../../../schema/tables/billing";
import {
	QuoteRequestIdParam,
	QuoteRequestInput,
	QuoteRequestListQuery,
	QuoteRequestPageSchema,
	QuoteRequestPhotoParam,
	QuoteRequestPhotoSchema,
	QuoteRequestSchema,
} from "../../contracts/estimates";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody } from "../../contracts/staff";
import {
	addQuoteRequestPhoto,
	createQuoteRequest,
	findQuoteRequestPhoto,
	loadQuoteRequest,
	quotePhotoUrl,
	quoteRequestReads,
	quoteRequestTakingPhotos,
	toQuoteRequestPage,
} from "../../domain/estimates/quote-requests";
import { JOB_PHOTO_MAX_BYTES } from "../../domain/tenant/media";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { imageBody } from "../image-upload";
import { imageAnswer, servePrivateImage, storePrivatePhoto } from "../job-photos";
import { pageCursor } from "../page-cursor";
import { createRouter } from "../router";

const tags = ["customer quote requests"];

const mine = (contactId: string) => eq(quoteRequests.contactId, contactId);

/** Customers describe work and ask for an estimate; it lands in the dispatchers' inbox. */
export const customerQuoteRequestRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/quote-requests",
			tags,
			summary: "Ask for an estimate: the address, preferred days and what needs doing; add photos after",
			description:
				"Lands in the dispatchers' inbox; the estimate made from it names it (`quoteRequestId`) and shows in `estimateIds` once shared. 403 for billing and viewer roles.",
			request: { params: SlugParam, body: jsonBody(QuoteRequestInput) },
			responses: { 201: jsonAnswer("Asked", QuoteRequestSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { db, live, tenant, me } = c.var;
			const request = await createQuoteRequest(
				{ db, live, now: Date.now() },
				tenant,
				me,
				requestActor(c),
				c.req.valid("json"),
			);
			return c.json(request, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/quote-requests",
			tags,
			summary: "Your quote requests, newest first",
			request: { params: SlugParam, query: QuoteRequestListQuery },
			responses: { 200: jsonAnswer("A page", QuoteRequestPageSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const query = c.req.valid("query");
			const cursor = pageCursor(query.cursor);
			const rows = await readSignedIn(c, ({ tenant, me }) =>
				quoteRequestReads(c.var.db, tenant.id, mine(me.id), {
					cursor,
					limit: query.limit,
					sharedEstimatesOnly: true,
				}),
			);
			const { slug } = c.var.tenant;
			return c.json(
				toQuoteRequestPage(rows, query.limit, (r, p) => quotePhotoUrl("c", slug, r, p)),
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/quote-requests/{id}",
			tags,
			summary: "One of your quote requests",
			request: { params: QuoteRequestIdParam },
			responses: { 200: jsonAnswer("The request", QuoteRequestSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const request = await loadQuoteRequest(db, tenant, mine(me.id), c.req.valid("param").id, "c");
			if (!request) throw notFound("That quote request");
			return c.json(request, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/quote-requests/{id}/photos",
			tags,
			summary: "Add a photo (PNG, JPEG or WebP, at most 5 MB) to one of your quote requests, up to 10",
			request: { params: QuoteRequestIdParam, body: imageBody(JOB_PHOTO_MAX_BYTES) },
			responses: {
				201: jsonAnswer("Added", QuoteRequestPhotoSchema),
				...errorResponses(400, 401, 403, 404, 409),
				413: { description: "The image is larger than 5 MB" },
				415: { description: "Not a PNG, JPEG or WebP image" },
			},
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { id } = c.req.valid("param");
			await quoteRequestTakingPhotos(db, tenant.id, me, id);
			const photo = await storePrivatePhoto(c, ["quote-requests", id]);
			const added = await addQuoteRequestPhoto(db, requestActor(c), id, photo, Date.now());
			return c.json({ ...added, url: quotePhotoUrl("c", tenant.slug, id, photo.id) }, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/quote-requests/{id}/photos/{photoId}",
			tags,
			summary: "One photo of one of your quote requests",
			request: { params: QuoteRequestPhotoParam },
			responses: { 200: imageAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const { id, photoId } = c.req.valid("param");
			const { db, tenant, me } = c.var;
			const photo = await findQuoteRequestPhoto(db, tenant.id, mine(me.id), id, photoId);
			return servePrivateImage(c, photo) as unknown as never;
		},
	);
