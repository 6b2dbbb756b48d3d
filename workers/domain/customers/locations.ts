import { and, asc, eq, inArray } from "drizzle-orm";
import { contactLocations, contacts, locations, savedAddresses } from "../../../schema/tables/accounts";
import type { Db } from "../../db";
import { fieldInvalid, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { changeSet, isEmptyChange } from "../change-set";
import { newId } from "../ids";

type Address = {
	line1: string;
	line2?: string | null;
	city: string;
	region?: string | null;
	postalCode?: string | null;
	country: string;
};

const addressRow = (a: Address) => ({
	line1: a.line1,
	line2: a.line2 ?? null,
	city: a.city,
	region: a.region ?? null,
	postalCode: a.postalCode ?? null,
	country: a.country,
});

/** The statements that make `locationIds` a contact's whole scope (the first is also their booking default). */
export function scopeToLocations(
	db: Db,
	tenantId: string,
	contactId: string,
	locationIds: readonly string[],
) {
	const ids = [...new Set(locationIds)];
	return [
		db
			.delete(contactLocations)
			.where(and(eq(contactLocations.tenantId, tenantId), eq(contactLocations.contactId, contactId))),
		...(ids.length
			? [db.insert(contactLocations).values(ids.map((locationId) => ({ tenantId, contactId, locationId })))]
			: []),
	] as const;
}

/** The account's locations of `ids` by name; 400 naming `locationIds` when one is not the account's. */
export async function checkAccountLocations(
	db: Db,
	tenantId: string,
	accountId: string,
	ids: readonly string[],
): Promise<Array<{ id: string; name: string }>> {
	if (ids.length === 0) return [];
	const found = await db
		.select({ id: locations.id, name: locations.name })
		.from(locations)
		.where(
			and(
				eq(locations.tenantId, tenantId),
				eq(locations.accountId, accountId),
				inArray(locations.id, [...ids]),
			),
		)
		.orderBy(asc(locations.name));
	if (found.length !== new Set(ids).size) {
		throw fieldInvalid(["locationIds"], "Choose locations of your account.");
	}
	return found;
}

async function checkDefaultContact(
	db: Db,
	tenantId: string,
	accountId: string,
	id: string | null | undefined,
) {
	if (!id) return;
	const found = await db
		.select({ id: contacts.id })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, accountId), eq(contacts.id, id)))
		.get();
	if (!found) throw fieldInvalid(["defaultContactId"], "Choose a colleague of your account.");
}

type LocationRow = typeof locations.$inferSelect;

export async function findAccountLocation(
	db: Db,
	tenantId: string,
	accountId: string,
	id: string,
): Promise<LocationRow> {
	const row = await db
		.select()
		.from(locations)
		.where(and(eq(locations.tenantId, tenantId), eq(locations.accountId, accountId), eq(locations.id, id)))
		.get();
	if (!row) throw notFound("That location");
	return row;
}

export type LocationInputValue = {
	name: string;
	address: Address;
	notes?: string | null;
	defaultContactId?: string | null;
};

/** Adds a location (branch office) to the account, audited by name. */
export async function createLocation(
	db: Db,
	actor: Actor,
	accountId: string,
	input: LocationInputValue,
	now = Date.now(),
): Promise<LocationRow> {
	await checkDefaultContact(db, actor.tenantId, accountId, input.defaultContactId);
	const row: LocationRow = {
		id: newId("loc"),
		tenantId: actor.tenantId,
		accountId,
		name: input.name,
		...addressRow(input.address),
		lat: null,
		lng: null,
		defaultContactId: input.defaultContactId ?? null,
		notes: input.notes ?? null,
		createdAt: now,
	};
	await db.batch([
		db.insert(locations).values(row),
		auditBy(
			db,
			actor,
			{ action: "location.created", targetType: "location", targetId: row.id, data: { name: row.name } },
			now,
		),
	]);
	return row;
}

/** Changes a location's name, address, notes or default contact; an empty change writes nothing. */
export async function changeLocation(
	db: Db,
	actor: Actor,
	accountId: string,
	id: string,
	input: Partial<LocationInputValue>,
	now = Date.now(),
): Promise<LocationRow> {
	const current = await findAccountLocation(db, actor.tenantId, accountId, id);
	await checkDefaultContact(db, actor.tenantId, accountId, input.defaultContactId);
	const next = {
		name: input.name,
		...(input.address ? addressRow(input.address) : {}),
		notes: input.notes,
		defaultContactId: input.defaultContactId,
	};
	const change = changeSet(current, next);
	if (isEmptyChange(change)) return current;
	const [updated] = await db.batch([
		db
			.update(locations)
			.set(next)
			.where(and(eq(locations.tenantId, actor.tenantId), eq(locations.id, id)))
			.returning(),
		auditBy(
			db,
			actor,
			{
				action: "location.updated",
				targetType: "location",
				targetId: id,
				data: { name: input.name ?? current.name, change },
			},
			now,
		),
	]);
	return updated[0] ?? current;
}

type SavedAddressRow = typeof savedAddresses.$inferSelect;

/** Saves an address under one of the account's locations. */
export async function addLocationAddress(
	db: Db,
	actor: Actor,
	accountId: string,
	locationId: string,
	input: {
		label: string;
		address: Address;
		contactName?: string;
		contactPhone?: string;
		instructions?: string;
	},
	now = Date.now(),
): Promise<SavedAddressRow> {
	const location = await findAccountLocation(db, actor.tenantId, accountId, locationId);
	const row: SavedAddressRow = {
		id: newId("adr"),
		tenantId: actor.tenantId,
		accountId,
		locationId,
		label: input.label,
		...addressRow(input.address),
		lat: null,
		lng: null,
		contactName: input.contactName ?? null,
		contactPhone: input.contactPhone ?? null,
		instructions: input.instructions ?? null,
		createdByContactId: actor.id,
		lastUsedAt: null,
		useCount: 0,
		createdAt: now,
	};
	await db.batch([
		db.insert(savedAddresses).values(row),
		auditBy(
			db,
			actor,
			{
				action: "saved_address.created",
				targetType: "saved_address",
				targetId: row.id,
				data: { label: row.label, location: location.name },
			},
			now,
		),
	]);
	return row;
}

/** Removes one of the account's saved addresses. */
export async function removeSavedAddress(
	db: Db,
	actor: Actor,
	accountId: string,
	id: string,
	now = Date.now(),
): Promise<void> {
	const row = await db
		.select({ id: savedAddresses.id, label: savedAddresses.label })
		.from(savedAddresses)
		.where(
			and(
				eq(savedAddresses.tenantId, actor.tenantId),
				eq(savedAddresses.accountId, accountId),
				eq(savedAddresses.id, id),
			),
		)
		.get();
	if (!row) throw notFound("That address");
	await db.batch([
		db
			.delete(savedAddresses)
			.where(and(eq(savedAddresses.tenantId, actor.tenantId), eq(savedAddresses.id, id))),
		auditBy(
			db,
			actor,
			{
				action: "saved_address.removed",
				targetType: "saved_address",
				targetId: id,
				data: { label: row.label },
			},
			now,
		),
	]);
}
