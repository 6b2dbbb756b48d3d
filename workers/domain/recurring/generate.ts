import { and, eq, inArray, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { accounts, contacts } from "../../../schema/tables/accounts";
import { recurringOccurrences, recurringSeries } from "../../../schema/tables/recurring";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { auditInsert } from "../activity/audit";
import { customerLabel, inboxAlertInsert, titledWithJobNumber } from "../activity/inbox";
import { newId } from "../ids";
import type { BookingInput } from "../jobs/booking-input";
import { newJobStatements, stopsOf } from "../jobs/job-creation";
import type { LiveChannels } from "../live/live-jobs";
import { localDateTime } from "../time";
import { isUniqueViolation } from "../unique-violation";
import { jobWebhookStatements } from "../webhooks/events";
import { type Occurrence, occurrencesBetween } from "./rule";
import type { SeriesBookingInput } from "./series-input";

const DAY = 86_400_000;
/** How far ahead the schedule makes the jobs of every active series. */
export const GENERATE_AHEAD_DAYS = 14;

type SeriesRow = typeof recurringSeries.$inferSelect;

/** The full booking one occurrence is: the series' booking at that occurrence's time. */
function bookingAt(template: SeriesBookingInput, start: number, end: number, timeZone: string): BookingInput {
	if (template.kind === "pickup_delivery") {
		return { ...template, readyAt: localDateTime(start, timeZone), deliverBy: localDateTime(end, timeZone) };
	}
	const day = localDateTime(start, timeZone).slice(0, 10);
	return { ...template, preferredFrom: day, preferredTo: day };
}

type Who = {
	id: string;
	name: string;
	email: string;
	emailNormalized: string;
	accountName: string | null;
};

/**
 * The writes of one occurrence's job, as one atomic batch: the (series, occurrence) row that
 * claims it — UNIQUE, so a second run's batch fails whole and writes nothing — then the job in
 * the Unassigned lane like a portal booking, its inbox alert, audit entry and `job.created` event.
 */
function occurrenceStatements(
	db: Db,
	series: SeriesRow,
	who: Who,
	occ: Occurrence,
	timeZone: string,
	now: number,
) {
	const end = occ.at + series.durationMinutes * 60_000;
	const input = bookingAt(series.template as unknown as SeriesBookingInput, occ.at, end, timeZone);
	const { jobId, statements } = newJobStatements(db, {
		tenantId: series.tenantId,
		input,
		window: { start: occ.at, end },
		places: new Map(),
		source: "portal",
		status: "unassigned",
		customer: {
			accountId: series.accountId,
			locationId: series.locationId,
			contactId: who.id,
			name: who.name,
			email: who.email,
			emailNormalized: who.emailNormalized,
		},
		technicianId: null,
		createdBy: { type: "contact", id: who.id, label: who.name },
		createdMessage: "Booked by a repeat booking",
		scopedIdempotencyKey: `recurring:${series.id}:${occ.local}`,
		seriesId: series.id,
		now,
	});
	const claim = db.insert(recurringOccurrences).values({
		id: newId("occ"),
		tenantId: series.tenantId,
		seriesId: series.id,
		occurrence: occ.local,
		status: "generated",
		jobId,
		createdAt: now,
	});
	const batch: BatchItem<"sqlite">[] = [claim, ...statements];
	batch.push(
		inboxAlertInsert(
			db,
			{
				tenantId: series.tenantId,
				kind: "customer_booking",
				jobId,
				accountId: series.accountId,
				contactId: who.id,
				title: titledWithJobNumber(
					series.tenantId,
					jobId,
					`repeat booking from ${customerLabel(who.name, who.accountName)}`,
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
				tenantId: series.tenantId,
				actorType: "system",
				actorId: null,
				actorLabel: "Repeat booking",
				action: "job.booked",
				targetType: "job",
				targetId: jobId,
				data: { seriesId: series.id, occurrence: occ.local },
			},
			now,
		),
		// Partners hear of a repeat booking's job as of any other (the cron hands it to the queue).
		...jobWebhookStatements(db, series.tenantId, "job.created", jobId, now, { seriesId: series.id }),
	);
	return { jobId, batch: batch as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] };
}

export type GenerateResult = { created: number; alreadyMade: number };

/**
 * Makes the jobs of every active series' occurrences in the next `GENERATE_AHEAD_DAYS`, exactly
 * once per occurrence however often or concurrently it runs: the occurrences already acted on
 * (made or skipped) are left out, and a run that loses a race to another finds its batch refused
 * by the UNIQUE (series, occurrence) row and writes nothing. Paused series, ended ones, blocked
 * contacts and suspended tenants make nothing. `tenantId` limits it to one tenant.
 */
export async function generateDueJobs(
	deps: { db: Db; live: Pick<LiveChannels, "publishJob" | "publishUnreadAlerts"> },
	now: number,
	tenantId?: string,
): Promise<GenerateResult> {
	const { db, live } = deps;
	const rows = await db
		.select({
			series: recurringSeries,
			timezone: tenants.timezone,
			contact: {
				id: contacts.id,
				name: contacts.name,
				email: contacts.email,
				emailNormalized: contacts.emailNormalized,
				blockedAt: contacts.blockedAt,
			},
			accountName: accounts.name,
		})
		.from(recurringSeries)
		.innerJoin(tenants, eq(tenants.id, recurringSeries.tenantId))
		.innerJoin(
			contacts,
			and(eq(contacts.tenantId, recurringSeries.tenantId), eq(contacts.id, recurringSeries.contactId)),
		)
		.leftJoin(
			accounts,
			and(eq(accounts.tenantId, recurringSeries.tenantId), eq(accounts.id, recurringSeries.accountId)),
		)
		.where(
			and(
				isNull(recurringSeries.pausedAt),
				isNull(tenants.suspendedAt),
				isNull(contacts.blockedAt),
				tenantId ? eq(recurringSeries.tenantId, tenantId) : undefined,
			),
		);
	const result: GenerateResult = { created: 0, alreadyMade: 0 };
	const touched = new Set<string>();
	for (const { series, timezone, contact, accountName } of rows) {
		const due = occurrencesBetween(series, timezone, now, now + GENERATE_AHEAD_DAYS * DAY);
		if (!due.length) continue;
		const acted = new Set(
			(
				await db
					.select({ occurrence: recurringOccurrences.occurrence })
					.from(recurringOccurrences)
					.where(
						and(
							eq(recurringOccurrences.tenantId, series.tenantId),
							eq(recurringOccurrences.seriesId, series.id),
							inArray(
								recurringOccurrences.occurrence,
								due.map((o) => o.local),
							),
						),
					)
			).map((r) => r.occurrence),
		);
		const who = { ...contact, accountName };
		for (const occ of due) {
			if (acted.has(occ.local)) continue;
			const { jobId, batch } = occurrenceStatements(db, series, who, occ, timezone, now);
			try {
				await db.batch(batch);
			} catch (err) {
				// Another run made (or the customer skipped) this occurrence first; nothing was written.
				if (!isUniqueViolation(err)) throw err;
				result.alreadyMade++;
				continue;
			}
			result.created++;
			touched.add(series.tenantId);
			await live.publishJob(series.tenantId, jobId).catch(() => undefined);
		}
	}
	for (const id of touched) await live.publishUnreadAlerts(id).catch(() => undefined);
	return result;
}
