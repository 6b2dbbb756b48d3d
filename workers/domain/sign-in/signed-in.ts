import { and, eq, type Placeholder, sql } from "drizzle-orm";
import { accounts, contacts } from "../../../schema/tables/accounts";
import { type Audience, sessions } from "../../../schema/tables/auth";
import { staff, technicians } from "../../../schema/tables/staff";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { prefixedColumns } from "../prefixed-columns";
import { templatedSelect } from "../select-template";
import { type Tenant, toTenant } from "../tenant/tenant";
import { openTenant } from "../tenant/tenant-status";
import type { Me } from "./audiences";
import {
	contactAsMe,
	contactLocationIdsJson,
	parseLocationIds,
	staffAsMe,
	technicianAsMe,
} from "./identities";
import type { Session } from "./sessions";

/**
 * The session a request's cookie names, with its person as they are right now: "blocked" for
 * a blocked customer, undefined when the person is gone or disabled.
 */
export type SignIn = { session: Session; person: Me | "blocked" | undefined };

export type TenantWithSignIn = { tenant: Tenant; signIn: SignIn | null };

/**
 * The tenant at a slug and, in the same statement, the session with that hash in that tenant and
 * the person it belongs to. Usable on its own or as the first statement of a `db.batch`, so a
 * signed-in read can authenticate in the round trip that reads its list.
 */
export function tenantWithSignInQuery(db: Db, slug: string, sessionHash: string, only?: Audience) {
	// Every signed-in request sends it, always the same shape: its SQL is built once (about sixty
	// columns over up to six joins, the largest part of a cheap read's CPU while drizzle built it
	// each time). Told the audience the route serves (`resolveTenantFor`, the deferred check), it
	// reads only that audience's person: a session of another audience is refused for its audience
	// alone (`admitSession`), whoever it is.
	return templatedSelect(
		db,
		`tenantWithSignIn:${only ?? "any"}`,
		(template, slot) => tenantWithSignInSelect(template, slot("slug"), slot("sessionHash"), only),
		{ slug, sessionHash },
	);
}

/** Every column the check may read; an audience's query leaves out the other audiences' people. */
const signInColumns = () => ({
	tenant: prefixedColumns(tenants, "tenant"),
	session: prefixedColumns(sessions, "session"),
	contact: prefixedColumns(contacts, "contact"),
	accountName: sql<string | null>`${accounts.name}`.as("account_name"),
	contactLocationIds: contactLocationIdsJson.as("contact_location_ids"),
	staffMember: prefixedColumns(staff, "staff"),
	technician: prefixedColumns(technicians, "technician"),
});

function tenantWithSignInSelect(db: Db, slug: Placeholder, sessionHash: Placeholder, only?: Audience) {
	const reads = (audience: Audience) => only === undefined || only === audience;
	const { tenant, session, contact, accountName, contactLocationIds, staffMember, technician } =
		signInColumns();
	const columns = {
		tenant,
		session,
		...(reads("customer") ? { contact, accountName, contactLocationIds } : {}),
		...(reads("staff") ? { staffMember } : {}),
		...(reads("technician") ? { technician } : {}),
	} as ReturnType<typeof signInColumns>;
	// Every join is a primary-key lookup, guarded by the tenant so nothing crosses tenants.
	let query = db
		.select(columns)
		.from(tenants)
		.leftJoin(sessions, and(eq(sessions.idHash, sessionHash), eq(sessions.tenantId, tenants.id)))
		.$dynamic();
	if (reads("customer")) {
		query = query
			.leftJoin(
				contacts,
				and(
					eq(sessions.audience, "customer"),
					eq(contacts.id, sessions.subjectId),
					eq(contacts.tenantId, tenants.id),
				),
			)
			.leftJoin(accounts, and(eq(accounts.id, contacts.accountId), eq(accounts.tenantId, tenants.id)));
	}
	if (reads("staff")) {
		query = query.leftJoin(
			staff,
			and(eq(sessions.audience, "staff"), eq(staff.id, sessions.subjectId), eq(staff.tenantId, tenants.id)),
		);
	}
	if (reads("technician")) {
		query = query.leftJoin(
			technicians,
			and(
				eq(sessions.audience, "technician"),
				eq(technicians.id, sessions.subjectId),
				eq(technicians.tenantId, tenants.id),
			),
		);
	}
	return query.where(and(eq(tenants.slug, slug), openTenant())).limit(1);
}

type TenantWithSignInRow = Awaited<ReturnType<typeof tenantWithSignInQuery>>[number];

/**
 * What `tenantWithSignInQuery` read: undefined for an unknown slug; `signIn` null when no
 * session of this tenant has the hash.
 */
export function toTenantWithSignIn(row: TenantWithSignInRow | undefined): TenantWithSignIn | undefined {
	if (!row) return undefined;
	const tenant = toTenant(row.tenant);
	// Left joins that found nothing answer objects of nulls, not null.
	const { session, contact, staffMember, technician } = row;
	if (session.idHash === null) return { tenant, signIn: null };
	// A person the query did not read (another audience's) is absent, as one it did not find.
	const person =
		session.audience === "customer"
			? contact?.id != null && contactAsMe(contact, row.accountName, parseLocationIds(row.contactLocationIds))
			: session.audience === "staff"
				? staffMember?.id != null && staffAsMe(staffMember)
				: technician?.id != null && technicianAsMe(technician);
	return { tenant, signIn: { session, person: person || undefined } };
}

/**
 * The tenant with the session and person in one D1 round trip, read fresh on every request, so
 * a sign-out, block or settings change applies on the very next one.
 */
export async function findTenantWithSignIn(
	db: Db,
	slug: string,
	sessionHash: string,
	only?: Audience,
): Promise<TenantWithSignIn | undefined> {
	return toTenantWithSignIn(await tenantWithSignInQuery(db, slug, sessionHash, only).get());
}
