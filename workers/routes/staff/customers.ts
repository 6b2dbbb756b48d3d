import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { accounts, contactRoles, contacts, locations } from "../../../schema/tables/accounts";
import {
	AccountKind,
	AccountSchema,
	ContactDetailSchema,
	ContactDossierSchema,
	ContactSchema,
	DirectorySchema,
} from "../../contracts/customer-directory";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import {
	emailTaken,
	fieldInvalid,
	IdParam,
	jsonAnswer,
	jsonBody,
	NameField,
	PhoneField,
	SOME_FIELD,
} from "../../contracts/staff";
import { changeSet, isEmptyChange } from "../../domain/change-set";
import { findContact, loadContactDossier, toContactDetail } from "../../domain/customer-contacts";
import {
	customerDirectoryReads,
	toAccountView,
	toContactView,
	toCustomerDirectory,
} from "../../domain/customer-directory";
import { newId } from "../../domain/ids";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { createRouter } from "../router";
import { staffAuditInsert } from "./audit";
import { insertPerson } from "./new-person";

const tags = ["customers"];

const ContactRole = z.enum(contactRoles);

const NewAccountBody = z
	.object({ name: NameField, kind: AccountKind.default("commercial"), phone: PhoneField.optional() })
	.openapi("NewCustomerAccount");

const NewContactBody = z
	.object({
		accountId: z.string().max(64).nullable().optional(),
		name: NameField,
		email: EmailField,
		phone: PhoneField.optional(),
		role: ContactRole,
	})
	.openapi("NewContact");

const ContactPatchBody = z
	.object({
		name: NameField.optional(),
		phone: PhoneField.optional(),
		role: ContactRole.optional(),
		locationId: z.string().max(64).nullable().optional(),
	})
	.refine(SOME_FIELD.check, SOME_FIELD.message)
	.openapi("ContactPatch");

export const staffCustomerRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/customers",
			tags,
			summary: "Accounts with their locations and contacts, and contacts of no account",
			description: "`q` keeps accounts whose name matches and contacts whose name or email matches.",
			request: {
				params: SlugParam,
				query: z.object({ q: z.string().trim().max(200).optional() }),
			},
			responses: { 200: jsonAnswer("The directory", DirectorySchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { q } = c.req.valid("query");
			const rows = await readSignedIn(c, ({ tenant }) =>
				customerDirectoryReads(c.var.db, tenant.id, q || undefined),
			);
			return c.json(toCustomerDirectory(...rows), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/customers/accounts",
			tags,
			summary: "Create a customer account",
			request: { params: SlugParam, body: jsonBody(NewAccountBody) },
			responses: { 201: jsonAnswer("Created", AccountSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const input = c.req.valid("json");
			const row = {
				id: newId("acc"),
				tenantId: tenant.id,
				name: input.name,
				kind: input.kind,
				phone: input.phone ?? null,
				createdAt: Date.now(),
			};
			await db.batch([
				db.insert(accounts).values(row),
				staffAuditInsert(c, {
					action: "account.created",
					targetType: "account",
					targetId: row.id,
					data: { name: row.name, kind: row.kind },
				}),
			]);
			return c.json(toAccountView(row), 201);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/customers/contacts",
			tags,
			summary: "Create a portal contact, in an account or on their own",
			request: { params: SlugParam, body: jsonBody(NewContactBody) },
			responses: {
				201: jsonAnswer("Created", ContactDetailSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const input = c.req.valid("json");
			const [account, existing] = await db.batch([
				db
					.select({ name: accounts.name })
					.from(accounts)
					.where(and(eq(accounts.tenantId, tenant.id), eq(accounts.id, input.accountId ?? ""))),
				db
					.select({ id: contacts.id })
					.from(contacts)
					.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.emailNormalized, input.email.normalized))),
			]);
			if (input.accountId && !account[0]) throw fieldInvalid(["accountId"], "Choose one of your accounts.");
			if (existing[0]) throw emailTaken("A contact");
			const row: typeof contacts.$inferSelect = {
				id: newId("con"),
				tenantId: tenant.id,
				accountId: input.accountId ?? null,
				locationId: null,
				name: input.name,
				email: input.email.email,
				emailNormalized: input.email.normalized,
				phone: input.phone ?? null,
				role: input.role,
				notifyPrefs: {},
				blockedAt: null,
				blockedBy: null,
				lastSignInAt: null,
				createdAt: Date.now(),
			};
			await insertPerson(c, "A contact", db.insert(contacts).values(row), {
				action: "contact.created",
				targetType: "contact",
				targetId: row.id,
				data: { email: row.emailNormalized, accountId: row.accountId, role: row.role },
			});
			return c.json(toContactDetail(row, account[0]?.name ?? null), 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/customers/contacts/{id}",
			tags,
			summary: "A contact with their recent jobs and sign-ins",
			request: { params: IdParam },
			responses: { 200: jsonAnswer("The contact", ContactDossierSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const dossier = await loadContactDossier(c.var.db, c.var.tenant.id, c.req.valid("param").id);
			if (!dossier) throw notFound("That contact");
			return c.json(dossier, 200);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/customers/contacts/{id}",
			tags,
			summary: "Change a contact's name, phone, role or location",
			description: "The location must be one of the contact's account; `null` clears it.",
			request: { params: IdParam, body: jsonBody(ContactPatchBody) },
			responses: { 200: jsonAnswer("The contact", ContactSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const { id } = c.req.valid("param");
			const input = c.req.valid("json");
			const contact = await findContact(db, tenant.id, id);
			if (!contact) throw notFound("That contact");
			if (input.locationId) {
				const location = contact.accountId
					? await db
							.select({ id: locations.id })
							.from(locations)
							.where(
								and(
									eq(locations.tenantId, tenant.id),
									eq(locations.accountId, contact.accountId),
									eq(locations.id, input.locationId),
								),
							)
							.get()
					: undefined;
				if (!location) throw fieldInvalid(["locationId"], "Choose a location of this contact's account.");
			}
			const change = changeSet(contact, input);
			if (isEmptyChange(change)) return c.json(toContactView(contact), 200);
			const [updated] = await db.batch([
				db
					.update(contacts)
					.set({ name: input.name, phone: input.phone, role: input.role, locationId: input.locationId })
					.where(and(eq(contacts.tenantId, tenant.id), eq(contacts.id, id)))
					.returning(),
				staffAuditInsert(c, { action: "contact.updated", targetType: "contact", targetId: id, data: change }),
			]);
			const row = updated[0];
			if (!row) throw notFound("That contact");
			return c.json(toContactView(row), 200);
		},
	);
