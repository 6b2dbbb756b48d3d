import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Locale } from "../../../schema/locales";
import { accounts, contacts } from "../../../schema/tables/accounts";
import type { Audience } from "../../../schema/tables/auth";
import { jobs } from "../../../schema/tables/jobs";
import { staff, technicians } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { newId } from "../ids";
import type { Tenant } from "../tenant/tenant";
import type { Me } from "./audiences";

/** Whether a sign-in email goes to an address, and to whom. */
export type Recipient =
	/** `locale`: the language the person chose, null when they chose none (or are not known yet). */
	| { send: true; subjectId: string | null; locale: Locale | null }
	| { send: false; reason: "unknown" | "blocked" | "disabled" };

/**
 * Customers: a contact, or an address that is the customer email of one of the tenant's
 * jobs, or anyone when the tenant allows self-signup. Staff and technicians: their row.
 */
export async function findRecipient(
	db: Db,
	tenant: Tenant,
	audience: Audience,
	emailNormalized: string,
): Promise<Recipient> {
	if (audience === "staff") {
		const row = await db
			.select({ id: staff.id, disabledAt: staff.disabledAt, locale: staff.locale })
			.from(staff)
			.where(and(eq(staff.tenantId, tenant.id), eq(staff.emailNormalized, emailNormalized)))
			.get();
		if (!row) return { send: false, reason: "unknown" };
		return row.disabledAt
			? { send: false, reason: "disabled" }
			: { send: true, subjectId: row.id, locale: row.locale };
	}
	if (audience === "technician") {
		const row = await db
			.select({ id: technicians.id, active: technicians.active, locale: technicians.locale })
			.from(technicians)
			.where(and(eq(technicians.tenantId, tenant.id), eq(technicians.emailNormalized, emailNormalized)))
			.get();
		if (!row) return { send: false, reason: "unknown" };
		return row.active
			? { send: true, subjectId: row.id, locale: row.locale }
			: { send: false, reason: "disabled" };
	}
	const contact = await db
		.select({ id: contacts.id, blockedAt: contacts.blockedAt, locale: contacts.locale })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.emailNormalized, emailNormalized)))
		.get();
	if (contact)
		return contact.blockedAt
			? { send: false, reason: "blocked" }
			: { send: true, subjectId: contact.id, locale: contact.locale };
	const job = await db
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.customerEmailNormalized, emailNormalized)))
		.limit(1)
		.get();
	if (job || tenant.settings.allowSelfSignup) return { send: true, subjectId: null, locale: null };
	return { send: false, reason: "unknown" };
}

/**
 * The contact a customer sign-in belongs to, creating the profile on first sign-in for an
 * address known only from jobs (or self-signup). Race-safe through the unique email index.
 */
export async function ensureCustomerContact(
	db: Db,
	tenantId: string,
	emailNormalized: string,
): Promise<string> {
	const job = await db
		.select({ name: jobs.customerName })
		.from(jobs)
		.where(
			and(
				eq(jobs.tenantId, tenantId),
				eq(jobs.customerEmailNormalized, emailNormalized),
				isNotNull(jobs.customerName),
			),
		)
		.limit(1)
		.get();
	await db
		.insert(contacts)
		.values({
			id: newId("con"),
			tenantId,
			email: emailNormalized,
			emailNormalized,
			name: job?.name ?? "",
			// A profile found through job emails is not made a member of any account.
			accountId: null,
			role: "booker",
			createdAt: Date.now(),
		})
		.onConflictDoNothing()
		.run();
	const row = await db
		.select({ id: contacts.id })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.emailNormalized, emailNormalized)))
		.get();
	if (!row) throw new Error("contact vanished right after insert");
	return row.id;
}

type ContactRow = typeof contacts.$inferSelect;

/**
 * A contact's locations as one JSON array, read in the statement that reads the contact: one
 * primary-key range (`+` keeps SQLite off the tenant index), nothing when no contact was joined.
 */
export const contactLocationIdsJson = sql<
	string | null
