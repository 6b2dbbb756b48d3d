import { and, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { BatchResponse } from "drizzle-orm/batch";
import { locations, recentPlaces, savedAddresses } from "../../../schema/tables/accounts";
import type { Db } from "../../db";
import { type Place, type Places, placeOf } from "./customer-place-view";

const RECENT_PLACES = 10;

/**
 * The reads, for one `db.batch`, of where a customer is likely to book from or to: the
 * account's locations, its saved addresses (most used first), and the addresses they booked
 * to or from lately (one row per address, kept up to date by every new job).
 * A contact scoped to some locations (`onlyLocations`) gets those and their addresses, with the
 * account's addresses of no location.
 */
export function customerPlaceReads(
	db: Db,
	tenantId: string,
	accountId: string | null,
	contactId: string,
	onlyLocations: readonly string[] = [],
) {
	const scoped = onlyLocations.length > 0 ? [...onlyLocations] : null;
	return [
		db
			.select()
			.from(locations)
			.where(
				and(
					eq(locations.tenantId, tenantId),
					eq(locations.accountId, accountId ?? ""),
					scoped ? inArray(locations.id, scoped) : undefined,
				),
			)
			.orderBy(locations.name),
		db
			.select()
			.from(savedAddresses)
			.where(
				and(
					eq(savedAddresses.tenantId, tenantId),
					eq(savedAddresses.accountId, accountId ?? ""),
					scoped
						? or(isNull(savedAddresses.locationId), inArray(savedAddresses.locationId, scoped))
						: undefined,
				),
			)
			.orderBy(desc(savedAddresses.useCount), savedAddresses.label),
		db
			.select()
			.from(recentPlaces)
			.where(and(eq(recentPlaces.tenantId, tenantId), eq(recentPlaces.contactId, contactId)))
			.orderBy(desc(recentPlaces.lastUsedAt))
			.limit(RECENT_PLACES),
	] as const;
}

type PlaceRows = BatchResponse<ReturnType<typeof customerPlaceReads>>;

/** The places `customerPlaceReads` read, saved places first, recent addresses not saved after. */
export function toCustomerPlaces([locs, saved, recentRows]: PlaceRows): Places {
	const known = new Set([...locs, ...saved].map((p) => `${p.line1}|${p.city}`.toLowerCase()));
	const recent: Place[] = [];
	for (const stop of recentRows) {
		const key = `${stop.line1}|${stop.city}`.toLowerCase();
		if (known.has(key)) continue;
		known.add(key);
		recent.push({ ...placeOf(stop), id: null, label: `${stop.line1}, ${stop.city}` });
	}
	return {
		locations: locs.map((l) => ({
			...placeOf(l),
			id: l.id,
			label: l.name,
			contactName: null,
			contactPhone: null,
			instructions: null,
		})),
		saved: saved.map((s) => ({ ...placeOf(s), id: s.id, label: s.label })),
		recent,
	};
}
