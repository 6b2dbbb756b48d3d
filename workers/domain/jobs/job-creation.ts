import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { placeKey } from "../../../schema/place-key";
import { recentPlaces, savedAddresses } from "../../../schema/tables/accounts";
import { type JobSource, jobEvents, jobStops, jobs, type StopSummary } from "../../../schema/tables/jobs";
import { jobContacts } from "../../../schema/tables/notifications";
import type { Db } from "../../db";
import { normalizeEmail } from "../email";
import { newId } from "../ids";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import { nextNumber } from "../numbering";
import type { BookingInput, StopInput } from "./booking-input";
import type { BookingWindow } from "./booking-rules";
import { stopsSummaryOf } from "./job-stops";

/** A saved address or account location a stop was picked from, for its coordinates. */
export type KnownPlace = { id: string; lat: number | null; lng: number | null };

/** Who a job is for, as stored on it. */
export type JobCustomer = {
	accountId: string | null;
	locationId: string | null;
	contactId: string | null;
	name: string | null;
	/** As typed (trimmed), and the normalized form every match uses. */
	email: string | null;
	emailNormalized: string | null;
};

export type NewJob = {
	tenantId: string;
	input: BookingInput;
	window: BookingWindow;
	places: Map<string, KnownPlace>;
	source: JobSource;
	status: "unassigned" | "assigned";
	customer: JobCustomer;
	technicianId: string | null;
	createdBy: { type: "contact" | "staff" | "api"; id: string; label: string };
	/** The first timeline entry's message, e.g. "Booked in the portal". */
	createdMessage: string;
	/** Key as sent, scoped by who sent it; stored on the job as the D1 backstop of idempotency. */
	scopedIdempotencyKey: string | null;
	/** The recurring series the job is an occurrence of, if any. */
	seriesId?: string;
	now: number;
	/** Where the booked notification's id goes, for the queue after the answer. */
	notices?: NoticeLog;
};

/** The stops a booking describes, in visiting order. */
export const stopsOf = (input: BookingInput): Array<[StopSummary["kind"], StopInput]> =>
	input.kind === "pickup_delivery"
		? [
				["pickup", input.pickup],
				["dropoff", input.dropoff],
			]
		: [["service", input.service]];

/** What lists show of a job's stops, kept on the job row. */
/**
 * The writes every new job is made of, however it was booked: the job with the tenant's next
 * number, its stops, any address the booking saves for the account, and the first timeline
 * event. Callers add their own (inbox alert, audit entry) and run it all as one `db.batch`.
 */
