import { and, eq } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { jobs } from "../../../schema/tables/jobs";
import { jobCompletions } from "../../../schema/tables/proof";
import type { Db } from "../../db";
import { emailBrandingOf } from "../../email/branding";
import { jobProofEmail } from "../../email/templates/job-proof";
import type { SendEmail } from "../../email/types";
import type { Tenant } from "../tenant/tenant";

/**
 * Emails the job's customer that it was completed (with a link to the proof and report) or
 * could not be, in their language; a contact who turned completion emails off gets none of the
 * former. Once per completion (the key). The one place this area sends email.
 */
export async function sendJobProofEmail(
	deps: { db: Db; sendEmail: SendEmail },
	origin: string,
	tenant: Tenant,
	completionId: string,
): Promise<void> {
	const { db } = deps;
	const [row] = await db
		.select({
			completion: jobCompletions,
			job: { id: jobs.id, number: jobs.number, kind: jobs.kind, email: jobs.customerEmail },
			contact: { email: contacts.email, locale: contacts.locale, notifyPrefs: contacts.notifyPrefs },
		})
		.from(jobCompletions)
		.innerJoin(jobs, and(eq(jobs.tenantId, jobCompletions.tenantId), eq(jobs.id, jobCompletions.jobId)))
		.leftJoin(contacts, and(eq(contacts.tenantId, jobs.tenantId), eq(contacts.id, jobs.contactId)))
		.where(and(eq(jobCompletions.tenantId, tenant.id), eq(jobCompletions.id, completionId)))
		.limit(1);
	if (!row) return;
	const { completion, job, contact } = row;
	const to = contact?.email ?? job.email;
	const failed = completion.outcome === "failed";
	if (!to || (!failed && contact?.notifyPrefs?.completed === false)) return;
	const locale = contact?.locale ?? tenant.settings.defaultLocale;
	const message = jobProofEmail({
		...emailBrandingOf(tenant, origin),
		locale,
		jobNumber: job.number,
		kind: job.kind,
		when: new Intl.DateTimeFormat(locale, {
			timeZone: tenant.timezone,
			dateStyle: "long",
			timeStyle: "short",
		}).format(completion.createdAt),
		technicianName: completion.technicianName,
		recipientName: completion.recipientName,
		failure: failed ? { reason: completion.failureReason ?? "other", text: completion.failureText } : null,
		link: `${origin}/c/${tenant.slug}/jobs/${job.id}`,
	});
	await deps.sendEmail({
		tenantId: tenant.id,
		to,
		...message,
		idempotencyKey: `job-proof/${completion.id}`,
	});
}
