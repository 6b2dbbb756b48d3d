import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Locale } from "../../../schema/locales";
import {
	accounts,
	type ContactRole,
	contactLocations,
	contacts,
	joinRequests,
	locations,
	savedAddresses,
} from "../../../schema/tables/accounts";
import type { Db } from "../../db";
import { emailBrandingOf } from "../../email/branding";
import { colleagueInviteEmail } from "../../email/templates/colleague-invite";
import type { SendEmail } from "../../email/types";
import { AppError, emailTaken, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { auditInsert } from "../activity/audit";
import { newId } from "../ids";
import type { LiveChannels } from "../live/live-jobs";
import { negotiateLocale } from "../locale";
import { type NoticeLog, notificationInsert } from "../notifications/record";
import type { RequestMeta } from "../request-meta";
import { announceAccessEnded, endSubjectSessionsStatements } from "../sign-in/access-ended";
import type { Me } from "../sign-in/audiences";
import { createSignIn, signInLink } from "../sign-in/sign-in-tokens";
import type { Tenant } from "../tenant/tenant";
import { checkAccountLocations, scopeToLocations } from "./locations";

/** How long an invitation's sign-in link works. */
export const INVITE_TTL_DAYS = 3;

/** The account an admin manages; a contact of no account has none to manage (403). */
export function managedAccountId(me: Me): string {
	if (!me.accountId) throw new AppError(403, "forbidden", "You are not part of a customer account.");
	return me.accountId;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const addressOf = (r: {
	line1: string;
	line2: string | null;
	city: string;
	region: string | null;
	postalCode: string | null;
	country: string;
}) => ({
	line1: r.line1,
	line2: r.line2,
	city: r.city,
	region: r.region,
	postalCode: r.postalCode,
	country: r.country,
});

/** Everything the account admin page shows, in one round trip. */
export async function accountOverview(db: Db, tenantId: string, accountId: string, meId: string) {
	const [account, people, scopes, places, addresses, requests] = await db.batch([
		db
			.select({ id: accounts.id, name: accounts.name, emailDomain: accounts.emailDomain })
			.from(accounts)
			.where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId))),
		db
			.select()
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, accountId)))
			.orderBy(asc(contacts.name), asc(contacts.email)),
		db
			.select({ contactId: contactLocations.contactId, locationId: contactLocations.locationId })
			.from(contactLocations)
			.innerJoin(
				locations,
				and(eq(locations.id, contactLocations.locationId), eq(locations.tenantId, contactLocations.tenantId)),
			)
			.where(and(eq(contactLocations.tenantId, tenantId), eq(locations.accountId, accountId))),
		db
			.select()
			.from(locations)
			.where(and(eq(locations.tenantId, tenantId), eq(locations.accountId, accountId)))
			.orderBy(asc(locations.name)),
		db
			.select()
			.from(savedAddresses)
			.where(and(eq(savedAddresses.tenantId, tenantId), eq(savedAddresses.accountId, accountId)))
			.orderBy(asc(savedAddresses.label)),
		db
			.select()
			.from(joinRequests)
			.where(
				and(
					eq(joinRequests.tenantId, tenantId),
					eq(joinRequests.accountId, accountId),
					eq(joinRequests.status, "pending"),
				),
			)
			.orderBy(asc(joinRequests.createdAt)),
	]);
	const head = account[0];
	if (!head) throw notFound("Your account");
	const locationName = new Map(places.map((l) => [l.id, l.name]));
	const personName = new Map(people.map((p) => [p.id, p.name || p.email]));
	return {
		account: head,
		colleagues: people.map((p) => {
			const ids = scopes
				.filter((s) => s.contactId === p.id)
				.map((s) => s.locationId)
				.sort((a, b) => (locationName.get(a) ?? "").localeCompare(locationName.get(b) ?? ""));
			return {
				id: p.id,
				name: p.name || p.email,
				email: p.email,
				role: p.role,
				locationIds: ids,
				locationNames: ids.map((id) => locationName.get(id) ?? ""),
				lastSignInAt: iso(p.lastSignInAt),
				blocked: p.blockedAt !== null,
				you: p.id === meId,
			};
		}),
		locations: places.map((l) => ({
			id: l.id,
			name: l.name,
			address: addressOf(l),
			notes: l.notes,
			defaultContactId: l.defaultContactId,
			defaultContactName: l.defaultContactId ? (personName.get(l.defaultContactId) ?? null) : null,
			addresses: addresses
				.filter((a) => a.locationId === l.id)
				.map((a) => ({
					id: a.id,
					label: a.label,
					address: addressOf(a),
					contactName: a.contactName,
					contactPhone: a.contactPhone,
					instructions: a.instructions,
				})),
		})),
		joinRequests: requests.map((r) => ({
			id: r.id,
			name: r.name,
			email: r.email,
			at: new Date(r.createdAt).toISOString(),
		})),
	};
}