export function newJobStatements(db: Db, job: NewJob) {
	const jobId = newId("job");
	const { tenantId, customer, window, now } = job;
	const stops = stopsOf(job.input);
	const statements: BatchItem<"sqlite">[] = [
		db.insert(jobs).values({
			id: jobId,
			tenantId,
			number: nextNumber(jobs, jobs, tenantId, 1000),
			kind: job.input.kind,
			status: job.status,
			source: job.source,
			accountId: customer.accountId,
			locationId: customer.locationId,
			contactId: customer.contactId,
			customerName: customer.name,
			accountName: customer.accountId
				? sql<string>`(SELECT name FROM accounts WHERE tenant_id = ${tenantId} AND id = ${customer.accountId})`
				: null,
			customerEmail: customer.email,
			customerEmailNormalized: customer.emailNormalized,
			technicianId: job.technicianId,
			reference: job.input.reference ?? null,
			description: job.input.kind === "service_call" ? job.input.description : null,
			packageDescription: job.input.kind === "pickup_delivery" ? job.input.packageDescription : null,
			windowStart: window.start,
			windowEnd: window.end,
			stopsSummary: stopsSummaryOf(stops.map(([kind, s]) => ({ kind, ...s.address }))),
			idempotencyKey: job.scopedIdempotencyKey,
			seriesId: job.seriesId ?? null,
			createdByType: job.createdBy.type,
			createdById: job.createdBy.id,
			createdAt: now,
			updatedAt: now,
		}),
	];
	stops.forEach(([kind, stop], i) => {
		const known = stop.savedAddressId ? job.places.get(stop.savedAddressId) : undefined;
		// The stop's place as typed or picked: on the stop, and as the contact's recent place.
		const place = {
			...stop.address,
			lat: known?.lat ?? null,
			lng: known?.lng ?? null,
			contactName: stop.contactName ?? null,
			contactPhone: stop.contactPhone ?? null,
			instructions: stop.instructions ?? null,
		};
		statements.push(
			db.insert(jobStops).values({
				id: newId("stp"),
				tenantId,
				jobId,
				seq: i + 1,
				kind,
				...place,
				windowStart: i === 0 ? window.start : null,
				windowEnd: i === stops.length - 1 ? window.end : null,
			}),
		);
		if (customer.contactId) {
			const used = { ...place, lastUsedAt: now };
			statements.push(
				db
					.insert(recentPlaces)
					.values({
						tenantId,
						contactId: customer.contactId,
						addressKey: placeKey(stop.address.line1, stop.address.city),
						...used,
					})
					.onConflictDoUpdate({
						target: [recentPlaces.tenantId, recentPlaces.contactId, recentPlaces.addressKey],
						set: used,
					}),
			);
		}
		if (stop.saveAs && customer.accountId) {
			statements.push(
				db.insert(savedAddresses).values({
					id: newId("adr"),
					tenantId,
					accountId: customer.accountId,
					locationId: customer.locationId,
					label: stop.saveAs,
					...stop.address,
					contactName: stop.contactName ?? null,
					contactPhone: stop.contactPhone ?? null,
					instructions: stop.instructions ?? null,
					createdByContactId: job.createdBy.type === "contact" ? job.createdBy.id : null,
					lastUsedAt: now,
					useCount: 1,
					createdAt: now,
				}),
			);
		}
	});
	// Everyone told about the job: its booker, the site contact, the addresses the booker added.
	const told = new Set<string>();
	const tell = (
		role: "booker" | "site" | "also_notify",
		email: string | null | undefined,
		name: string | null,
	) => {
		if (!email) return;
		const normalized = normalizeEmail(email);
		if (told.has(normalized)) return;
		told.add(normalized);
		statements.push(
			db.insert(jobContacts).values({
				id: newId("jct"),
				tenantId,
				jobId,
				role,
				name,
				email,
				emailNormalized: normalized,
				createdAt: now,
			}),
		);
	};
	tell("booker", customer.email, customer.name);
	tell("site", job.input.siteContactEmail, null);
	for (const email of job.input.alsoNotify ?? []) tell("also_notify", email, null);
	statements.push(notificationInsert(db, job.notices, { tenantId, kind: "booked", jobId }, now));
	if (job.source === "portal") {
		statements.push(
			notificationInsert(
				db,
				job.notices,
				{ tenantId, kind: "staff_booking", jobId, data: { summary: `${job.createdBy.label} booked a job.` } },
				now,
			),
		);
	}
	const usedSaved = stops.flatMap(([, s]) =>
		s.savedAddressId?.startsWith("adr_") ? [s.savedAddressId] : [],
	);
	if (usedSaved.length) {
		statements.push(
			db
				.update(savedAddresses)
				.set({ lastUsedAt: now, useCount: sql`${savedAddresses.useCount} + 1` })
				.where(and(eq(savedAddresses.tenantId, tenantId), inArray(savedAddresses.id, usedSaved))),
		);
	}
	statements.push(
		db.insert(jobEvents).values({
			id: newId("evt"),
			tenantId,
			jobId,
			type: "created",
			actorType: job.createdBy.type,
			actorId: job.createdBy.id,
			actorLabel: job.createdBy.label,
			message: job.createdMessage,
			createdAt: now,
		}),
	);
	return { jobId, statements };
}
