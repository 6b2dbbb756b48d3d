import { createRoute, z } from "@hono/zod-openapi";
import { JobDetailSchema, PlacesSchema } from "../../contracts/customer";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { scopeOf } from "../../domain/customers/permissions";
import { BookingInput } from "../../domain/jobs/booking-input";
import { checkIdempotencyKey } from "../../domain/jobs/create-job-once";
import { customerPlaceReads, toCustomerPlaces } from "../../domain/jobs/customer-places";
import { bookedThroughGate } from "../../domain/jobs/gate-booking";
import { tenantGate } from "../../live/channels";
import { noteBookmark } from "../../middleware/database";
import { readSignedIn } from "../../middleware/signed-in-read";
import { dispatchWrittenElsewhere } from "../../middleware/webhook-dispatch";
import { requestMeta } from "../../request-meta";
import { createRouter } from "../router";

export const bookingRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/bookings",
			tags: ["bookings"],
			summary: "Book a pickup or service call, exactly once per Idempotency-Key",
			description:
				"The job lands in the dispatcher's Unassigned lane. The same key with the same body replays the first answer (same job); with another body it is 422; while the first is still running it is 409.",
			request: {
				params: SlugParam,
				headers: z.object({ "idempotency-key": z.string().optional().openapi({ example: "3f1c2a9e-…" }) }),
				body: { content: { "application/json": { schema: BookingInput } }, required: true },
			},
			responses: {
				201: {
					description: "Booked (or the replay of the first booking)",
					content: { "application/json": { schema: JobDetailSchema } },
				},
				...errorResponses(400, 401, 403, 404, 409, 422),
			},
		}),
		async (c) => {
			const { tenant, me, notices, shard } = c.var;
			const key = checkIdempotencyKey(c.req.header("Idempotency-Key"), true);
			// One call to the tenant's gate claims the key, writes the booking and tells the boards.
			const answer = await tenantGate(c.env, tenant.id).book({
				shard,
				tenant,
				me,
				key,
				input: c.req.valid("json"),
				meta: requestMeta(c),
				now: Date.now(),
				noticeOrigin: notices?.origin ?? null,
			});
			const { job, replayed, noticeIds, webhookEvents, bookmark } = bookedThroughGate(answer);
			// The booked notification is written with the job and emailed from the notification queue.
			notices?.ids.push(...noticeIds);
			noteBookmark(c, bookmark);
			await dispatchWrittenElsewhere(c, webhookEvents, bookmark);
			if (replayed) c.header("Idempotent-Replayed", "true");
			return c.json(job, 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/addresses",
			tags: ["bookings"],
			summary: "Saved places to book from: account locations, saved addresses, recent addresses",
			request: { params: SlugParam },
			responses: {
				200: {
					description: "Places",
					content: {
						"application/json": {
							schema: PlacesSchema,
						},
					},
				},
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const rows = await readSignedIn(c, ({ tenant, me }) => {
				const scope = scopeOf(tenant, me, "jobs");
				const only = scope.wholeAccount ? [] : scope.locationIds;
				return customerPlaceReads(c.var.db, tenant.id, me.accountId, me.id, only);
			});
			return c.json(toCustomerPlaces(rows), 200);
		},
	);
