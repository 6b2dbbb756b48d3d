import { and, desc, eq, or, sql } from "drizzle-orm";
import { accounts, contacts } from "../../../schema/tables/accounts";
import { auditLog } from "../../../schema/tables/activity";
import { type JobStatus, jobs } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import { describeUserAgent } from "../sign-in/user-agent";
import { type ContactView, toContactView } from "./customer-directory";

export type ContactRow = typeof contacts.$inferSelect;

export type ContactDetail = ContactView & {
	accountId: string | null;
	accountName: string | null;
	phone: string | null;
};

export type ContactDossier = {
	contact: ContactDetail;
	jobs: Array<{ id: string; number: number; status: JobStatus; reference: string | null; createdAt: string }>;
	signIns: Array<{
		at: string;
		ip: string | null;
		userAgent: string | null;
		device: string | null;
		method: string | null;
	}>;
};

/** How many recent jobs and sign-ins a contact's page shows. */
export const CONTACT_HISTORY_SIZE = 20;

export function toContactDetail(c: ContactRow, accountName: string | null): ContactDetail {
	return { ...toContactView(c), accountId: c.accountId, accountName, phone: c.phone };
}

/** One contact of the tenant, or undefined (another tenant's id included). */
export async function findContact(db: Db, tenantId: string, id: string): Promise<ContactRow | undefined> {
	return db
		.select()
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)))
		.get();
}

/** The name of an account of the tenant, for answers that show it beside a contact. */
export const accountNameOf = (tenantId: string) =>
	sql<
		string | null
	>`(SELECT ${accounts.name} FROM ${accounts} WHERE ${accounts.tenantId} = ${tenantId} AND ${accounts.id} = ${contacts.accountId})`;

/**
 * A contact with their account, their recent jobs (linked to them, or typed with their email
 * in any spelling) and their recent sign-ins, in one D1 round trip; undefined when not the tenant's.
 */
export async function loadContactDossier(
	db: Db,
	tenantId: string,
	contactId: string,
): Promise<ContactDossier | undefined> {
	const contactEmail = db
		.select({ email: contacts.emailNormalized })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
	const [contactRows, jobRows, signInRows] = await db.batch([
		db
			.select({ contact: contacts, accountName: accountNameOf(tenantId).as("account_name") })
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId))),
		db
			.select({
				id: jobs.id,
				number: jobs.number,
				status: jobs.status,
				reference: jobs.reference,
				createdAt: jobs.createdAt,
			})
			.from(jobs)
			.where(
				and(
					eq(jobs.tenantId, tenantId),
					or(eq(jobs.contactId, contactId), eq(jobs.customerEmailNormalized, sql`(${contactEmail})`)),
				),
			)
			.orderBy(desc(jobs.createdAt), desc(jobs.id))
			.limit(CONTACT_HISTORY_SIZE),
		db
			.select({
				createdAt: auditLog.createdAt,
				ip: auditLog.ip,
				userAgent: auditLog.userAgent,
				data: auditLog.data,
			})
			.from(auditLog)
			.where(
				and(
					eq(auditLog.tenantId, tenantId),
					eq(auditLog.actorId, contactId),
					eq(auditLog.actorType, "contact"),
					eq(auditLog.action, "auth.signed_in"),
				),
			)
			.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
			.limit(CONTACT_HISTORY_SIZE),
	]);
	const row = contactRows[0];
	if (!row) return undefined;
	return {
		contact: toContactDetail(row.contact, row.accountName),
		jobs: jobRows.map((j) => ({ ...j, createdAt: new Date(j.createdAt).toISOString() })),
		signIns: signInRows.map((s) => ({
			at: new Date(s.createdAt).toISOString(),
			ip: s.ip,
			userAgent: s.userAgent,
			device: describeUserAgent(s.userAgent),
			method: typeof s.data?.method === "string" ? s.data.method : null,
		})),
	};
}
