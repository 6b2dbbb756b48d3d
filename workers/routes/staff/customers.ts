import { createRoute, z } from "@hono/zod-openapi";
import {
	AccountKind,
	AccountSchema,
	ContactDetailSchema,
	ContactDossierSchema,
	ContactRole,
	ContactSchema,
	DirectorySchema,
} from "../../contracts/customer-directory";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import { IdParam, jsonAnswer, jsonBody, NameField, PhoneField, SOME_FIELD } from "../../contracts/staff";
import { changeContact, createAccount, createContact } from "../../domain/customers/customer-changes";
import { loadContactDossier, toContactDetail } from "../../domain/customers/customer-contacts";
import {
	customerDirectoryReads,
	toAccountView,
	toContactView,
	toCustomerDirectory,
} from "../../domain/customers/customer-directory";
import { notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { createRouter } from "../router";

const tags = ["customers"];

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
			const row = await createAccount(c.var.db, requestActor(c), c.req.valid("json"));
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
			const { contact, accountName } = await createContact(c.var.db, requestActor(c), c.req.valid("json"));
			return c.json(toContactDetail(contact, accountName), 201);
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
			const { id } = c.req.valid("param");
			const row = await changeContact(c.var.db, requestActor(c), id, c.req.valid("json"));
			return c.json(toContactView(row), 200);
		},
	);
