import { and, asc, eq, sql } from "drizzle-orm";
import { accounts, contacts } from "../../schema/tables/accounts";
import { jobEvents, jobNotes, jobPhotos, jobStops, jobs } from "../../schema/tables/jobs";
import { technicians } from "../../schema/tables/staff";
import type { Db } from "../app-env";
import type { FieldIssue } from "../errors";
import type { JobCustomer } from "./job-creation";
import { toStaffJob } from "./staff-job-view";

/** Who a dispatcher books a job for: a known contact, or a name and email typed in. */
export type CustomerChoice = {
	contactId?: string;
	name?: string;
	email?: { email: string; normalized: string };
	accountId?: string | null;
};

const issue = (field: string, message: string): FieldIssue => ({ path: field.split("."), field, message });

/**
 * The customer a dispatcher's job is for. A typed email that belongs to a contact links the
 * job to them, so it shows in their portal whichever way the dispatcher spelled it.
 */
export async function resolveJobCustomer(
	db: Db,
	tenantId: string,
	choice: CustomerChoice,
): Promise<{ ok: true; customer: JobCustomer } | { ok: false; issues: FieldIssue[] }> {
	const byContact = choice.contactId
		? and(eq(contacts.tenantId, tenantId), eq(contacts.id, choice.contactId))
		: and(eq(contacts.tenantId, tenantId), eq(contacts.emailNormalized, choice.email?.normalized ?? ""));
	const [found, account] = await db.batch([
		db.select().from(contacts).where(byContact).limit(1),
		db
			.select({ id: accounts.id })
			.from(accounts)
			.where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, choice.accountId ?? ""))),
	]);
	const contact = found[0];
	if (choice.contactId && !contact)
		return { ok: false, issues: [issue("customer.contactId", "Choose one of your customers.")] };
	if (choice.accountId && !account[0])
		return { ok: false, issues: [issue("customer.accountId", "Choose one of your accounts.")] };
	if (contact) {
		return {
			ok: true,
			customer: {
				accountId: contact.accountId ?? choice.accountId ?? null,
				locationId: contact.locationId,
				contactId: contact.id,
				name: choice.name || contact.name || contact.email,
				email: contact.email,
				emailNormalized: contact.emailNormalized,
			},
		};
	}
	return {
		ok: true,
		customer: {
			accountId: choice.accountId ?? null,
			locationId: null,
			contactId: null,
			name: choice.name ?? null,
			email: choice.email?.email ?? null,
			emailNormalized: choice.email?.normalized ?? null,
		},
	};
}

/**
 * The reads of a job as the console shows it, for one `db.batch`: customer, technician, stops,
 * the whole timeline (entries customers do not see included), notes and photos.
 */
export function staffJobReads(db: Db, tenantId: string, jobId: string) {
	return [
		db
			.select({
				job: jobs,
				accountName: sql<string | null>`${accounts.name}`.as("account_name"),
				technicianName: sql<string | null>`${technicians.name}`.as("technician_name"),
			})
			.from(jobs)
			.leftJoin(accounts, and(eq(accounts.id, jobs.accountId), eq(accounts.tenantId, jobs.tenantId)))
			.leftJoin(
				technicians,
				and(eq(technicians.id, jobs.technicianId), eq(technicians.tenantId, jobs.tenantId)),
			)
			.where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
			.limit(1),
		db
			.select()
			.from(jobStops)
			.where(and(eq(jobStops.tenantId, tenantId), eq(jobStops.jobId, jobId)))
			.orderBy(asc(jobStops.seq)),
		db
			.select()
			.from(jobEvents)
			.where(and(eq(jobEvents.tenantId, tenantId), eq(jobEvents.jobId, jobId)))
			.orderBy(asc(jobEvents.createdAt), asc(jobEvents.id)),
		db
			.select()
			.from(jobNotes)
			.where(and(eq(jobNotes.tenantId, tenantId), eq(jobNotes.jobId, jobId)))
			.orderBy(asc(jobNotes.createdAt), asc(jobNotes.id)),
		db
			.select()
			.from(jobPhotos)
			.where(and(eq(jobPhotos.tenantId, tenantId), eq(jobPhotos.jobId, jobId)))
			.orderBy(asc(jobPhotos.createdAt), asc(jobPhotos.id)),
	] as const;
}

type Reads = ReturnType<typeof staffJobReads>;
/** What the batch answers for `staffJobReads`, in order. */
export type StaffJobRows = [
	Awaited<Reads[0]>,
	Awaited<Reads[1]>,
	Awaited<Reads[2]>,
	Awaited<Reads[3]>,
	Awaited<Reads[4]>,
];

/** The job from what `staffJobReads` read; undefined when the job is not the tenant's. */
export function staffJobOf(
	[jobRows, stops, events, notes, photos]: Readonly<StaffJobRows>,
	photoUrl: (id: string) => string,
) {
	return toStaffJob(jobRows[0], stops, events, notes, photos, photoUrl);
}

/** A job as the console shows it (see `staffJobReads`), in one D1 round trip. */
export async function loadStaffJob(
	db: Db,
	tenantId: string,
	jobId: string,
	photoUrl: (id: string) => string,
) {
	return staffJobOf(await db.batch(staffJobReads(db, tenantId, jobId)), photoUrl);
}
