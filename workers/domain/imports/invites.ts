import { and, asc, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { contactInvites, customerImports } from "../../../schema/tables/imports";
import type { Db } from "../../db";
import { emailBrandingOf } from "../../email/branding";
import { portalInviteEmail } from "../../email/templates/portal-invite";
import type { SendEmail } from "../../email/types";
import { AppError } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { recordAudit } from "../activity/audit";
import { negotiateLocale } from "../locale";
import { inviteLimitsFor } from "../sign-in/send-limits";
import type { SendGate } from "../sign-in/sign-in";
import type { Tenant } from "../tenant/tenant";
import { type EnqueueImportWork, findImport } from "./customer-imports";

/** The slowest and fastest paces a dispatcher may choose, invitations per hour. */
export const INVITE_PACE = { min: 1, max: 500 } as const;

/** The longest a queued message may wait (Cloudflare Queues' delay limit). */
const MAX_DELAY_SECONDS = 12 * 60 * 60;

/**
 * How many invitations go out per queue message at a pace, and the wait before the next
 * message: about one message a minute, so a pace is kept evenly rather than in bursts.
 */
export function invitePacing(perHour: number): { batchSize: number; delaySeconds: number } {
	const batchSize = Math.max(1, Math.ceil(perHour / 60));
	return { batchSize, delaySeconds: Math.ceil((3600 * batchSize) / perHour) };
}

export type InviteCounts = { invitable: number; queued: number; sent: number };

/** An import's invitations: not asked for yet, waiting for their turn, sent. */
export async function inviteCounts(db: Db, tenantId: string, importId: string): Promise<InviteCounts> {
	const rows = await db
		.select({
			invitable: sql<number>`coalesce(sum(CASE WHEN ${contactInvites.requestedAt} IS NULL AND ${contactInvites.sentAt} IS NULL THEN 1 ELSE 0 END), 0)`,
			queued: sql<number>`coalesce(sum(CASE WHEN ${contactInvites.requestedAt} IS NOT NULL AND ${contactInvites.sentAt} IS NULL THEN 1 ELSE 0 END), 0)`,
			sent: sql<number>`coalesce(sum(CASE WHEN ${contactInvites.sentAt} IS NOT NULL THEN 1 ELSE 0 END), 0)`,
		})
		.from(contactInvites)
		.where(and(eq(contactInvites.tenantId, tenantId), eq(contactInvites.importId, importId)))
		.get();
	return rows ?? { invitable: 0, queued: 0, sent: 0 };
}

/**
 * "Invite N contacts": queues an invitation for each contact of a finished import never invited
 * before, at `perHour`. 409 while the import is still being written; nothing to invite is 409 too.
 */
export async function requestInvites(
	deps: { db: Db; enqueue: EnqueueImportWork; origin: string },
	actor: Actor,
	importId: string,
	perHour: number,
	now = Date.now(),
): Promise<InviteCounts> {
	const { db } = deps;
	const row = await findImport(db, actor.tenantId, importId);
	if (!row.finishedAt)
		throw new AppError(409, "conflict", "The import is still running; invite once it is done.");
	const scope = and(
		eq(contactInvites.tenantId, actor.tenantId),
		eq(contactInvites.importId, importId),
		isNull(contactInvites.requestedAt),
		isNull(contactInvites.sentAt),
	);
	const [requested] = await db.batch([
		db.update(contactInvites).set({ requestedAt: now }).where(scope).returning({ id: contactInvites.id }),
		db
			.update(customerImports)
			.set({ invitesPerHour: perHour, invitesRequestedAt: now })
			.where(and(eq(customerImports.tenantId, actor.tenantId), eq(customerImports.id, importId))),
	]);
	if (requested.length === 0)
		throw new AppError(409, "conflict", "Every contact of this import is invited already.");
	await db.batch([
		auditBy(
			db,
			actor,
			{
				action: "customers.invites_requested",
				targetType: "import",
				targetId: importId,
				data: { fileName: row.fileName, contacts: requested.length, perHour },
			},
			now,
		),
	]);
	await deps.enqueue([
		{ body: { type: "invite_batch", tenantId: actor.tenantId, importId, origin: deps.origin } },
	]);
	return inviteCounts(db, actor.tenantId, importId);
}

export type InviteDeps = {
	db: Db;
	gate: SendGate;
	sendEmail: SendEmail;
	enqueue: EnqueueImportWork;
	/** Where the portal is, as decided when the invitations were asked for. */
	origin: string;
};

/** The portal's sign-in page with the address filled in; opening it signs no one in. */
export function portalInviteLink(origin: string, slug: string, email: string): string {
	return `${origin}/c/${slug}?email=${encodeURIComponent(email)}`;
}

/**
 * Sends the next invitations of an import at its pace: each claims a send under the tenant's
 * ceiling first (a refusal waits for the ceiling and goes on later), is marked sent before the
 * email goes (a redelivered message never sends one twice), and is audited. Queues the next
 * batch after the pace's delay while any are waiting. Returns what this batch did.
 */
export async function sendInviteBatch(
	deps: InviteDeps,
	tenant: Tenant,
	importId: string,
	now = Date.now(),
): Promise<{ sent: number; waiting: number; nextInSeconds: number | null }> {
	const { db } = deps;
	const row = await findImport(db, tenant.id, importId);
	const pace = invitePacing(row.invitesPerHour ?? INVITE_PACE.min);
	const due = await db
		.select({
			inviteId: contactInvites.id,
			contactId: contacts.id,
			email: contacts.email,
			name: contacts.name,
			locale: contacts.locale,
			blockedAt: contacts.blockedAt,
		})
		.from(contactInvites)
		.innerJoin(
			contacts,
			and(eq(contacts.tenantId, contactInvites.tenantId), eq(contacts.id, contactInvites.contactId)),
		)
		.where(
			and(
				eq(contactInvites.tenantId, tenant.id),
				eq(contactInvites.importId, importId),
				isNotNull(contactInvites.requestedAt),
				isNull(contactInvites.sentAt),
			),
		)
		.orderBy(asc(contactInvites.requestedAt), asc(contactInvites.id))
		.limit(pace.batchSize + 1);
	let sent = 0;
	let waitSeconds = pace.delaySeconds;
	for (const invite of due.slice(0, pace.batchSize)) {
		const claim = await deps.gate.claimSend(
			inviteLimitsFor({ tenantCeilingPerHour: tenant.settings.sendCeilingPerHour }),
		);
		if (!claim.allowed) {
			waitSeconds = Math.max(waitSeconds, claim.retryAfterSeconds);
			break;
		}
		const [marked] = await db
			.update(contactInvites)
			.set({ sentAt: now })
			.where(
				and(
					eq(contactInvites.tenantId, tenant.id),
					eq(contactInvites.id, invite.inviteId),
					isNull(contactInvites.sentAt),
				),
			)
			.returning({ id: contactInvites.id });
		if (!marked || invite.blockedAt) continue;
		const message = portalInviteEmail({
			...emailBrandingOf(tenant, deps.origin),
			locale: negotiateLocale([invite.locale], tenant.settings.defaultLocale),
			name: invite.name,
			email: invite.email,
			link: portalInviteLink(deps.origin, tenant.slug, invite.email),
		});
		const { delivered } = await deps.sendEmail({
			tenantId: tenant.id,
			to: invite.email,
			...message,
			idempotencyKey: `invite/${invite.inviteId}`,
		});
		sent += 1;
		await recordAudit(db, {
			tenantId: tenant.id,
			actorType: "system",
			action: delivered ? "contact.invited" : "contact.invite_failed",
			targetType: "contact",
			targetId: invite.contactId,
			data: { importId },
		});
	}
	const [left] = await db
		.select({ n: count() })
		.from(contactInvites)
		.where(
			and(
				eq(contactInvites.tenantId, tenant.id),
				eq(contactInvites.importId, importId),
				isNotNull(contactInvites.requestedAt),
				isNull(contactInvites.sentAt),
			),
		);
	const waiting = left?.n ?? 0;
	if (waiting === 0) return { sent, waiting, nextInSeconds: null };
	const nextInSeconds = Math.min(waitSeconds, MAX_DELAY_SECONDS);
	await deps.enqueue([
		{
			body: { type: "invite_batch", tenantId: tenant.id, importId, origin: deps.origin },
			delaySeconds: nextInSeconds,
		},
	]);
	return { sent, waiting, nextInSeconds };
}
