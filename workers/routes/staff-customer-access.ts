import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { contacts } from "../../schema/tables/accounts";
import type { AppEnv } from "../app-env";
import { ContactSchema } from "../contracts/customer-directory";
import { errorResponses } from "../contracts/openapi";
import { IdParam, jsonAnswer } from "../contracts/staff";
import { findContact } from "../domain/customer-contacts";
import { toContactView } from "../domain/customer-directory";
import { deleteSubjectSessionsStatement } from "../domain/sessions";
import { closeCustomerSockets } from "../durable-objects/relay-feed";
import { notFound } from "../errors";
import { requireSession } from "../middleware/session";
import { resolveTenant } from "../middleware/tenant";
import { createRouter } from "./router";
import { staffAuditInsert } from "./staff-audit";

const staffOnly = [resolveTenant, requireSession("staff")];

const accessRoute = (action: "block" | "unblock", summary: string, description: string) =>
	createRoute({
		method: "post",
		path: `/api/d/{slug}/customers/contacts/{id}/${action}`,
		tags: ["customers"],
		summary,
		description,
		middleware: staffOnly,
		request: { params: IdParam },
		responses: { 200: jsonAnswer("The contact", ContactSchema), ...errorResponses(401, 403, 404) },
	});

async function loadContact(c: Context<AppEnv>, id: string) {
	const contact = await findContact(c.var.db, c.var.tenant.id, id);
	if (!contact) throw notFound("That contact");
	return contact;
}

/** Block and Unblock: the dispatcher's switch for one customer's access, effective at once. */
export const staffCustomerAccessRoutes = createRouter()
	.openapi(
		accessRoute(
			"block",
			"Block a customer: no sign-in, no booking, every session and live view ended",
			"One switch: in one atomic write the contact is marked blocked, all their sessions end and the audit entry is written; then their open live-tracking sockets are closed. Blocking a blocked contact changes nothing but still ends anything left open.",
		),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { id } = c.req.valid("param");
			let contact = await loadContact(c, id);
			const endSessions = deleteSubjectSessionsStatement(db, {
				tenantId: tenant.id,
				audience: "customer",
				subjectId: id,
			});
			if (contact.blockedAt) {
				await endSessions.run();
			} else {
				const [updated] = await db.batch([
					db
						.update(contacts)
						.set({ blockedAt: Date.now(), blockedBy: me.id })
						.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.id, id)))
						.returning(),
					endSessions,
					staffAuditInsert(c, {
						action: "contact.blocked",
						targetType: "contact",
						targetId: id,
						data: { email: contact.emailNormalized, name: contact.name },
					}),
				]);
				contact = updated[0] ?? contact;
			}
			await closeCustomerSockets(c.env, db, tenant.id, contact, "Your access was turned off.");
			return c.json(toContactView(contact), 200);
		},
	)
	.openapi(
		accessRoute(
			"unblock",
			"Unblock a customer: they can sign in and book again",
			"They sign in afresh; sessions ended by the block do not come back.",
		),
		async (c) => {
			const { db, tenant } = c.var;
			const { id } = c.req.valid("param");
			const contact = await loadContact(c, id);
			if (!contact.blockedAt) return c.json(toContactView(contact), 200);
			const [updated] = await db.batch([
				db
					.update(contacts)
					.set({ blockedAt: null, blockedBy: null })
					.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.id, id)))
					.returning(),
				staffAuditInsert(c, {
					action: "contact.unblocked",
					targetType: "contact",
					targetId: id,
					data: { email: contact.emailNormalized, name: contact.name, blockedBy: contact.blockedBy },
				}),
			]);
			return c.json(toContactView(updated[0] ?? { ...contact, blockedAt: null, blockedBy: null }), 200);
		},
	);
