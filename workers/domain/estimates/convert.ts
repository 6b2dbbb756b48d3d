import type { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { accounts, locations } from "../../../schema/tables/accounts";
import { estimates, quoteRequests } from "../../../schema/tables/billing";
import { jobs } from "../../../schema/tables/jobs";
import type { EstimateConvertInput } from "../../contracts/estimates";
import { StaffJobSchema } from "../../contracts/staff-jobs";
import type { Db } from "../../db";
import { AppError, fieldInvalid, invalidFields } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { loadBoardJob } from "../jobs/board";
import { BookingInput } from "../jobs/booking-input";
import { bookingWindow } from "../jobs/booking-rules";
import { jobOfKey, resolveKnownPlaces } from "../jobs/bookings";
import { createJobOnce, type IdempotencyGate } from "../jobs/create-job-once";
import { newJobStatements } from "../jobs/job-creation";
import { loadStaffJob, resolveJobCustomer, staffPhotoUrl } from "../jobs/staff-jobs";
import type { Tenant } from "../tenant/tenant";
import { localDate, nextDate } from "../time";
import { isUniqueViolation } from "../unique-violation";
import { jobWebhookStatements } from "../webhooks/events";
import { type EstimateState, loadEstimateState } from "./estimate-state";
import { eventInsert } from "./estimate-writes";

/** The date `days` after a "YYYY-MM-DD" day. */
function addDays(date: string, days: number): string {
	let d = date;
	for (let i = 0; i < days; i++) d = nextDate(d);
	return d;
}

/** What the booking form is pre-filled with when an approved estimate becomes a job. */
export type BookingDraft = {
	kind: "pickup_delivery" | "service_call";
	address: {
		line1: string;
		line2: string | null;
		city: string;
		region: string | null;
		postalCode: string | null;
		country: string;
	} | null;
	description: string;
	reference: string;
	preferredFrom: string;
	preferredTo: string;
	booking: BookingInput | null;
};

/**
 * The booking form pre-filled from an estimate: a service call (when the tenant takes them) at
 * the quote request's address, else the location's; the lines as the description; the
 * customer's preferred days when still ahead, else from today for a week; "Estimate #N" as the
 * reference. `booking` is the whole booking when nothing is missing.
 */
export async function bookingDraft(
	db: Db,
	tenant: Tenant,
	state: EstimateState,
	now: number,
): Promise<BookingDraft> {
	const { row, current } = state;
	const [request, location] = await db.batch([
		db
			.select()
			.from(quoteRequests)
			.where(and(eq(quoteRequests.tenantId, tenant.id), eq(quoteRequests.id, row.quoteRequestId ?? ""))),
		db
			.select()
			.from(locations)
			.where(and(eq(locations.tenantId, tenant.id), eq(locations.id, row.locationId ?? ""))),
	]);
	const place = request[0] ?? location[0];
	const address = place
		? {
				line1: place.line1,
				line2: place.line2,
				city: place.city,
				region: place.region,
				postalCode: place.postalCode,
				country: place.country,
			}
		: null;
	const today = localDate(now, tenant.timezone);
	const asked = request[0];
	const preferredFrom = asked?.preferredFrom && asked.preferredFrom >= today ? asked.preferredFrom : today;
	const preferredTo =
		asked?.preferredTo && asked.preferredTo >= preferredFrom ? asked.preferredTo : addDays(preferredFrom, 7);
	const lines = current.lines.filter(
		(l) => !l.optional || (state.rows[4][0]?.optionalItemIds ?? []).includes(l.id),
	);
	const description = [row.title, ...lines.map((l) => `• ${l.description}`)].join("\n").slice(0, 2000);
	const reference = `Estimate #${row.number}`;
	const kind = tenant.settings.jobKinds.includes("service_call") ? "service_call" : "pickup_delivery";
	const candidate =
		kind === "service_call" && address
			? BookingInput.safeParse({
					kind,
					service: {
						address: {
							line1: address.line1,
							line2: address.line2 ?? undefined,
							city: address.city,
							region: address.region ?? undefined,
							postalCode: address.postalCode ?? undefined,
							country: address.country,
						},
					},
					preferredFrom,
					preferredTo,
					description,
					reference,
				})
			: null;
	return {
		kind,
		address,
		description,
		reference,
		preferredFrom,
		preferredTo,
		booking: candidate?.success ? candidate.data : null,
	};
}

/** 409 unless the estimate is approved and not yet a job. */
function requireConvertible(state: EstimateState): void {
	if (state.row.jobId) {
		throw new AppError(409, "already_converted", "This estimate is already booked as a job.");
	}
	if (state.row.status !== "approved") {
		throw new AppError(409, "not_approved", "Only an approved estimate can be turned into a job.");
	}
}

/**
 * An approved estimate becomes a job in the Unassigned lane through the same exactly-once
 * workflow as portal bookings (`createJobOnce`, the dispatcher's Idempotency-Key; a replay
 * answers the same job). The job is for the estimate's contact (or account), pre-filled from
 * it (`bookingDraft`) unless the form sends a booking, and linked both ways in the same atomic
 * batch; UNIQUE(tenant, estimate) on jobs keeps it to one job per estimate whatever the keys.
 */
export async function convertEstimate(
	deps: { db: Db; gate: IdempotencyGate; now: number },
	tenant: Tenant,
	actor: Actor,
	estimateId: string,
	key: string,
	input: EstimateConvertInput,
): Promise<{ job: z.infer<typeof StaffJobSchema>; replayed: boolean }> {
	const { db, now } = deps;
	const view = (id: string) => loadStaffJob(db, tenant.id, id, staffPhotoUrl(tenant.slug, id));
	return createJobOnce({
		gate: deps.gate,
		ownerId: actor.id,
		key,
		body: { estimateId, ...input },
		answer: StaffJobSchema,
		noun: "job",
		now,
		findByKey: (scopedKey) => jobOfKey(db, tenant.id, scopedKey, view),
		write: async (scopedKey) => {
			const state = await loadEstimateState(db, tenant.id, estimateId);
			requireConvertible(state);
			const { row } = state;
			const booking = input.booking ?? (await bookingDraft(db, tenant, state, now)).booking;
			if (!booking) {
				throw fieldInvalid(
					["booking"],
					"Add where and when the work is: this estimate has no address to book at.",
				);
			}
			if (!tenant.settings.jobKinds.includes(booking.kind)) {
				throw fieldInvalid(["booking", "kind"], `${tenant.name} does not take this kind of job.`);
			}
			const window = bookingWindow(booking, tenant.timezone, now);
			const [account] = await db
				.select({ name: accounts.name })
				.from(accounts)
				.where(and(eq(accounts.tenantId, tenant.id), eq(accounts.id, row.accountId)));
			const resolved = await resolveJobCustomer(
				db,
				tenant.id,
				row.contactId
					? { contactId: row.contactId, accountId: row.accountId }
					: { name: account?.name ?? "", accountId: row.accountId },
			);
			if (!window.ok || !resolved.ok) {
				const issues = [...(window.ok ? [] : window.issues), ...(resolved.ok ? [] : resolved.issues)];
				throw invalidFields(
					issues.map((i) => ({ ...i, path: ["booking", ...i.path], field: `booking.${i.field}` })),
				);
			}
			const customer = { ...resolved.customer, locationId: row.locationId ?? resolved.customer.locationId };
			const known = await resolveKnownPlaces(db, tenant.id, customer.accountId, booking);
			if (known.issues.length) throw invalidFields(known.issues);
			const { jobId, statements } = newJobStatements(db, {
				tenantId: tenant.id,
				input: booking,
				window: window.window,
				places: known.places,
				source: "dispatcher",
				status: "unassigned",
				customer,
				technicianId: null,
				createdBy: { type: "staff", id: actor.id, label: actor.label },
				createdMessage: `Booked from estimate #${row.number}`,
				scopedIdempotencyKey: scopedKey,
				now,
			});
			statements.push(
				// UNIQUE(tenant_id, estimate_id): a second job for this estimate fails the whole batch.
				db
					.update(jobs)
					.set({ estimateId })
					.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, jobId))),
				db
					.update(estimates)
					.set({ jobId, updatedAt: now })
					.where(and(eq(estimates.tenantId, tenant.id), eq(estimates.id, estimateId))),
				eventInsert(
					db,
					{
						tenantId: tenant.id,
						estimateId,
						type: "converted",
						actor: { type: "staff", id: actor.id, label: actor.label },
						message: "Booked as a job",
						version: row.currentVersion,
						data: { jobId },
					},
					now,
				),
				auditBy(
					db,
					actor,
					{ action: "estimate.converted", targetType: "estimate", targetId: estimateId, data: { jobId } },
					now,
				),
				auditBy(
					db,
					actor,
					{
						action: "job.created",
						targetType: "job",
						targetId: jobId,
						data: { estimateId, contactId: customer.contactId },
					},
					now,
				),
			);
			statements.push(...jobWebhookStatements(db, tenant.id, "job.created", jobId, now));
			try {
				await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
			} catch (err) {
				// Another key converted it first: that job stands, this one was never written.
				if (
					isUniqueViolation(err) &&
					!(scopedKey && (await jobOfKey(db, tenant.id, scopedKey, async (id) => id)))
				) {
					requireConvertible(await loadEstimateState(db, tenant.id, estimateId));
				}
				throw err;
			}
			const [job, boardJob] = await Promise.all([view(jobId), loadBoardJob(db, tenant.id, jobId)]);
			if (!job || !boardJob) throw new Error(`converted job ${jobId} not readable`);
			return { job, publish: [{ type: "job", job: boardJob }] };
		},
	});
}
