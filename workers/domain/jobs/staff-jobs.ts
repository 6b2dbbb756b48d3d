import type { z } from "@hono/zod-openapi";
import { and, asc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { accounts, contacts } from "../../../schema/tables/accounts";
import { jobEvents, jobNotes, jobPhotos, jobStops, jobs } from "../../../schema/tables/jobs";
import { technicians } from "../../../schema/tables/staff";
import { StaffJobSchema } from "../../contracts/staff-jobs";
import type { Db } from "../../db";
import { type FieldIssue, fieldInvalid, invalidFields } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import type { NoticeLog } from "../notifications/record";
import type { Tenant } from "../tenant/tenant";
import { jobWebhookStatements } from "../webhooks/events";
import { loadBoardJob } from "./board";
import { bookingWindow } from "./booking-rules";
import { jobOfKey, resolveKnownPlaces } from "./bookings";
import { createJobOnce, type IdempotencyGate } from "./create-job-once";
import { type JobCustomer, newJobStatements } from "./job-creation";
import type { StaffJobInput } from "./staff-job-input";
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
				technicianName: sql<string | null>`${technicians.name}`.as("technician_name"),
			})
			.from(jobs)
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

/** Where the console fetches a job's photo. */
export const staffPhotoUrl = (slug: string, jobId: string) => (photoId: string) =>
	`/api/d/${slug}/jobs/${jobId}/photos/${photoId}`;

/**
 * A dispatcher's new job for a customer, with the portal's booking rules, landing in Unassigned
 * with source `dispatcher`; exactly once per Idempotency-Key when one is sent (see `createJobOnce`).
 */
export async function createStaffJob(
	deps: { db: Db; gate: IdempotencyGate; now: number; notices?: NoticeLog },
	tenant: Tenant,
	actor: Actor,
	key: string | null,
	input: StaffJobInput,
	/** `api` for a job an API key sends (exactly once per key and Idempotency-Key, like the rest). */
	source: "dispatcher" | "api" = "dispatcher",
): Promise<{ job: z.infer<typeof StaffJobSchema>; replayed: boolean }> {
	const { db, now } = deps;
	const view = (id: string) => loadStaffJob(db, tenant.id, id, staffPhotoUrl(tenant.slug, id));
	return createJobOnce({
		gate: deps.gate,
		ownerId: actor.id,
		key,
		body: input,
		answer: StaffJobSchema,
		noun: "job",
		now,
		findByKey: (scopedKey) => jobOfKey(db, tenant.id, scopedKey, view),
		write: async (scopedKey) => {
			const { customer: choice, ...booking } = input;
			if (!tenant.settings.jobKinds.includes(booking.kind)) {
				throw fieldInvalid(["kind"], `${tenant.name} does not take this kind of job.`);
			}
			const window = bookingWindow(booking, tenant.timezone, now);
			const resolved = await resolveJobCustomer(db, tenant.id, choice);
			if (!window.ok || !resolved.ok) {
				throw invalidFields([...(window.ok ? [] : window.issues), ...(resolved.ok ? [] : resolved.issues)]);
			}
			const known = await resolveKnownPlaces(db, tenant.id, resolved.customer.accountId, booking);
			if (known.issues.length) throw invalidFields(known.issues);
			const { jobId, statements } = newJobStatements(db, {
				tenantId: tenant.id,
				input: booking,
				window: window.window,
				places: known.places,
				source,
				status: "unassigned",
				customer: resolved.customer,
				technicianId: null,
				createdBy: { type: source === "api" ? "api" : "staff", id: actor.id, label: actor.label },
				createdMessage:
					source === "api" ? `Sent through the API (${actor.label})` : "Booked by the dispatcher",
				scopedIdempotencyKey: scopedKey,
				now,
				notices: deps.notices,
			});
			statements.push(
				auditBy(
					db,
					actor,
					{
						action: "job.created",
						targetType: "job",
						targetId: jobId,
						data: { customer: resolved.customer.emailNormalized, contactId: resolved.customer.contactId },
					},
					now,
				),
			);
			statements.push(...jobWebhookStatements(db, tenant.id, "job.created", jobId, now));
			await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
			const [job, boardJob] = await Promise.all([view(jobId), loadBoardJob(db, tenant.id, jobId)]);
			if (!job || !boardJob) throw new Error(`created job ${jobId} not readable`);
			return { job, publish: [{ type: "job", job: boardJob }] };
		},
	});
}
