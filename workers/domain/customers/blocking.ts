import { and, eq } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import type { Db } from "../../db";
import { type Actor, auditBy } from "../activity/actor";
import type { LiveChannels } from "../live/live-jobs";
import { announceAccessEnded, endSubjectSessionsStatements } from "../sign-in/access-ended";
import { webhookEventStatements } from "../webhooks/events";
import { findContact } from "./customer-contacts";

type Contact = NonNullable<Awaited<ReturnType<typeof findContact>>>;

/**
 * Block: the dispatcher's switch for one customer's access, effective at once. In one atomic
 * write the contact is marked blocked, every session of theirs ends and the audit entry is
 * written; then their open live-tracking sockets are closed. Blocking a blocked contact changes
 * nothing but still ends anything left open. Sign-in and booking refuse a blocked contact
 * (`contactAsMe`, `findRecipient`). Undefined when the tenant has no such contact.
 */
export async function blockCustomer(
	deps: { db: Db; live: LiveChannels },
	actor: Actor,
	contactId: string,
	now = Date.now(),
): Promise<Contact | undefined> {
	const { db, live } = deps;
	let contact = await findContact(db, actor.tenantId, contactId);
	if (!contact) return undefined;
	const endSessions = endSubjectSessionsStatements(
		db,
		{ tenantId: actor.tenantId, audience: "customer", subjectId: contactId },
		"blocked",
		now,
	);
	if (contact.blockedAt) {
		await db.batch(endSessions);
	} else {
		const [updated] = await db.batch([
			db
				.update(contacts)
				.set({ blockedAt: now, blockedBy: actor.id })
				.where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, contactId)))
				.returning(),
			...endSessions,
			auditBy(
				db,
				actor,
				{
					action: "contact.blocked",
					targetType: "contact",
					targetId: contactId,
					data: { email: contact.emailNormalized, name: contact.name },
				},
				now,
			),
			...webhookEventStatements(
				db,
				actor.tenantId,
				"customer.blocked",
				{ contactId, email: contact.email, name: contact.name, accountId: contact.accountId },
				now,
			),
		]);
		contact = updated[0] ?? contact;
	}
	await announceAccessEnded(live.accessGate(actor.tenantId), {
		audience: "customer",
		personId: contactId,
		reason: "blocked",
	});
	await live.closeCustomerSockets(actor.tenantId, contact, "Your access was turned off.");
	return contact;
}

/** Unblock: they can sign in and book again; sessions ended by the block do not come back. */
export async function unblockCustomer(db: Db, actor: Actor, contactId: string): Promise<Contact | undefined> {
	const contact = await findContact(db, actor.tenantId, contactId);
	if (!contact?.blockedAt) return contact;
	const [updated] = await db.batch([
		db
			.update(contacts)
			.set({ blockedAt: null, blockedBy: null })
			.where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, contactId)))
			.returning(),
		auditBy(db, actor, {
			action: "contact.unblocked",
			targetType: "contact",
			targetId: contactId,
			data: { email: contact.emailNormalized, name: contact.name, blockedBy: contact.blockedBy },
		}),
	]);
	return updated[0] ?? { ...contact, blockedAt: null, blockedBy: null };
}
