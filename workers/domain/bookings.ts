import { and, eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { locations, savedAddresses } from "../../schema/tables/accounts";
import type { Db } from "../app-env";
import type { FieldIssue } from "../errors";
import type { Me } from "./audiences";
import { auditInsert } from "./audit";
import type { BookingInput } from "./booking-input";
import type { BookingWindow } from "./booking-rules";
import { normalizeEmail } from "./email";
import { customerLabel, inboxAlertInsert } from "./inbox";
import { type KnownPlace, newJobStatements, stopsOf } from "./job-creation";

export type BookingContext = {
	tenantId: string;
	me: Me;
	/** Key as sent, scoped by the booking contact; stored on the job as the D1 backstop. */
	scopedIdempotencyKey: string;
	window: BookingWindow;
	meta: { ip: string; userAgent: string | null };
	now: number;
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
				title: `Customer booking from ${customerLabel(me.name, me.accountName)}`,
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
