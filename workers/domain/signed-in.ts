import { and, eq } from "drizzle-orm";
import { accounts, contacts } from "../../schema/tables/accounts";
import { sessions } from "../../schema/tables/auth";
import { staff, technicians } from "../../schema/tables/staff";
import { tenants } from "../../schema/tables/tenants";
import type { Db } from "../app-env";
import type { Me } from "./audiences";
import { contactAsMe, staffAsMe, technicianAsMe } from "./identities";
import type { Session } from "./sessions";
import { type Tenant, toTenant } from "./tenant";

/**
 * The session a request's cookie names, with its person as they are right now: "blocked" for
 * a blocked customer, undefined when the person is gone or disabled.
 */
export type SignIn = { session: Session; person: Me | "blocked" | undefined };

/**
 * The tenant at a slug and, in the same statement, the session with that hash in that tenant and
 * the person it belongs to: one D1 round trip for a signed-in request. Read fresh on every
 * request, so a sign-out, block or settings change applies on the very next one. Undefined for an
 * unknown slug; `signIn` null when no session of this tenant has the hash.
 */
export async function findTenantWithSignIn(
	db: Db,
	slug: string,
	sessionHash: string,
): Promise<{ tenant: Tenant; signIn: SignIn | null } | undefined> {
	const row = await db
		.select({
			tenant: tenants,
			session: sessions,
			contact: contacts,
			accountName: accounts.name,
			staffMember: staff,
			technician: technicians,
		})
		.from(tenants)
		// Every join is a primary-key lookup, guarded by the tenant so nothing crosses tenants.
		.leftJoin(sessions, and(eq(sessions.idHash, sessionHash), eq(sessions.tenantId, tenants.id)))
		.leftJoin(
			contacts,
			and(
				eq(sessions.audience, "customer"),
				eq(contacts.id, sessions.subjectId),
				eq(contacts.tenantId, tenants.id),
			),
		)
		.leftJoin(accounts, and(eq(accounts.id, contacts.accountId), eq(accounts.tenantId, tenants.id)))
		.leftJoin(
			staff,
			and(eq(sessions.audience, "staff"), eq(staff.id, sessions.subjectId), eq(staff.tenantId, tenants.id)),
		)
		.leftJoin(
			technicians,
			and(
				eq(sessions.audience, "technician"),
				eq(technicians.id, sessions.subjectId),
				eq(technicians.tenantId, tenants.id),
			),
		)
		.where(eq(tenants.slug, slug))
		.get();
	if (!row) return undefined;
	const tenant = toTenant(row.tenant);
	const { session } = row;
	if (!session) return { tenant, signIn: null };
	const person =
		session.audience === "customer"
			? row.contact && contactAsMe(row.contact, row.accountName)
			: session.audience === "staff"
				? row.staffMember && staffAsMe(row.staffMember)
				: row.technician && technicianAsMe(row.technician);
	return { tenant, signIn: { session, person: person ?? undefined } };
}