>`CASE WHEN "contacts"."id" IS NULL THEN NULL ELSE (SELECT json_group_array(cl.location_id) FROM contact_locations cl WHERE cl.contact_id = "contacts"."id" AND +cl.tenant_id = "contacts"."tenant_id") END`;

export const parseLocationIds = (json: string | null): string[] =>
	json ? (JSON.parse(json) as Array<string | null>).filter((id): id is string => id !== null) : [];
type StaffRow = typeof staff.$inferSelect;
type TechnicianRow = typeof technicians.$inferSelect;

/** A contact as the signed-in person: "blocked" once a dispatcher blocked them. */
export function contactAsMe(
	contact: ContactRow,
	accountName: string | null,
	locationIds: string[] = [],
): Me | "blocked" {
	if (contact.blockedAt) return "blocked";
	return {
		audience: "customer",
		id: contact.id,
		name: contact.name || contact.email,
		email: contact.email,
		role: contact.role,
		accountId: contact.accountId,
		accountName,
		locationId: contact.locationId,
		locationIds: [...locationIds].sort(),
		locale: contact.locale,
	};
}

/** A staff member as the signed-in person; undefined once disabled. */
export function staffAsMe(s: StaffRow): Me | undefined {
	if (s.disabledAt) return undefined;
	return {
		audience: "staff",
		id: s.id,
		name: s.name,
		email: s.email,
		role: s.role,
		accountId: null,
		accountName: null,
		locationId: null,
		locationIds: [],
		locale: s.locale,
	};
}

/** A technician as the signed-in person; undefined once made inactive. */
export function technicianAsMe(t: TechnicianRow): Me | undefined {
	if (!t.active) return undefined;
	return {
		audience: "technician",
		id: t.id,
		name: t.name,
		email: t.email,
		role: "technician",
		accountId: null,
		accountName: null,
		locationId: null,
		locationIds: [],
		locale: t.locale,
	};
}

/**
 * The signed-in person; "blocked" for a customer a dispatcher blocked; undefined when they
 * no longer exist or were disabled.
 */
export async function loadMe(
	db: Db,
	tenantId: string,
	audience: Audience,
	subjectId: string,
): Promise<Me | "blocked" | undefined> {
	if (audience === "customer") {
		const row = await db
			.select({ contact: contacts, accountName: accounts.name, locationIds: contactLocationIdsJson })
			.from(contacts)
			.leftJoin(accounts, and(eq(accounts.id, contacts.accountId), eq(accounts.tenantId, tenantId)))
			.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, subjectId)))
			.get();
		return row && contactAsMe(row.contact, row.accountName, parseLocationIds(row.locationIds));
	}
	if (audience === "staff") {
		const s = await db
			.select()
			.from(staff)
			.where(and(eq(staff.tenantId, tenantId), eq(staff.id, subjectId)))
			.get();
		return s && staffAsMe(s);
	}
	const t = await db
		.select()
		.from(technicians)
		.where(and(eq(technicians.tenantId, tenantId), eq(technicians.id, subjectId)))
		.get();
	return t && technicianAsMe(t);
}

/** Records the sign-in time on the person's row. */
export async function markSignedIn(
	db: Db,
	audience: Audience,
	subjectId: string,
	now: number,
): Promise<void> {
	const table = PEOPLE[audience];
	await db.update(table).set({ lastSignInAt: now }).where(eq(table.id, subjectId)).run();
}

const PEOPLE = { customer: contacts, staff, technician: technicians } as const;

/**
 * Stores the language a signed-in person chose (null: back to their browser's, then the tenant's),
 * for their pages on every device and for the emails sent to them.
 */
export async function setPreferredLocale(
	db: Db,
	tenantId: string,
	audience: Audience,
	subjectId: string,
	locale: Locale | null,
): Promise<void> {
	const table = PEOPLE[audience];
	await db
		.update(table)
		.set({ locale })
		.where(and(eq(table.tenantId, tenantId), eq(table.id, subjectId)))
		.run();
}
