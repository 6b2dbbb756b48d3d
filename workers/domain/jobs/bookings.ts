import type { z } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { locations, savedAddresses } from "../../../schema/tables/accounts";
import { jobs } from "../../../schema/tables/jobs";
import { JobDetailSchema } from "../../contracts/customer";
import type { Db } from "../../db";
import { type FieldIssue, fieldInvalid, invalidFields } from "../../errors";
import { auditInsert } from "../activity/audit";
import { customerLabel, inboxAlertInsert, titledWithJobNumber } from "../activity/inbox";
import { scopeOf } from "../customers/permissions";
import { normalizeEmail } from "../email";
import type { NoticeLog } from "../notifications/record";
import type { RequestMeta } from "../request-meta";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import { jobWebhookStatements } from "../webhooks/events";
import { boardJobRead, toBoardJob, unreadAlertsRead } from "./board";
import type { BookingInput } from "./booking-input";
import type { BookingWindow } from "./booking-rules";
import { bookingWindow } from "./booking-rules";
import { createJobOnce, type IdempotencyGate } from "./create-job-once";
import { type CustomerJobRows, customerJobReads, getCustomerJob, toCustomerJob } from "./customer-jobs";
import { type KnownPlace, newJobStatements, stopsOf } from "./job-creation";

export type BookingContext = {
	tenantId: string;
	me: Me;
	/** Key as sent, scoped by the booking contact; stored on the job as the D1 backstop. */
	scopedIdempotencyKey: string | null;
	window: BookingWindow;
	meta: RequestMeta;
	now: number;
	notices?: NoticeLog;
};

/**
 * The account's saved addresses and locations a booking refers to, for their coordinates.
 * An id that is not the account's is an issue on that field.
 */
export async function resolveKnownPlaces(
	db: Db,
	tenantId: string,
	accountId: string | null,
	input: BookingInput,
): Promise<{ places: Map<string, KnownPlace>; issues: FieldIssue[] }> {
	const wanted = stopsOf(input).flatMap(([kind, stop]) =>
		stop.savedAddressId ? [[kind, stop.savedAddressId]] : [],
	);
	const places = new Map<string, KnownPlace>();
	if (wanted.length && accountId) {
		const ids = wanted.map(([, id]) => id as string);
		const [saved, locs] = await db.batch([
			db
				.select({ id: savedAddresses.id, lat: savedAddresses.lat, lng: savedAddresses.lng })
				.from(savedAddresses)
				.where(
					and(
						eq(savedAddresses.tenantId, tenantId),
						eq(savedAddresses.accountId, accountId),
						inArray(savedAddresses.id, ids),
					),
				),
			db
				.select({ id: locations.id, lat: locations.lat, lng: locations.lng })
				.from(locations)
				.where(
					and(
						eq(locations.tenantId, tenantId),
						eq(locations.accountId, accountId),
						inArray(locations.id, ids),
					),
				),
		]);
		for (const place of [...saved, ...locs]) places.set(place.id, place);
	}
	const issues = wanted
		.filter(([, id]) => !places.has(id as string))
		.map(([kind]) => {
			const field = `${kind === "dropoff" ? "dropoff" : kind === "pickup" ? "pickup" : "service"}.savedAddressId`;
			return { path: field.split("."), field, message: "That saved address is not one of your account's." };
		});
	return { places, issues };
}

/**
 * Every write of one portal booking, to run as one atomic D1 batch: the new job in the
 * Unassigned lane (see `newJobStatements`), the dispatcher's inbox alert and the audit entry.
 */
