import { and, asc, eq, sql } from "drizzle-orm";
import { accounts, contacts } from "../../schema/tables/accounts";
import { jobEvents, jobNotes, jobPhotos, jobStops, jobs } from "../../schema/tables/jobs";
import { technicians } from "../../schema/tables/staff";
import type { Db } from "../app-env";
import type { FieldIssue } from "../errors";
import type { JobCustomer } from "./job-creation";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
 * A job as the console shows it: customer, technician, stops, the whole timeline (entries
 * customers do not see included), notes and photos. One D1 round trip; undefined when the
 * job is not the tenant's.
 */
export async function loadStaffJob(
	db: Db,
	tenantId: string,
	jobId: string,
	photoUrl: (id: string) => string,
) {
	const [jobRows, stops, events, notes, photos] = await db.batch([
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
	]);
	const row = jobRows[0];
	if (!row) return undefined;
	const { job } = row;
	return {
		id: job.id,
		number: job.number,
		kind: job.kind,
		status: job.status,
		source: job.source,
		reference: job.reference,
		description: job.description,
		packageDescription: job.packageDescription,
		customer: {
			contactId: job.contactId,
			name: job.customerName,
			email: job.customerEmail,
			accountId: job.accountId,
			accountName: row.accountName,
			locationId: job.locationId,
		},
		technician: job.technicianId ? { id: job.technicianId, name: row.technicianName ?? "" } : null,
		windowStart: iso(job.windowStart),
		windowEnd: iso(job.windowEnd),
		pausedMessage: job.pausedMessage,
		createdAt: new Date(job.createdAt).toISOString(),
		updatedAt: new Date(job.updatedAt).toISOString(),
		completedAt: iso(job.completedAt),
		cancelledAt: iso(job.cancelledAt),
		stops: stops.map((s) => ({
			seq: s.seq,
			kind: s.kind,
			line1: s.line1,
			line2: s.line2,
			city: s.city,
			region: s.region,
			postalCode: s.postalCode,
			country: s.country,
			contactName: s.contactName,
			contactPhone: s.contactPhone,
			instructions: s.instructions,
			windowStart: iso(s.windowStart),
			windowEnd: iso(s.windowEnd),
		})),
		timeline: events.map((e) => ({
			id: e.id,
			type: e.type,
			message: e.message,
			actorType: e.actorType,
			actorId: e.actorId,
			actor: e.actorLabel,
			visibleToCustomer: e.visibleToCustomer,
			data: e.data ?? null,
			at: new Date(e.createdAt).toISOString(),
		})),
		notes: notes.map((n) => ({
			id: n.id,
			authorType: n.authorType,
			authorId: n.authorId,
			text: n.body,
			at: new Date(n.createdAt).toISOString(),
		})),
		photos: photos.map((p) => ({
			id: p.id,
			url: photoUrl(p.id),
			contentType: p.contentType,
			sizeBytes: p.sizeBytes,
			uploadedByType: p.uploadedByType,
			uploadedById: p.uploadedById,
			at: new Date(p.createdAt).toISOString(),
		})),
	};
}

export type StaffJob = NonNullable<Awaited<ReturnType<typeof loadStaffJob>>>;
