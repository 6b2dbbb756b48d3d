import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { locations, savedAddresses } from "../../schema/tables/accounts";
import { inboxAlerts } from "../../schema/tables/activity";
import { jobEvents, jobStops, jobs, type StopSummary } from "../../schema/tables/jobs";
import type { Db } from "../app-env";
import type { FieldIssue } from "../errors";
import type { Me } from "./audiences";
import { auditInsert } from "./audit";
import type { BookingInput, StopInput } from "./booking-input";
import type { BookingWindow } from "./booking-rules";
import { normalizeEmail } from "./email";
import { newId } from "./ids";

type KnownPlace = { id: string; lat: number | null; lng: number | null };

export type BookingContext = {
	tenantId: string;
	me: Me;
	/** Key as sent, scoped by the booking contact; stored on the job as the D1 backstop. */
	scopedIdempotencyKey: string;
	window: BookingWindow;
	meta: { ip: string; userAgent: string | null };
	now: number;
};

const stopsOf = (input: BookingInput): Array<[StopSummary["kind"], StopInput]> =>
	input.kind === "pickup_delivery"
		? [
				["pickup", input.pickup],
				["dropoff", input.dropoff],
			]
		: [["service", input.service]];

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
 * Every write of one portal booking, to run as one atomic D1 batch: the job in the
 * Unassigned lane, its stops, the first timeline event, the dispatcher's inbox alert,
 * the audit entry and any address the customer chose to save.
 */
export function bookingStatements(
	db: Db,
	input: BookingInput,
	ctx: BookingContext,
	places: Map<string, KnownPlace>,
) {
	const jobId = newId("job");
	const stops = stopsOf(input);
	const statements: BatchItem<"sqlite">[] = [
		db.insert(jobs).values({
			id: jobId,
			tenantId: ctx.tenantId,
			number: sql`(SELECT COALESCE(MAX(${jobs.number}), 1000) + 1 FROM ${jobs} WHERE ${jobs.tenantId} = ${ctx.tenantId})`,
			kind: input.kind,
			status: "unassigned",
			source: "portal",
			accountId: ctx.me.accountId,
			locationId: ctx.me.locationId,
			contactId: ctx.me.id,
			customerName: ctx.me.name,
			customerEmail: ctx.me.email,
			customerEmailNormalized: normalizeEmail(ctx.me.email),
			reference: input.reference ?? null,
			description: input.kind === "service_call" ? input.description : null,
			packageDescription: input.kind === "pickup_delivery" ? input.packageDescription : null,
			windowStart: ctx.window.start,
			windowEnd: ctx.window.end,
			stopsSummary: stops.map(([kind, s]) => ({ kind, line1: s.address.line1, city: s.address.city })),
			idempotencyKey: ctx.scopedIdempotencyKey,
			createdByType: "contact",
			createdById: ctx.me.id,
			createdAt: ctx.now,
			updatedAt: ctx.now,
		}),
	];
	stops.forEach(([kind, stop], i) => {
		const known = stop.savedAddressId ? places.get(stop.savedAddressId) : undefined;
		const isLast = i === stops.length - 1;
		statements.push(
			db.insert(jobStops).values({
				id: newId("stp"),
				tenantId: ctx.tenantId,
				jobId,
				seq: i + 1,
				kind,
				...stop.address,
				lat: known?.lat ?? null,
				lng: known?.lng ?? null,
				contactName: stop.contactName ?? null,
				contactPhone: stop.contactPhone ?? null,
				instructions: stop.instructions ?? null,
				windowStart: i === 0 ? ctx.window.start : null,
				windowEnd: isLast ? ctx.window.end : null,
			}),
		);
		if (stop.saveAs && ctx.me.accountId) {
			statements.push(
				db.insert(savedAddresses).values({
					id: newId("adr"),
					tenantId: ctx.tenantId,
					accountId: ctx.me.accountId,
					locationId: ctx.me.locationId,
					label: stop.saveAs,
					...stop.address,
					contactName: stop.contactName ?? null,
					contactPhone: stop.contactPhone ?? null,
					instructions: stop.instructions ?? null,
					createdByContactId: ctx.me.id,
					lastUsedAt: ctx.now,
					useCount: 1,
					createdAt: ctx.now,
				}),
			);
		}
	});
	const usedSaved = stops.flatMap(([, s]) =>
		s.savedAddressId?.startsWith("adr_") ? [s.savedAddressId] : [],
	);
	if (usedSaved.length) {
		statements.push(
			db
				.update(savedAddresses)
				.set({ lastUsedAt: ctx.now, useCount: sql`${savedAddresses.useCount} + 1` })
				.where(and(eq(savedAddresses.tenantId, ctx.tenantId), inArray(savedAddresses.id, usedSaved))),
		);
	}
	const where = stops.map(([, s]) => s.address.line1).join(" → ");
	statements.push(
		db.insert(jobEvents).values({
			id: newId("evt"),
			tenantId: ctx.tenantId,
			jobId,
			type: "created",
			actorType: "contact",
			actorId: ctx.me.id,
			actorLabel: ctx.me.name,
			message: "Booked in the portal",
			createdAt: ctx.now,
		}),
		db.insert(inboxAlerts).values({
			id: newId("alr"),
			tenantId: ctx.tenantId,
			kind: "customer_booking",
			jobId,
			accountId: ctx.me.accountId,
			contactId: ctx.me.id,
			title: `Customer booking from ${ctx.me.name}${ctx.me.accountName ? ` (${ctx.me.accountName})` : ""}`,
			body: where,
			createdAt: ctx.now,
		}),
		auditInsert(
			db,
			{
				tenantId: ctx.tenantId,
				actorType: "contact",
				actorId: ctx.me.id,
				actorLabel: ctx.me.name,
				action: "job.booked",
				targetType: "job",
				targetId: jobId,
				...ctx.meta,
			},
			ctx.now,
		),
	);
	return { jobId, statements: statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] };
}
