import type { z } from "@hono/zod-openapi";
import { and, desc, eq, gte, inArray, or, type SQL } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { jobs } from "../../../schema/tables/jobs";
import { recurringOccurrences, recurringSeries } from "../../../schema/tables/recurring";
import type { RecurringSeriesSchema } from "../../contracts/recurring";
import type { Db } from "../../db";
import { fieldInvalid, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { scopeOf } from "../customers/permissions";
import { newId } from "../ids";
import { type CustomerChange, cancelCustomerJob } from "../jobs/customer-changes";
import { visibleJobs } from "../jobs/customer-scope";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import { iso, localDate, startOfLocalDay } from "../time";
import { isUniqueViolation } from "../unique-violation";
import { isOccurrence, occurrencesBetween, repeatOf, toRRule } from "./rule";
import type { RecurringInput, SeriesBookingInput } from "./series-input";

type SeriesRow = typeof recurringSeries.$inferSelect;
export type RecurringSeriesView = z.infer<typeof RecurringSeriesSchema>;

const DAY = 86_400_000;
/** How far ahead the pages list a series' next occurrences. */
const UPCOMING_DAYS = 56;
const UPCOMING_COUNT = 5;

/** The series a contact sees: their own; an account admin, all of the account's. */
function visibleSeries(tenantId: string, me: Me): SQL {
	const mine =
		me.role === "admin" && me.accountId
			? or(eq(recurringSeries.contactId, me.id), eq(recurringSeries.accountId, me.accountId))
			: eq(recurringSeries.contactId, me.id);
	return and(eq(recurringSeries.tenantId, tenantId), mine) as SQL;
}

const summaryOf = (booking: SeriesBookingInput) =>
	(booking.kind === "pickup_delivery" ? [booking.pickup, booking.dropoff] : [booking.service])
		.map((s) => s.address.line1)
		.join(" → ");

/** The series as the portal shows it, with its next occurrences and what became of each. */
async function viewsOf(
	db: Db,
	tenant: Tenant,
	rows: SeriesRow[],
	now: number,
): Promise<RecurringSeriesView[]> {
	if (!rows.length) return [];
	const done = await db
		.select({
			seriesId: recurringOccurrences.seriesId,
			occurrence: recurringOccurrences.occurrence,
			status: recurringOccurrences.status,
			jobId: recurringOccurrences.jobId,
			jobNumber: jobs.number,
			jobStatus: jobs.status,
		})
		.from(recurringOccurrences)
		.leftJoin(jobs, and(eq(jobs.tenantId, tenant.id), eq(jobs.id, recurringOccurrences.jobId)))
		.where(
			and(
				eq(recurringOccurrences.tenantId, tenant.id),
				inArray(
					recurringOccurrences.seriesId,
					rows.map((r) => r.id),
				),
				// Named by wall-clock time, occurrences sort as text: none before yesterday is listed.
				gte(recurringOccurrences.occurrence, localDate(now - DAY, tenant.timezone)),
			),
		);
	const names = new Map(
		(
			await db
				.select({ id: contacts.id, name: contacts.name })
				.from(contacts)
				.where(
					and(
						eq(contacts.tenantId, tenant.id),
						inArray(
							contacts.id,
							rows.map((r) => r.contactId),
						),
					),
				)
		).map((c) => [c.id, c.name]),
	);
	return rows.map((row) => {
		const acted = new Map(done.filter((d) => d.seriesId === row.id).map((d) => [d.occurrence, d]));
		// From today, or from the first day of a series that has not started yet.
		const from = Math.max(now, startOfLocalDay(row.startsOn, tenant.timezone) ?? now);
		const upcoming = occurrencesBetween(row, tenant.timezone, from, from + UPCOMING_DAYS * DAY)
			.slice(0, UPCOMING_COUNT)
			.map((o) => {
				const d = acted.get(o.local);
				return {
					occurrence: o.local,
					at: new Date(o.at).toISOString(),
					state: d
						? d.status === "skipped"
							? ("skipped" as const)
							: ("booked" as const)
						: ("scheduled" as const),
					jobId: d?.status === "generated" ? (d.jobId ?? null) : null,
					jobNumber: d?.status === "generated" ? (d.jobNumber ?? null) : null,
					jobStatus: d?.status === "generated" ? (d.jobStatus ?? null) : null,
				};
			});
		const booking = row.template as unknown as SeriesBookingInput;
		return {
			id: row.id,
			kind: row.kind,
			rrule: row.rrule,
			repeat: repeatOf(row.rrule),
			startsOn: row.startsOn,
			endsOn: row.endsOn,
			durationMinutes: row.durationMinutes,
			timezone: tenant.timezone,
			paused: row.pausedAt !== null,
			summary: summaryOf(booking),
			booking,
			sourceJobId: row.sourceJobId,
			contactName: names.get(row.contactId) ?? null,
			createdAt: iso(row.createdAt) as string,
			upcoming,
		};
	});
}

export type RecurringDeps = { db: Db; now: number };

/**
 * A customer sets up a recurring booking: the rule (as RRULE), its first and last day, and the
 * booking each occurrence becomes. Jobs are made ahead by the schedule (`generateDueJobs`), not here.
 */
export async function createSeries(
	deps: RecurringDeps,
	actor: Actor,
	tenant: Tenant,
	me: Me,
	input: RecurringInput,
): Promise<RecurringSeriesView> {
	const { db, now } = deps;
	if (!tenant.settings.jobKinds.includes(input.booking.kind)) {
		throw fieldInvalid(["booking", "kind"], `${tenant.name} does not take this kind of job here.`);
	}
	if (input.startsOn < localDate(now, tenant.timezone)) {
		throw fieldInvalid(["startsOn"], "The first day is in the past.");
	}
	if (input.endsOn && input.endsOn < input.startsOn) {
		throw fieldInvalid(["endsOn"], "The last day must not be before the first.");
	}
	const booking = input.booking;
	for (const [kind, stop] of booking.kind === "pickup_delivery"
		? ([
				["pickup", booking.pickup],
				["dropoff", booking.dropoff],
			] as const)
		: ([["service", booking.service]] as const)) {
		// A saved address is copied into the series: the jobs carry the address as typed.
		if (stop.saveAs)
			throw fieldInvalid(["booking", kind, "saveAs"], "Save the address from a one-off booking.");
	}
	if (input.fromJobId) {
		const job = await db
			.select({ id: jobs.id })
			.from(jobs)
			.where(and(eq(jobs.id, input.fromJobId), visibleJobs(scopeOf(tenant, me, "jobs"))))
			.get();
		if (!job) throw fieldInvalid(["fromJobId"], "That job is not one of yours.");
	}
	const rrule = toRRule(input.repeat);
	const rule = { rrule, startsOn: input.startsOn, endsOn: input.endsOn ?? null };
	if (!occurrencesBetween(rule, tenant.timezone, now, now + 400 * DAY).length) {
		throw fieldInvalid(["repeat"], "This repeat has no occurrence between the first and the last day.");
	}
	const id = newId("rec");
	const row: SeriesRow = {
		id,
		tenantId: tenant.id,
		accountId: me.accountId,
		locationId: me.locationId,
		contactId: me.id,
		kind: booking.kind,
		rrule,
		startsOn: input.startsOn,
		endsOn: input.endsOn ?? null,
		durationMinutes: input.durationMinutes,
		template: booking as unknown as SeriesRow["template"],
		sourceJobId: input.fromJobId ?? null,
		pausedAt: null,
		createdAt: now,
		updatedAt: now,
	};
	await db.batch([
		db.insert(recurringSeries).values(row),
		auditBy(
			db,
			actor,
			{ action: "recurring.created", targetType: "recurring_series", targetId: id, data: { rrule } },
			now,
		),
	]);
	const [view] = await viewsOf(db, tenant, [row], now);
	return view as RecurringSeriesView;
}

export async function listSeries(db: Db, tenant: Tenant, me: Me, now: number) {
	const rows = await db
		.select()
		.from(recurringSeries)
		.where(visibleSeries(tenant.id, me))
		.orderBy(desc(recurringSeries.createdAt), desc(recurringSeries.id));
	return viewsOf(db, tenant, rows, now);
}

async function seriesOf(db: Db, tenant: Tenant, me: Me, id: string): Promise<SeriesRow> {
	const row = await db
		.select()
		.from(recurringSeries)
		.where(and(eq(recurringSeries.id, id), visibleSeries(tenant.id, me)))
		.get();
	if (!row) throw notFound("That repeat booking");
	return row;
}

export async function getSeries(db: Db, tenant: Tenant, me: Me, id: string, now: number) {
	const [view] = await viewsOf(db, tenant, [await seriesOf(db, tenant, me, id)], now);
	return view as RecurringSeriesView;
}

/** Pauses (no job is made while paused) or resumes a series; the same state again changes nothing. */
export async function setSeriesPaused(
	deps: RecurringDeps,
	actor: Actor,
	tenant: Tenant,
	me: Me,
	id: string,
	paused: boolean,
): Promise<RecurringSeriesView> {
	const { db, now } = deps;
	const row = await seriesOf(db, tenant, me, id);
	if ((row.pausedAt !== null) !== paused) {
		const [updated] = await db.batch([
			db
				.update(recurringSeries)
				.set({ pausedAt: paused ? now : null, updatedAt: now })
				.where(and(eq(recurringSeries.tenantId, tenant.id), eq(recurringSeries.id, id)))
				.returning(),
			auditBy(
				db,
				actor,
				{
					action: paused ? "recurring.paused" : "recurring.resumed",
					targetType: "recurring_series",
					targetId: id,
				},
				now,
			),
		]);
		return getSeries(db, tenant, me, (updated[0] ?? row).id, now);
	}
	return getSeries(db, tenant, me, id, now);
}

/**
 * Skips one occurrence: one not made yet never will be; one whose job exists cancels that job
 * when it is still before the tenant's cutoff (after it, 409 `past_cutoff` and the dispatchers
 * are asked, as for any cancel). An `occurrence` the rule does not have is 400 naming it.
 */
export async function skipOccurrence(ch: CustomerChange, id: string, occurrence: string) {
	const { db, now } = ch.deps;
	const { tenant, me } = ch;
	const row = await seriesOf(db, tenant, me, id);
	const hit = isOccurrence(row, occurrence, tenant.timezone);
	if (!hit) throw fieldInvalid(["occurrence"], "That is not one of this series' dates.");
	if (hit.at < now) throw fieldInvalid(["occurrence"], "That date has passed.");
	for (let attempt = 0; attempt < 2; attempt++) {
		const existing = await db
			.select()
			.from(recurringOccurrences)
			.where(
				and(
					eq(recurringOccurrences.tenantId, tenant.id),
					eq(recurringOccurrences.seriesId, id),
					eq(recurringOccurrences.occurrence, occurrence),
				),
			)
			.get();
		if (existing?.status === "skipped") return getSeries(db, tenant, me, id, now);
		if (existing?.jobId) {
			const job = await db
				.select({ status: jobs.status })
				.from(jobs)
				.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, existing.jobId)))
				.get();
			if (job && job.status !== "cancelled") {
				await cancelCustomerJob(ch, existing.jobId, `Skipped from the repeat booking (${occurrence})`);
			}
			await db
				.update(recurringOccurrences)
				.set({ status: "skipped" })
				.where(eq(recurringOccurrences.id, existing.id));
			return getSeries(db, tenant, me, id, now);
		}
		try {
			await db.batch([
				db.insert(recurringOccurrences).values({
					id: newId("occ"),
					tenantId: tenant.id,
					seriesId: id,
					occurrence,
					status: "skipped",
					jobId: null,
					createdAt: now,
				}),
				auditBy(
					db,
					ch.actor,
					{ action: "recurring.skipped", targetType: "recurring_series", targetId: id, data: { occurrence } },
					now,
				),
			]);
			return getSeries(db, tenant, me, id, now);
		} catch (err) {
			// The schedule made its job in the meantime: cancel that one instead.
			if (!isUniqueViolation(err)) throw err;
		}
	}
	return getSeries(db, tenant, me, id, now);
}