type ContactRow = typeof contacts.$inferSelect;

async function findColleague(db: Db, tenantId: string, accountId: string, id: string): Promise<ContactRow> {
	const row = await db
		.select()
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, accountId), eq(contacts.id, id)))
		.get();
	if (!row) throw notFound("That colleague");
	return row;
}

/** 409 when `contact` is the account's last admin and would stop being one. */
async function refuseLastAdmin(db: Db, contact: ContactRow, what: string): Promise<void> {
	if (contact.role !== "admin" || !contact.accountId) return;
	const others = await db
		.select({ id: contacts.id })
		.from(contacts)
		.where(
			and(
				eq(contacts.tenantId, contact.tenantId),
				eq(contacts.accountId, contact.accountId),
				eq(contacts.role, "admin"),
				ne(contacts.id, contact.id),
			),
		)
		.limit(1);
	if (others.length === 0) {
		throw new AppError(
			409,
			"last_admin",
			`${contact.name || contact.email} is the account's last admin: make a colleague admin before you ${what}.`,
		);
	}
}

export type InviteDeps = {
	db: Db;
	sendEmail: SendEmail;
	origin: string | null;
	meta: RequestMeta;
	now: number;
};

/** Emails a sign-in link to this account (valid `INVITE_TTL_DAYS`), in the person's language if known. */
async function sendInvitation(
	deps: InviteDeps,
	tenant: Tenant,
	contact: { id: string; email: string; emailNormalized: string; role: ContactRole; locale: Locale | null },
	account: string,
	inviter: string,
): Promise<boolean> {
	if (!deps.origin) return false;
	const signIn = await createSignIn(
		deps.db,
		{
			tenantId: tenant.id,
			audience: "customer",
			emailNormalized: contact.emailNormalized,
			subjectId: contact.id,
			ip: deps.meta.ip,
		},
		deps.now,
		INVITE_TTL_DAYS * 24 * 3_600_000,
	);
	const message = colleagueInviteEmail({
		...emailBrandingOf(tenant, deps.origin),
		locale: negotiateLocale([contact.locale], tenant.settings.defaultLocale),
		inviter,
		account,
		email: contact.email,
		role: contact.role,
		link: signInLink(deps.origin, "c", tenant.slug, signIn.token),
		expiresInDays: INVITE_TTL_DAYS,
	});
	const { delivered } = await deps.sendEmail({
		tenantId: tenant.id,
		to: contact.email,
		...message,
		idempotencyKey: `invite/${signIn.id}`,
	});
	return delivered;
}

async function accountName(db: Db, tenantId: string, accountId: string): Promise<string> {
	const row = await db
		.select({ name: accounts.name })
		.from(accounts)
		.where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)))
		.get();
	if (!row) throw notFound("Your account");
	return row.name;
}

/**
 * An admin invites a colleague: a contact of the account with the role and locations chosen,
 * and a sign-in link emailed to them. 409 when someone of the tenant already has the address.
 */
export async function inviteColleague(
	deps: InviteDeps,
	tenant: Tenant,
	actor: Actor,
	accountId: string,
	input: {
		email: { email: string; normalized: string };
		name: string;
		role: ContactRole;
		locationIds?: string[];
	},
) {
	const { db, now } = deps;
	const places = await checkAccountLocations(db, tenant.id, accountId, input.locationIds ?? []);
	const taken = await db
		.select({ id: contacts.id })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.emailNormalized, input.email.normalized)))
		.get();
	if (taken) throw emailTaken("Someone");
	const account = await accountName(db, tenant.id, accountId);
	const row: ContactRow = {
		id: newId("con"),
		tenantId: tenant.id,
		accountId,
		locationId: places[0]?.id ?? null,
		name: input.name,
		email: input.email.email,
		emailNormalized: input.email.normalized,
		phone: null,
		role: input.role,
		locale: null,
		notifyPrefs: {},
		blockedAt: null,
		blockedBy: null,
		lastSignInAt: null,
		createdAt: now,
	};
	await db.batch([
		db.insert(contacts).values(row),
		...scopeToLocations(
			db,
			tenant.id,
			row.id,
			places.map((p) => p.id),
		),
		auditBy(
			db,
			actor,
			{
				action: "contact.invited",
				targetType: "contact",
				targetId: row.id,
				data: {
					name: row.name,
					email: row.emailNormalized,
					role: row.role,
					account,
					locations: places.map((p) => p.name),
				},
			},
			now,
		),
	]);
	const sent = await sendInvitation(deps, tenant, row, account, actor.label);
	return { contact: row, sent };
}

