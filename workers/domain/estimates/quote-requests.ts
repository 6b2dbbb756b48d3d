import { and, asc, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { accounts, contacts, locations } from "../../../schema/tables/accounts";
import { estimates, quoteRequestPhotos, quoteRequests } from "../../../schema/tables/billing";
import type { QuoteRequestInput } from "../../contracts/estimates";
import type { Db } from "../../db";
import { AppError, type FieldIssue, invalidFields, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { customerLabel, inboxAlertInsert } from "../activity/inbox";
import { newId } from "../ids";
import { decodeCursor, encodeCursor } from "../jobs/customer-jobs";
import type { LiveChannels } from "../live/live-jobs";
import type { Me } from "../sign-in/audiences";
import type { Tenant } from "../tenant/tenant";
import { localDate } from "../time";

export { decodeCursor };

/** Most photos one quote request carries. */
export const QUOTE_REQUEST_MAX_PHOTOS = 10;

/** Where a photo of a quote request is fetched, per area. */
export const quotePhotoUrl = (area: "c" | "d", slug: string, requestId: string, photoId: string) =>
	`/api/${area}/${slug}/quote-requests/${requestId}/photos/${photoId}`;

const issue = (field: string, message: string): FieldIssue => ({ path: [field], field, message });

/**
 * A customer's request for an estimate: where, the days they would like, what needs doing. It
 * lands in the dispatchers' inbox; an estimate made from it links back (`quoteRequestId`).
 * Only those who may book ask (billing and viewer: 403, by the route's rule `quotes.request`).
 */
export async function createQuoteRequest(
	deps: { db: Db; live: LiveChannels; now: number },
	tenant: Tenant,
	me: Me,
	actor: Actor,
	input: QuoteRequestInput,
) {
	const { db, now } = deps;
	const issues: FieldIssue[] = [];
	const today = localDate(now, tenant.timezone);
	if (input.preferredFrom && input.preferredFrom < today)
		issues.push(issue("preferredFrom", "That date is in the past."));
	if (input.preferredFrom && input.preferredTo && input.preferredTo < input.preferredFrom) {
		issues.push(issue("preferredTo", "The last day must not be before the first."));
	}
	if (input.preferredTo && input.preferredTo < today)
		issues.push(issue("preferredTo", "That date is in the past."));
	if (input.locationId) {
		const location = await db
			.select({ id: locations.id })
			.from(locations)
			.where(
				and(
					eq(locations.tenantId, tenant.id),
					eq(locations.accountId, me.accountId ?? ""),
					eq(locations.id, input.locationId),
				),
			)
			.get();
		if (!location) issues.push(issue("locationId", "Choose one of your account's locations."));
	}
	if (issues.length) throw invalidFields(issues);
	const id = newId("quo");
	const { address } = input;
	await db.batch([
		db.insert(quoteRequests).values({
			id,
			tenantId: tenant.id,
			accountId: me.accountId,
			contactId: me.id,
			locationId: input.locationId ?? me.locationId,
			line1: address.line1,
			line2: address.line2 ?? null,
			city: address.city,
			region: address.region ?? null,
			postalCode: address.postalCode ?? null,
			country: address.country,
			preferredFrom: input.preferredFrom ?? null,
			preferredTo: input.preferredTo ?? null,
			description: input.description,
			createdAt: now,
		}),
		inboxAlertInsert(
			db,
			{
				tenantId: tenant.id,
				kind: "quote_request",
				quoteRequestId: id,
				accountId: me.accountId,
				contactId: me.id,
				title: `${customerLabel(me.name, me.accountName)} asked for an estimate at ${address.line1}, ${address.city}`,
				body: input.description.slice(0, 500),
			},
			now,
		),
		auditBy(db, actor, { action: "quote_request.created", targetType: "quote_request", targetId: id }, now),
	]);
	await deps.live.publishUnreadAlerts(tenant.id);
	const view = await loadQuoteRequest(db, tenant, eq(quoteRequests.contactId, me.id), id, "c");
	if (!view) throw new Error(`quote request ${id} not readable`);
	return view;
}

/** The reads of a page of quote requests (`which` says whose), newest first, with their photos and estimates. */
export function quoteRequestReads(
	db: Db,
	tenantId: string,
	which: SQL,
	opts: {
		id?: string;
		cursor?: { createdAt: number; id: string };
		limit: number;
		sharedEstimatesOnly: boolean;
	},
) {
	const filters: SQL[] = [eq(quoteRequests.tenantId, tenantId), which];
	if (opts.id) filters.push(eq(quoteRequests.id, opts.id));
	if (opts.cursor) {
		filters.push(
			sql`${quoteRequests.createdAt} <= ${opts.cursor.createdAt} AND (${quoteRequests.createdAt} < ${opts.cursor.createdAt} OR ${quoteRequests.id} < ${opts.cursor.id})`,
		);
	}
	const page = db
		.select({ id: quoteRequests.id })
		.from(quoteRequests)
		.where(and(...filters))
		.orderBy(desc(quoteRequests.createdAt), desc(quoteRequests.id))
		.limit(opts.limit + 1);
	return [
		db
			.select({
				request: quoteRequests,
				accountName: sql<string | null>`${accounts.name}`.as("account_name"),
				locationName: sql<string | null>`${locations.name}`.as("location_name"),
				contactName: sql<string | null>`${contacts.name}`.as("contact_name"),
				contactEmail: sql<string | null>`${contacts.email}`.as("contact_email"),
			})
			.from(quoteRequests)
			.leftJoin(
				accounts,
				and(eq(accounts.id, quoteRequests.accountId), eq(accounts.tenantId, quoteRequests.tenantId)),
			)
			.leftJoin(
				locations,
				and(eq(locations.id, quoteRequests.locationId), eq(locations.tenantId, quoteRequests.tenantId)),
			)
			.leftJoin(
				contacts,
				and(eq(contacts.id, quoteRequests.contactId), eq(contacts.tenantId, quoteRequests.tenantId)),
			)
			.where(and(...filters))
			.orderBy(desc(quoteRequests.createdAt), desc(quoteRequests.id))
			.limit(opts.limit + 1),
		db
			.select()
			.from(quoteRequestPhotos)
			.where(and(eq(quoteRequestPhotos.tenantId, tenantId), inArray(quoteRequestPhotos.quoteRequestId, page)))
			.orderBy(asc(quoteRequestPhotos.createdAt)),
		db
			.select({ id: estimates.id, quoteRequestId: estimates.quoteRequestId })
			.from(estimates)
			.where(
				and(
					eq(estimates.tenantId, tenantId),
					inArray(estimates.quoteRequestId, page),
					opts.sharedEstimatesOnly ? ne(estimates.status, "draft") : undefined,
				),
			),
	] as const;
}

type Reads = ReturnType<typeof quoteRequestReads>;
export type QuoteRequestRows = [Awaited<Reads[0]>, Awaited<Reads[1]>, Awaited<Reads[2]>];

/** The page from what `quoteRequestReads` read. */
export function toQuoteRequestPage(
	[rows, photos, linked]: Readonly<QuoteRequestRows>,
	limit: number,
	photoUrl: (requestId: string, photoId: string) => string,
) {
	const page = rows.slice(0, limit);
	const last = page[page.length - 1]?.request;
	return {
		items: page.map(({ request: r, ...names }) => {
			const estimateIds = linked.filter((e) => e.quoteRequestId === r.id).map((e) => e.id);
			return {
				id: r.id,
				status: estimateIds.length ? ("estimated" as const) : ("open" as const),
				account: r.accountId ? { id: r.accountId, name: names.accountName ?? "" } : null,
				contact: { id: r.contactId, name: names.contactName ?? "", email: names.contactEmail ?? "" },
				location: r.locationId ? { id: r.locationId, name: names.locationName ?? "" } : null,
				address: {
					line1: r.line1,
					line2: r.line2,
					city: r.city,
					region: r.region,
					postalCode: r.postalCode,
					country: r.country,
				},
				preferredFrom: r.preferredFrom,
				preferredTo: r.preferredTo,
				description: r.description,
				photos: photos
					.filter((p) => p.quoteRequestId === r.id)
					.map((p) => ({
						id: p.id,
						url: photoUrl(r.id, p.id),
						contentType: p.contentType,
						at: new Date(p.createdAt).toISOString(),
					})),
				estimateIds,
				createdAt: new Date(r.createdAt).toISOString(),
			};
		}),
		nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
	};
}

/** One quote request `which` admits, as `area` shows it; undefined when none. */
export async function loadQuoteRequest(db: Db, tenant: Tenant, which: SQL, id: string, area: "c" | "d") {
	const rows = await db.batch(
		quoteRequestReads(db, tenant.id, which, { id, limit: 1, sharedEstimatesOnly: area === "c" }),
	);
	return toQuoteRequestPage(rows, 1, (r, p) => quotePhotoUrl(area, tenant.slug, r, p)).items[0];
}

/** Checks a customer may add a photo to their quote request, before the upload is stored. */
export async function quoteRequestTakingPhotos(db: Db, tenantId: string, me: Me, id: string) {
	const [request, photos] = await db.batch([
		db
			.select({ id: quoteRequests.id })
			.from(quoteRequests)
			.where(
				and(
					eq(quoteRequests.tenantId, tenantId),
					eq(quoteRequests.id, id),
					eq(quoteRequests.contactId, me.id),
				),
			),
		db
			.select({ id: quoteRequestPhotos.id })
			.from(quoteRequestPhotos)
			.where(and(eq(quoteRequestPhotos.tenantId, tenantId), eq(quoteRequestPhotos.quoteRequestId, id))),
	]);
	if (!request[0]) throw notFound("That quote request");
	if (photos.length >= QUOTE_REQUEST_MAX_PHOTOS) {
		throw new AppError(409, "conflict", `A quote request takes at most ${QUOTE_REQUEST_MAX_PHOTOS} photos.`);
	}
}

/** Records a stored photo on a customer's quote request, audited. */
export async function addQuoteRequestPhoto(
	db: Db,
	actor: Actor,
	requestId: string,
	photo: { id: string; key: string; type: string; size: number },
	now: number,
) {
	await db.batch([
		db.insert(quoteRequestPhotos).values({
			id: photo.id,
			tenantId: actor.tenantId,
			quoteRequestId: requestId,
			uploadedById: actor.id,
			objectKey: photo.key,
			contentType: photo.type,
			sizeBytes: photo.size,
			createdAt: now,
		}),
		auditBy(
			db,
			actor,
			{
				action: "quote_request.photo_added",
				targetType: "quote_request",
				targetId: requestId,
				data: { photoId: photo.id },
			},
			now,
		),
	]);
	return { id: photo.id, contentType: photo.type, at: new Date(now).toISOString() };
}

/** A photo of a quote request `which` admits: its object key and type; undefined for anything else. */
export async function findQuoteRequestPhoto(
	db: Db,
	tenantId: string,
	which: SQL,
	requestId: string,
	photoId: string,
) {
	return db
		.select({ key: quoteRequestPhotos.objectKey, type: quoteRequestPhotos.contentType })
		.from(quoteRequestPhotos)
		.innerJoin(
			quoteRequests,
			and(
				eq(quoteRequests.tenantId, quoteRequestPhotos.tenantId),
				eq(quoteRequests.id, quoteRequestPhotos.quoteRequestId),
			),
		)
		.where(
			and(
				eq(quoteRequestPhotos.tenantId, tenantId),
				eq(quoteRequestPhotos.quoteRequestId, requestId),
				eq(quoteRequestPhotos.id, photoId),
				which,
			),
		)
		.get();
}
