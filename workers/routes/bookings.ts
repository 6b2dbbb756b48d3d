import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { jobs } from "../../schema/tables/jobs";
import type { AppEnv } from "../app-env";
import { linkOrigin } from "../app-origin";
import { JobDetailSchema, PlaceSchema } from "../contracts/customer";
import { errorResponses, SlugParam } from "../contracts/openapi";
import { boardJobRead, toBoardJob, unreadAlertsRead } from "../domain/board";
import { BookingInput } from "../domain/booking-input";
import { bookingWindow } from "../domain/booking-rules";
import { bookingStatements, resolveKnownPlaces } from "../domain/bookings";
import type { CustomerJob, CustomerJobRows } from "../domain/customer-jobs";
import { customerJobReads, getCustomerJob, toCustomerJob } from "../domain/customer-jobs";
import { customerPlaceReads, toCustomerPlaces } from "../domain/customer-places";
import { formatWindow } from "../domain/format";
import { canonicalJson, isIdempotencyKey } from "../domain/idempotency";
import { sha256Hex } from "../domain/secrets";
import { tenantGate } from "../durable-objects/board-feed";
import { emailBrandingOf } from "../email/branding";
import { bookingConfirmationEmail } from "../email/templates/booking-confirmation";
import { AppError } from "../errors";
import { customerScope } from "../middleware/customer";
import { requireSession } from "../middleware/session";
import { readSignedIn, requireSessionForRead } from "../middleware/signed-in-read";
import { resolveTenant } from "../middleware/tenant";
import { requestMeta } from "../request-meta";
import { createRouter } from "./router";

const BOOKING_ROLES = new Set(["admin", "booker"]);

const customer = [resolveTenant, requireSession("customer")];

function idempotencyKeyOf(c: Context<AppEnv>): string {
	const key = c.req.header("Idempotency-Key")?.trim();
	if (!key) {
		throw new AppError(
			400,
			"idempotency_key_required",
			"Send an Idempotency-Key header (one per booking, reused on retries) so a booking is never made twice.",
		);
	}
	if (!isIdempotencyKey(key)) {
		throw new AppError(400, "bad_request", "The Idempotency-Key must be 8–255 visible ASCII characters.");
	}
	return key;
}

/** Emails the booker what was booked, with a deep link to the job. Runs after the answer. */
async function sendBookingConfirmation(c: Context<AppEnv>, job: CustomerJob): Promise<void> {
	const { tenant, me, sendEmail } = c.var;
	const origin = linkOrigin(c.env, c.req.url);
	if (!origin) return;
	const stopLabel = { pickup: "Pickup", dropoff: "Drop-off", service: "Address" } as const;
	const message = bookingConfirmationEmail({
		...emailBrandingOf(tenant, origin),
		jobNumber: job.number,
		kindLabel: job.kind === "service_call" ? "Service call" : "Pickup",
		when: formatWindow(
			job.windowStart ? Date.parse(job.windowStart) : null,
			job.windowEnd ? Date.parse(job.windowEnd) : null,
			tenant.timezone,
		),
		stops: job.stops.map((s) => ({
			label: stopLabel[s.kind as keyof typeof stopLabel] ?? "Stop",
			address: [s.line1, s.line2, s.city].filter(Boolean).join(", "),
		})),
		reference: job.reference,
		link: `${origin}/c/${tenant.slug}/jobs/${job.id}`,
	});
	await sendEmail({
		tenantId: tenant.id,
		to: me.email,
		...message,
		idempotencyKey: `booking-confirmation/${job.id}`,
	});
}

/** The job a key already created, found through the D1 backstop when the gate had no record of it. */
async function jobForKey(c: Context<AppEnv>, scopedKey: string) {
	const { db, tenant } = c.var;
	const row = await db
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.idempotencyKey, scopedKey)))
		.get();
	return row ? getCustomerJob(db, customerScope(c), row.id) : undefined;
}