/** An admin changes a colleague's role or locations; the last admin cannot stop being one (409). */
export async function changeColleague(
	deps: { db: Db; now: number },
	actor: Actor,
	accountId: string,
	id: string,
	input: { role?: ContactRole; locationIds?: string[] },
): Promise<void> {
	const { db, now } = deps;
	const contact = await findColleague(db, actor.tenantId, accountId, id);
	if (input.role !== undefined && input.role !== "admin")
		await refuseLastAdmin(db, contact, "change their role");
	const places =
		input.locationIds === undefined
			? undefined
			: await checkAccountLocations(db, actor.tenantId, accountId, input.locationIds);
	const before = await db
		.select({ name: locations.name })
		.from(contactLocations)
		.innerJoin(locations, eq(locations.id, contactLocations.locationId))
		.where(and(eq(contactLocations.tenantId, actor.tenantId), eq(contactLocations.contactId, id)))
		.orderBy(asc(locations.name));
	const roleChanged = input.role !== undefined && input.role !== contact.role;
	const beforeNames = before.map((b) => b.name);
	const afterNames = places?.map((p) => p.name);
	const locationsChanged = afterNames !== undefined && afterNames.join("\n") !== beforeNames.join("\n");
	if (!roleChanged && !locationsChanged) return;
	await db.batch([
		db
			.update(contacts)
			.set({
				role: roleChanged ? input.role : undefined,
				locationId: places ? (places[0]?.id ?? null) : undefined,
			})
			.where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, id))),
		...(places
			? scopeToLocations(
					db,
					actor.tenantId,
					id,
					places.map((p) => p.id),
				)
			: []),
		auditBy(
			db,
			actor,
			{
				action: "contact.access_changed",
				targetType: "contact",
				targetId: id,
				data: {
					name: contact.name || contact.email,
					...(roleChanged ? { role: { before: contact.role, after: input.role } } : {}),
					...(locationsChanged ? { locations: { before: beforeNames, after: afterNames } } : {}),
				},
			},
			now,
		),
	]);
}

/**
 * An admin removes a colleague from the account: the contact is deleted with their locations
 * and every session, in one atomic write, so their next request is 401; then their open live
 * views close. The last admin cannot remove themselves (409).
 */
export async function removeColleague(
	deps: { db: Db; live: LiveChannels; now: number },
	actor: Actor,
	accountId: string,
	id: string,
): Promise<void> {
	const { db, live, now } = deps;
	const contact = await findColleague(db, actor.tenantId, accountId, id);
	await refuseLastAdmin(db, contact, "remove them");
	const account = await accountName(db, actor.tenantId, accountId);
	await db.batch([
		db.delete(contacts).where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, id))),
		...scopeToLocations(db, actor.tenantId, id, []),
		...endSubjectSessionsStatements(
			db,
			{ tenantId: actor.tenantId, audience: "customer", subjectId: id },
			"access_removed",
			now,
		),
		auditBy(
			db,
			actor,
			{
				action: "contact.removed",
				targetType: "contact",
				targetId: id,
				data: {
					name: contact.name || contact.email,
					email: contact.emailNormalized,
					role: contact.role,
					account,
				},
			},
			now,
		),
	]);
	await Promise.all([
		live.closeCustomerSockets(actor.tenantId, contact, "Your access was removed."),
		announceAccessEnded(live.accessGate(actor.tenantId), {
			audience: "customer",
			personId: id,
			reason: "access_removed",
		}),
	]);
}

/** The part of an address after the @, lower case. */
export const emailDomainOf = (normalized: string): string =>
	normalized.slice(normalized.lastIndexOf("@") + 1);

/**
 * Someone asks to join the account whose email domain matches theirs. The answer is the same
 * whether or not an account matches (the work is silent and audited), so it reveals no one;
 * 403 while the tenant's "allow join requests" setting is off (the default).
 */
