import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Locale } from "../../../schema/locales";
import { contacts } from "../../../schema/tables/accounts";
import { jobs } from "../../../schema/tables/jobs";
import {
	emailOptOuts,
	jobContacts,
	type NotificationKind,
	type NotifyStage,
	notifyStages,
	type StaffNotifyStage,
} from "../../../schema/tables/notifications";
import { staff } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { normalizeEmail } from "../email";
import type { Tenant } from "../tenant/tenant";
import { staffStageOn, stageOn } from "./preferences";

/** The preference stage a notification answers to; null: essential, always sent. */
export function stageOfKind(kind: NotificationKind): NotifyStage | null {
	if (kind === "invoice_overdue") return "invoice";
	return (notifyStages as readonly string[]).includes(kind) ? (kind as NotifyStage) : null;
}

export function staffStageOfKind(kind: NotificationKind): StaffNotifyStage | null {
	return kind.startsWith("staff_") ? (kind.slice("staff_".length) as StaffNotifyStage) : null;
}

export type Recipient = {
	email: string;
	emailNormalized: string;
	contactId: string | null;
	staffId: string | null;
	locale: Locale | null;
	name: string | null;
	/** Why nothing is sent to them, or null. */
	suppressed: string | null;
};

/** Recipients named when the notification was recorded (estimate and invoice shares). */
export type NamedRecipient = { email: string; contactId: string | null };

/**
 * Everyone a notification goes to, each with whether their preferences (or the tenant's stage
 * switches) suppress it. Jobs: the job's contacts (booker, site contact, also-notify addresses)
 * and the job's customer; estimates and invoices: those named at the share; dispatchers: the
 * staff who opted into that customer action.
 */
export async function recipientsOf(
	db: Db,
	tenant: Tenant,
	n: { kind: NotificationKind; jobId: string | null; named: NamedRecipient[] },
): Promise<Recipient[]> {
	const staffStage = staffStageOfKind(n.kind);
	if (staffStage) {
		const team = await db
			.select()
			.from(staff)
			.where(and(eq(staff.tenantId, tenant.id), isNull(staff.disabledAt)));
		return team
			.filter((m) => staffStageOn(m.notifyPrefs, staffStage))
			.map((m) => ({
				email: m.email,
				emailNormalized: m.emailNormalized,
				contactId: null,
				staffId: m.id,
				locale: m.locale,
				name: m.name,
				suppressed: null,
			}));
	}
	const addresses = new Map<string, { email: string; name: string | null; contactId: string | null }>();
	const add = (email: string | null, name: string | null, contactId: string | null) => {
		if (!email) return;
		const key = normalizeEmail(email);
		if (!addresses.has(key)) addresses.set(key, { email, name, contactId });
	};
	for (const r of n.named) add(r.email, null, r.contactId);
	if (n.jobId) {
		const [job, listed] = await db.batch([
			db
				.select({ email: jobs.customerEmail, name: jobs.customerName, contactId: jobs.contactId })
				.from(jobs)
				.where(and(eq(jobs.tenantId, tenant.id), eq(jobs.id, n.jobId))),
			db
				.select()
				.from(jobContacts)
				.where(and(eq(jobContacts.tenantId, tenant.id), eq(jobContacts.jobId, n.jobId))),
		]);
		for (const j of job) add(j.email, j.name, j.contactId);
		for (const c of listed) add(c.email, c.name, null);
	}
	const keys = [...addresses.keys()];
	if (!keys.length) return [];
	const [people, optOuts] = await db.batch([
		db
			.select()
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenant.id), inArray(contacts.emailNormalized, keys))),
		db
			.select()
			.from(emailOptOuts)
			.where(and(eq(emailOptOuts.tenantId, tenant.id), inArray(emailOptOuts.emailNormalized, keys))),
	]);
	const stage = stageOfKind(n.kind);
	return keys.map((key) => {
		const a = addresses.get(key) as { email: string; name: string | null; contactId: string | null };
		const person = people.find((p) => p.emailNormalized === key);
		let suppressed: string | null = null;
		if (stage) {
			if (!tenant.settings.notifyStages[stage]) suppressed = "tenant";
			else if (person && !stageOn(person.notifyPrefs, stage)) suppressed = "preference";
			else if (!person && optOuts.some((o) => o.emailNormalized === key && o.stage === stage))
				suppressed = "preference";
		}
		if (person?.blockedAt) suppressed = "blocked";
		return {
			email: person?.email ?? a.email,
			emailNormalized: key,
			contactId: person?.id ?? null,
			staffId: null,
			locale: person?.locale ?? null,
			name: person?.name || a.name,
			suppressed,
		};
	});
}