export function bookingStatements(
	db: Db,
	input: BookingInput,
	ctx: BookingContext,
	places: Map<string, KnownPlace>,
) {
	const { me, tenantId, now } = ctx;
	const { jobId, statements } = newJobStatements(db, {
		tenantId,
		input,
		window: ctx.window,
		places,
		source: "portal",
		status: "unassigned",
		customer: {
			accountId: me.accountId,
			locationId: me.locationId,
			contactId: me.id,
			name: me.name,
			email: me.email,
			emailNormalized: normalizeEmail(me.email),
		},
		technicianId: null,
		createdBy: { type: "contact", id: me.id, label: me.name },
		createdMessage: "Booked in the portal",
		scopedIdempotencyKey: ctx.scopedIdempotencyKey,
		now,
		notices: ctx.notices,
	});
	statements.push(
		inboxAlertInsert(
			db,
			{
				tenantId,
				kind: "customer_booking",
				jobId,
				accountId: me.accountId,
				contactId: me.id,
				title: titledWithJobNumber(
					tenantId,
					jobId,
					`customer booking from ${customerLabel(me.name, me.accountName)}`,
				),
				body: stopsOf(input)
					.map(([, s]) => s.address.line1)
					.join(" → "),
			},
			now,
		),
		auditInsert(
			db,
			{
				tenantId,
				actorType: "contact",
				actorId: me.id,
				actorLabel: me.name,
				action: "job.booked",
				targetType: "job",
				targetId: jobId,
				...ctx.meta,
			},
			now,
		),
	);
	return { jobId, statements: statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] };
}

/**
 * A portal booking, exactly once per the contact's Idempotency-Key (see `createJobOnce`): the
 * job, its stops, the inbox alert and the audit entry in one atomic batch that also reads the
 * job back, and the boards told in the call that completes the key.
 */
export async function bookJob(
	deps: { db: Db; gate: IdempotencyGate; meta: RequestMeta; now: number; notices?: NoticeLog },
	tenant: Tenant,
	me: Me,
	key: string,
	input: BookingInput,
): Promise<{ job: z.infer<typeof JobDetailSchema>; replayed: boolean }> {
	const { db, now } = deps;
	if (!tenant.settings.jobKinds.includes(input.kind)) {
		throw fieldInvalid(["kind"], `${tenant.name} does not take this kind of job here.`);
	}
	const scope = scopeOf(tenant, me, "jobs");
	return createJobOnce({
		gate: deps.gate,
		ownerId: me.id,
		key,
		body: input,
		answer: JobDetailSchema,
		noun: "booking",
		now,
		findByKey: (scopedKey) => jobOfKey(db, tenant.id, scopedKey, (id) => getCustomerJob(db, scope, id)),
		write: async (scopedKey) => {
			// Checked after the claim: a retry of a booking already made replays it even once its time has passed.
			const window = bookingWindow(input, tenant.timezone, now);
			if (!window.ok) throw invalidFields(window.issues);
			const { places, issues } = await resolveKnownPlaces(db, tenant.id, me.accountId, input);
			if (issues.length) throw invalidFields(issues);
			const { jobId, statements } = bookingStatements(
				db,
				input,
				{
					tenantId: tenant.id,
					me,
					scopedIdempotencyKey: scopedKey,
					window: window.window,
					meta: deps.meta,
					now,
					notices: deps.notices,
				},
				places,
			);
			// The job is read back at the end of the same atomic batch that writes it: one round trip.
			const reads = [
				...customerJobReads(db, scope, jobId),
				boardJobRead(db, tenant.id, jobId),
				unreadAlertsRead(db, tenant.id),
			] as const;
			const outgoing = [
				...jobWebhookStatements(db, tenant.id, "job.created", jobId, now),
				...jobWebhookStatements(db, tenant.id, "booking.created", jobId, now),
			];
			const written = await db.batch([...statements, ...outgoing, ...reads]);
			const [jobRows, stops, events, boardRows, unreadRows] = written.slice(-reads.length) as [
				...CustomerJobRows,
				Awaited<(typeof reads)[3]>,
				Awaited<(typeof reads)[4]>,
			];
			const job = toCustomerJob([jobRows, stops, events]);
			const boardRow = boardRows[0];
			if (!job || !boardRow) throw new Error(`booked job ${jobId} not readable`);
			return {
				job,
				publish: [
					{ type: "job", job: toBoardJob(boardRow, boardRow.technicianName) },
					{ type: "alert", unread: unreadRows[0]?.n ?? 0 },
				],
			};
		},
	});
}

/** The job a scoped Idempotency-Key created, through the D1 backstop, as `view` shows it. */
export async function jobOfKey<T>(
	db: Db,
	tenantId: string,
	scopedKey: string,
	view: (jobId: string) => Promise<T | undefined>,
): Promise<T | undefined> {
	const row = await db
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenantId), eq(jobs.idempotencyKey, scopedKey)))
		.get();
	return row ? view(row.id) : undefined;
}
