/**
 * An address the booking form offers: a branch office, a saved address or a recent one (id
 * null). It imports nothing, so the portal names these shapes too instead of copying them.
 */
export type Place = {
	id: string | null;
	label: string;
	line1: string;
	line2: string | null;
	city: string;
	region: string | null;
	postalCode: string | null;
	country: string;
	contactName: string | null;
	contactPhone: string | null;
	instructions: string | null;
};

export type Places = { locations: Place[]; saved: Place[]; recent: Place[] };

type AddressRow = Pick<Place, "line1" | "line2" | "city" | "region" | "postalCode" | "country">;

/** A row's address as a place, with no id or label yet. */
export function placeOf(
	row: AddressRow & Partial<Pick<Place, "contactName" | "contactPhone" | "instructions">>,
): Place {
	return {
		id: null,
		label: "",
		line1: row.line1,
		line2: row.line2,
		city: row.city,
		region: row.region,
		postalCode: row.postalCode,
		country: row.country,
		contactName: row.contactName ?? null,
		contactPhone: row.contactPhone ?? null,
		instructions: row.instructions ?? null,
	};
}
