import { z } from "@hono/zod-openapi";
import { accounts, contactRoles } from "../../schema/tables/accounts";
import { jobStatuses } from "../../schema/tables/jobs";
import { Instant } from "./staff";

/** Answers of the dispatcher console's customer routes. */

/** What a contact may do in the portal. */
export const ContactRole = z.enum(contactRoles);

export const ContactSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		email: z.string(),
		role: ContactRole,
		blocked: z.boolean(),
		blockedAt: Instant.nullable(),
		lastSignInAt: Instant.nullable(),
		locationId: z.string().nullable(),
	})
	.openapi("Contact");

export const ContactDetailSchema = ContactSchema.extend({
	accountId: z.string().nullable(),
	accountName: z.string().nullable(),
	phone: z.string().nullable(),
}).openapi("ContactDetail");

export const AccountKind = z.enum(accounts.kind.enumValues);

export const AccountSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		kind: AccountKind,
		phone: z.string().nullable(),
		locations: z.array(z.object({ id: z.string(), name: z.string(), line1: z.string(), city: z.string() })),
		contacts: z.array(ContactSchema),
	})
	.openapi("CustomerAccount");

export const DirectorySchema = z
	.object({ accounts: z.array(AccountSchema), unattached: z.array(ContactSchema) })
	.openapi("CustomerDirectory");

export const ContactDossierSchema = z
	.object({
		contact: ContactDetailSchema,
		jobs: z.array(
			z.object({
				id: z.string(),
				number: z.number().int(),
				status: z.enum(jobStatuses),
				reference: z.string().nullable(),
				createdAt: Instant,
			}),
		),
		signIns: z.array(
			z.object({
				at: Instant,
				ip: z.string().nullable(),
				userAgent: z.string().nullable(),
				/** The user agent summarised: "Safari on iPhone". */
				device: z.string().nullable(),
				method: z.string().nullable(),
			}),
		),
	})
	.openapi("ContactDossier");