export const bookingRoutes = createRouter()
	.openapi(
		createRoute({
			method: "post",
			path: "/api/c/{slug}/bookings",
			tags: ["bookings"],
			summary: "Book a pickup or service call, exactly once per Idempotency-Key",
			description:
				"The job lands in the dispatcher's Unassigned lane. The same key with the same body replays the first answer (same job); with another body it is 422; while the first is still running it is 409.",
			middleware: customer,
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
			const { db, tenant, me } = c.var;
			const key = idempotencyKeyOf(c);
			const input = c.req.valid("json");
			if (!BOOKING_ROLES.has(me.role)) {
				throw new AppError(403, "forbidden", "Your role on this account can view jobs but not book them.");
			}
			if (!tenant.settings.jobKinds.includes(input.kind)) {
				throw new AppError(400, "validation_failed", "Check these fields: kind.", [
					{ path: ["kind"], field: "kind", message: `${tenant.name} does not take this kind of job here.` },
				]);
			}
			const now = Date.now();
			const gate = tenantGate(c.env, tenant.id);
			const fingerprint = await sha256Hex(canonicalJson(input));
			// Claimed before any other I/O: from here a concurrent request with this key waits its turn.
			const claim = await gate.claimIdempotencyKey(me.id, key, fingerprint, now);
			if (claim.outcome === "replay") {
				c.header("Idempotent-Replayed", "true");
				return c.json(JSON.parse(claim.body) as z.infer<typeof JobDetailSchema>, 201);
			}
			if (claim.outcome === "in_flight") {
				throw new AppError(
					409,
					"idempotency_in_flight",
					"This booking is still being made. Try again in a moment.",
					undefined,
					{
						"Retry-After": "1",
					},
				);
			}
			if (claim.outcome === "mismatch") {
				throw new AppError(
					422,
					"idempotency_key_reused",
					"This Idempotency-Key was already used for a different booking. Use a new key for a new booking.",
				);
			}
			try {
				// Checked after the claim: a retry of a booking already made replays it even once its time has passed.
				const window = bookingWindow(input, tenant.timezone, now);
				if (!window.ok) {
					const names = window.issues.map((i) => i.field).join(", ");
					throw new AppError(400, "validation_failed", `Check these fields: ${names}.`, window.issues);
				}
				const { places, issues } = await resolveKnownPlaces(db, tenant.id, me.accountId, input);
				if (issues.length) {
					throw new AppError(
						400,
						"validation_failed",
						`Check these fields: ${issues.map((i) => i.field).join(", ")}.`,
						issues,
					);
				}
				const scopedKey = `${me.id}:${key}`;
				const { jobId, statements } = bookingStatements(
					db,
					input,
					{
						tenantId: tenant.id,
						me,
						scopedIdempotencyKey: scopedKey,
						window: window.window,
						meta: requestMeta(c),
						now,
					},
					places,
				);
				// The job is read back at the end of the same atomic batch that writes it: one round trip.
				const reads = [
					...customerJobReads(db, customerScope(c), jobId),
					boardJobRead(db, tenant.id, jobId),
					unreadAlertsRead(db, tenant.id),
				];
				let written: unknown[];
				try {
					written = await db.batch([...statements, ...reads]);
				} catch (err) {
					// UNIQUE(tenant_id, idempotency_key): the job exists already, so this is a replay.
					const existing = /UNIQUE constraint failed: jobs\.tenant_id, jobs\.idempotency_key/.test(
						String(err),
					)
						? await jobForKey(c, scopedKey)
						: undefined;
					if (!existing) throw err;
					await gate.completeIdempotencyKey(me.id, key, 201, JSON.stringify(existing));
					return c.json(existing, 201);
				}
				const [jobRows, stops, events, boardRows, unreadRows] = written.slice(-reads.length) as [
					...CustomerJobRows,
					Array<Parameters<typeof toBoardJob>[0]>,
					Array<{ n: number }>,
				];
				const job = toCustomerJob([jobRows, stops, events]);
				const boardRow = boardRows[0];
				if (!job || !boardRow) throw new Error(`booked job ${jobId} not readable`);
				// The gate stores the answer for replays and tells the open boards in one call.
				await gate.completeIdempotencyKey(me.id, key, 201, JSON.stringify(job), [
					{ type: "job", job: toBoardJob(boardRow) },
					{ type: "alert", unread: unreadRows[0]?.n ?? 0 },
				]);
				// The answer does not wait for the confirmation email.
				c.executionCtx.waitUntil(
					sendBookingConfirmation(c, job).catch((err: unknown) =>
						console.error("booking confirmation failed", { jobId, err: String(err) }),
					),
				);
				return c.json(job, 201);
			} catch (err) {
				// Nothing was written (the batch is atomic), so the same key may be tried again.
				await gate.releaseIdempotencyKey(me.id, key);
				throw err;
			}
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/c/{slug}/addresses",
			tags: ["bookings"],
			summary: "Saved places to book from: account locations, saved addresses, recent addresses",
			middleware: [requireSessionForRead("customer")],
			request: { params: SlugParam },
			responses: {
				200: {
					description: "Places",
					content: {
						"application/json": {
							schema: z.object({
								locations: z.array(PlaceSchema),
								saved: z.array(PlaceSchema),
								recent: z.array(PlaceSchema),
							}),
						},
					},
				},
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const rows = await readSignedIn(c, ({ tenant, me }) =>
				customerPlaceReads(c.var.db, tenant.id, me.accountId, me.id),
			);
			return c.json(toCustomerPlaces(rows), 200);
		},
	);
