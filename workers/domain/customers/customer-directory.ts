import { and, asc, eq, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import { accounts, contacts, locations } from "../../../schema/tables/accounts";
import type { Db } from "../../db";
import { iso } from "../time";

type ContactRow = typeof contacts.$inferSelect;
type AccountRow = typeof accounts.$inferSelect;

/** A portal contact as the dispatcher console lists it. */
export type ContactView = {
	id: string;
	name: string;
	email: string;
	role: ContactRow["role"];
	blocked: boolean;
	blockedAt: string | null;
	lastSignInAt: string | null;
	locationId: string | null;
};

export type AccountView = {
	id: string;
	name: string;
	kind: AccountRow["kind"];
	phone: string | null;
	locations: Array<{ id: string; name: string; line1: string; city: string }>;
	contacts: ContactView[];
};

export function toContactView(c: ContactRow): ContactView {
	return {
		id: c.id,
		name: c.name,
		email: c.email,
		role: c.role,
		blocked: c.blockedAt !== null,
		blockedAt: iso(c.blockedAt),
		lastSignInAt: iso(c.lastSignInAt),
		locationId: c.locationId,
	};
}

export function toAccountView(a: AccountRow): AccountView {
	return { id: a.id, name: a.name, kind: a.kind, phone: a.phone, locations: [], contacts: [] };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * The reads of the tenant's accounts, their locations and contacts, for one `db.batch`; see
 * `toCustomerDirectory`. `q` keeps accounts whose name matches (with all their contacts) and
 * contacts whose name or email matches (with their account).
 */
export function customerDirectoryReads(db: Db, tenantId: string, q?: string) {
	let accountFilter: SQL | undefined;
	let contactFilter: SQL | undefined;
	if (q) {
		const like = `%${escapeLike(q.normalize("NFKC").toLowerCase())}%`;
		const accountNameMatches = sql`lower(${accounts.name}) LIKE ${like} ESCAPE '\\'`;
		const contactMatches = sql`(lower(${contacts.name}) LIKE ${like} ESCAPE '\\' OR ${contacts.emailNormalized} LIKE ${like} ESCAPE '\\')`;
		accountFilter = or(
			accountNameMatches,
			inArray(
				accounts.id,
				db
					.select({ id: contacts.accountId })
					.from(contacts)
					.where(and(eq(contacts.tenantId, tenantId), isNotNull(contacts.accountId), contactMatches)),
			),
		);
		contactFilter = or(
			contactMatches,
			inArray(
				contacts.accountId,
				db
					.select({ id: accounts.id })
					.from(accounts)
					.where(and(eq(accounts.tenantId, tenantId), accountNameMatches)),
			),
		);
	}
	// Without a search every location is of a listed account: one walk of the tenant's, in order.
	const ofListedAccounts = accountFilter
		? inArray(
				locations.accountId,
				db
					.select({ id: accounts.id })
					.from(accounts)
					.where(and(eq(accounts.tenantId, tenantId), accountFilter)),
			)
		: undefined;
	return [
		db
			.select()
			.from(accounts)
			.where(and(eq(accounts.tenantId, tenantId), accountFilter))
			.orderBy(asc(accounts.name), asc(accounts.id)),
		db
			.select({
				id: locations.id,
				accountId: locations.accountId,
				name: locations.name,
				line1: locations.line1,
				city: locations.city,
			})
			.from(locations)
			.where(and(eq(locations.tenantId, tenantId), ofListedAccounts))
			.orderBy(asc(locations.name), asc(locations.id)),
		db
			.select()
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenantId), contactFilter))
			.orderBy(asc(contacts.name), asc(contacts.email)),
	] as const;
}

type LocationRow = Pick<typeof locations.$inferSelect, "id" | "accountId" | "name" | "line1" | "city">;

/** The accounts with their locations and contacts, and the contacts of no account. */
export function toCustomerDirectory(
	accountRows: AccountRow[],
	locationRows: LocationRow[],
	contactRows: ContactRow[],
): { accounts: AccountView[]; unattached: ContactView[] } {
	const byId = new Map(accountRows.map((a) => [a.id, toAccountView(a)]));
	for (const { accountId, ...location } of locationRows) byId.get(accountId)?.locations.push(location);
	const unattached: ContactView[] = [];
	for (const c of contactRows) {
		const account = c.accountId ? byId.get(c.accountId) : undefined;
		(account ? account.contacts : unattached).push(toContactView(c));
	}
	return { accounts: [...byId.values()], unattached };
}
