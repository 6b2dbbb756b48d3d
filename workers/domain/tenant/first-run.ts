import { eq, sql } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { signInTokens } from "../../../schema/tables/auth";
import { jobs } from "../../../schema/tables/jobs";
import { staff, technicians } from "../../../schema/tables/staff";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { type Actor, auditBy } from "../activity/actor";
import type { Tenant } from "./tenant";

/** The first-run steps, in the order the console shows them. */
export const firstRunSteps = [
	"branding",
	"support",
	"dispatcher",
	"technician",
	"customers",
	"portalLink",
	"testJob",
] as const;
export type FirstRunStep = (typeof firstRunSteps)[number];

export type FirstRunChecklist = {
	items: Array<{ step: FirstRunStep; done: boolean }>;
	/** Every step done: the console stops showing the list. */
	done: boolean;
	dismissed: boolean;
};

const exists = (query: ReturnType<typeof sql>) => sql<number>`exists (${query})`;

/**
 * Where a new fleet stands, read from its records in one statement — nothing here is a stored
 * checkbox but `dismissed`: the logo is set, a support phone or email is set, a second staff
 * member (the owner is the first) and a technician exist, a customer contact exists, a portal
 * sign-in link has gone to a customer (or one has signed in), and a job exists, which the
 * board shows the moment it is booked.
 */
export async function firstRunChecklist(db: Db, tenant: Pick<Tenant, "id">): Promise<FirstRunChecklist> {
	const id = tenant.id;
	const row = await db
		.select({
			// Read here, not from the request's tenant: a GET's tenant may be the session's last-seen copy.
			logoUrl: tenants.logoUrl,
			supportEmail: tenants.supportEmail,
			supportPhone: tenants.supportPhone,
			settings: tenants.settings,
			staffCount: sql<number>`(select count(*) from ${staff} where ${staff.tenantId} = ${id})`,
			technician: exists(sql`select 1 from ${technicians} where ${technicians.tenantId} = ${id}`),
			customers: exists(sql`select 1 from ${contacts} where ${contacts.tenantId} = ${id}`),
			portalLink: sql<number>`${exists(
				sql`select 1 from ${signInTokens} where ${signInTokens.tenantId} = ${id} and ${signInTokens.audience} = 'customer'`,
			)} or ${exists(sql`select 1 from ${contacts} where ${contacts.tenantId} = ${id} and ${contacts.lastSignInAt} is not null`)}`,
			testJob: exists(sql`select 1 from ${jobs} where ${jobs.tenantId} = ${id}`),
		})
		.from(tenants)
		.where(eq(tenants.id, id))
		.get();
	const done: Record<FirstRunStep, boolean> = {
		branding: Boolean(row?.logoUrl),
		support: Boolean(row?.supportEmail || row?.supportPhone),
		dispatcher: (row?.staffCount ?? 0) > 1,
		technician: Boolean(row?.technician),
		customers: Boolean(row?.customers),
		portalLink: Boolean(row?.portalLink),
		testJob: Boolean(row?.testJob),
	};
	const items = firstRunSteps.map((step) => ({ step, done: done[step] }));
	return {
		items,
		done: items.every((i) => i.done),
		dismissed: row?.settings.firstRunDismissedAt != null,
	};
}

/** Hides the checklist for everyone in the tenant (audited); the steps stay derived. */
export async function dismissFirstRun(db: Db, actor: Actor, tenant: Tenant, now = Date.now()) {
	await db.batch([
		db
			.update(tenants)
			.set({
				settings: sql`json_set(${tenants.settings}, '$.firstRunDismissedAt', ${now})`,
				updatedAt: now,
			})
			.where(eq(tenants.id, tenant.id)),
		auditBy(
			db,
			actor,
			{ action: "settings.first_run_dismissed", targetType: "tenant", targetId: tenant.id },
			now,
		),
	]);
}