export async function requestToJoin(
	deps: { db: Db; meta: RequestMeta; now: number; notices?: NoticeLog },
	tenant: Tenant,
	input: { email: { email: string; normalized: string }; name: string },
): Promise<void> {
	const { db, meta, now } = deps;
	if (!tenant.settings.allowJoinRequests) {
		throw new AppError(403, "forbidden", `${tenant.name} does not take requests to join an account here.`);
	}
	const anonymous = { tenantId: tenant.id, actorType: "anonymous" as const, ...meta };
	const domain = emailDomainOf(input.email.normalized);
	const [account, known, admins] = await db.batch([
		db
			.select({ id: accounts.id, name: accounts.name })
			.from(accounts)
			.where(and(eq(accounts.tenantId, tenant.id), eq(accounts.emailDomain, domain)))
			.limit(2),
		db
			.select({ id: contacts.id })
			.from(contacts)
			.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.emailNormalized, input.email.normalized))),
		// The admins of the domain's account(s), to tell them (the one account is picked below).
		db
			.select({ id: contacts.id, email: contacts.email, accountId: contacts.accountId })
			.from(contacts)
			.innerJoin(accounts, and(eq(accounts.tenantId, contacts.tenantId), eq(accounts.id, contacts.accountId)))
			.where(
				and(
					eq(contacts.tenantId, tenant.id),
					eq(accounts.emailDomain, domain),
					eq(contacts.role, "admin"),
					isNull(contacts.blockedAt),
				),
			),
	]);
	// One account of that domain, and someone not already known.
	const match = account.length === 1 ? account[0] : undefined;
	if (!match || known.length > 0) {
		await db.batch([
			auditInsert(
				db,
				{
					...anonymous,
					action: "join_request.ignored",
					data: { email: input.email.normalized, reason: known.length > 0 ? "known" : "no_account" },
				},
				now,
			),
		]);
		return;
	}
	const id = newId("jrq");
	const told = admins
		.filter((a) => a.accountId === match.id)
		.map((a) => ({ email: a.email, contactId: a.id }));
	await db.batch([
		db
			.insert(joinRequests)
			.values({
				id,
				tenantId: tenant.id,
				accountId: match.id,
				name: input.name,
				email: input.email.email,
				emailNormalized: input.email.normalized,
				status: "pending",
				createdAt: now,
			})
			.onConflictDoUpdate({
				target: [joinRequests.tenantId, joinRequests.emailNormalized],
				set: {
					accountId: match.id,
					name: input.name,
					status: "pending",
					decidedAt: null,
					decidedByContactId: null,
					createdAt: now,
				},
			}),
		auditInsert(
			db,
			{
				...anonymous,
				action: "join_request.created",
				targetType: "account",
				targetId: match.id,
				data: { name: input.name, email: input.email.normalized, account: match.name },
			},
			now,
		),
		// The account's admins are told, linking to the account page where they decide.
		...(told.length
			? [
					notificationInsert(
						db,
						deps.notices,
						{
							tenantId: tenant.id,
							kind: "join_request",
							data: {
								requester: { name: input.name, email: input.email.email, account: match.name },
								recipients: told,
							},
						},
						now,
					),
				]
			: []),
	]);
}

/**
 * An admin approves (the person becomes a booker of the account and gets a sign-in link) or
 * declines a pending join request of their account. Another account's or a decided one: 404.
 */
export async function decideJoinRequest(
	deps: InviteDeps,
	tenant: Tenant,
	actor: Actor,
	accountId: string,
	id: string,
	decision: "approve" | "decline",
): Promise<{ contactId: string | null }> {
	const { db, now } = deps;
	const request = await db
		.select()
		.from(joinRequests)
		.where(
			and(
				eq(joinRequests.tenantId, tenant.id),
				eq(joinRequests.accountId, accountId),
				eq(joinRequests.id, id),
				eq(joinRequests.status, "pending"),
			),
		)
		.get();
	if (!request) throw notFound("That join request");
	const decided = db
		.update(joinRequests)
		.set({
			status: decision === "approve" ? "approved" : "declined",
			decidedAt: now,
			decidedByContactId: actor.id,
		})
		.where(and(eq(joinRequests.tenantId, tenant.id), eq(joinRequests.id, id)));
	const account = await accountName(db, tenant.id, accountId);
	const audit = (contactId?: string) =>
		auditBy(
			db,
			actor,
			{
				action: decision === "approve" ? "join_request.approved" : "join_request.declined",
				targetType: contactId ? "contact" : "account",
				targetId: contactId ?? accountId,
				data: { name: request.name, email: request.emailNormalized, account },
			},
			now,
		);
	if (decision === "decline") {
		await db.batch([decided, audit()]);
		return { contactId: null };
	}
	const taken = await db
		.select({ id: contacts.id })
		.from(contacts)
		.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.emailNormalized, request.emailNormalized)))
		.get();
	if (taken) throw emailTaken("Someone");
	const row: ContactRow = {
		id: newId("con"),
		tenantId: tenant.id,
		accountId,
		locationId: null,
		name: request.name,
		email: request.email,
		emailNormalized: request.emailNormalized,
		phone: null,
		role: "booker",
		locale: null,
		notifyPrefs: {},
		blockedAt: null,
		blockedBy: null,
		lastSignInAt: null,
		createdAt: now,
	};
	await db.batch([db.insert(contacts).values(row), decided, audit(row.id)]);
	await sendInvitation(deps, tenant, row, account, "");
	return { contactId: row.id };
}
