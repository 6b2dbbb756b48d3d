import { and, eq } from "drizzle-orm";
import { accounts, type ContactRole, contacts, locations } from "../../../schema/tables/accounts";
import type { Db } from "../../db";
import { emailTaken, fieldInvalid, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { changeSet, isEmptyChange } from "../change-set";
import { newId } from "../ids";
import { insertPerson } from "../team/new-person";
import { type ContactRow, findContact } from "./customer-contacts";
import { scopeToLocations } from "./locations";

type AccountRow = typeof accounts.$inferSelect;

/** Creates a customer account, with its audit entry. */
export async function createAccount(
	db: Db,
	actor: Actor,
	input: { name: string; kind: AccountRow["kind"]; phone?: string | null },
	now = Date.now(),
): Promise<AccountRow> {
	const row: AccountRow = {
		id: newId("acc"),
		tenantId: actor.tenantId,
		name: input.name,
		kind: input.kind,
		phone: input.phone ?? null,
		emailDomain: null,
		createdAt: now,
	};
	await db.batch([
		db.insert(accounts).values(row),
		auditBy(
			db,
			actor,
			{
				action: "account.created",
				targetType: "account",
				targetId: row.id,
				data: { name: row.name, kind: row.kind },
			},
			now,
		),
	]);
	return row;
}

/**
 * Creates a portal contact, in one of the tenant's accounts or on their own. 400 naming
 * `accountId` for an account not the tenant's; 409 naming `email` when a contact has it already.
 */
export async function createContact(
	db: Db,
	actor: Actor,
	input: {
		accountId?: string | null;
		name: string;
		email: { email: string; normalized: string };
		phone?: string | null;
		role: ContactRole;
	},
	now = Date.now(),
): Promise<{ contact: ContactRow; accountName: string | null }> {
	const { tenantId } = actor;
	const [account, existing] = await db.batch([
		db
			.select({ name: accounts.name })
			.from(accounts)
			.where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, input.accountId ?? ""))),
		db
			.select({ id: contacts.id })
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenantId), eq(contacts.emailNormalized, input.email.normalized))),
	]);
	if (input.accountId && !account[0]) throw fieldInvalid(["accountId"], "Choose one of your accounts.");
	if (existing[0]) throw emailTaken("A contact");
	const row: ContactRow = {
		id: newId("con"),
		tenantId,
		accountId: input.accountId ?? null,
		locationId: null,
		name: input.name,
		locale: null,
		email: input.email.email,
		emailNormalized: input.email.normalized,
		phone: input.phone ?? null,
		role: input.role,
		notifyPrefs: {},
		blockedAt: null,
		blockedBy: null,
		lastSignInAt: null,
		createdAt: now,
	};
	await insertPerson(
		db,
		actor,
		"A contact",
		db.insert(contacts).values(row),
		{
			action: "contact.created",
			targetType: "contact",
			targetId: row.id,
			data: { email: row.emailNormalized, accountId: row.accountId, role: row.role },
		},
		now,
	);
	return { contact: row, accountName: account[0]?.name ?? null };
}

/**
 * Changes a contact's name, phone, role or location. The location must be one of the contact's
 * account (400 naming `locationId`); `null` clears it. An empty change writes nothing.
 */
export async function changeContact(
	db: Db,
	actor: Actor,
	id: string,
	input: { name?: string; phone?: string | null; role?: ContactRole; locationId?: string | null },
	now = Date.now(),
): Promise<ContactRow> {
	const { tenantId } = actor;
	const contact = await findContact(db, tenantId, id);
	if (!contact) throw notFound("That contact");
	if (input.locationId) {
		const location = contact.accountId
			? await db
					.select({ id: locations.id })
					.from(locations)
					.where(
						and(
							eq(locations.tenantId, tenantId),
							eq(locations.accountId, contact.accountId),
							eq(locations.id, input.locationId),
						),
					)
					.get()
			: undefined;
		if (!location) throw fieldInvalid(["locationId"], "Choose a location of this contact's account.");
	}
	const change = changeSet(contact, input);
	if (isEmptyChange(change)) return contact;
	const [updated] = await db.batch([
		db
			.update(contacts)
			.set({ name: input.name, phone: input.phone, role: input.role, locationId: input.locationId })
			.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)))
			.returning(),
		auditBy(db, actor, { action: "contact.updated", targetType: "contact", targetId: id, data: change }, now),
		// A dispatcher's one location replaces the contact's scope.
		...(input.locationId === undefined
			? []
			: scopeToLocations(db, tenantId, id, input.locationId ? [input.locationId] : [])),
	]);
	const row = updated[0];
	if (!row) throw notFound("That contact");
	return row;
}
