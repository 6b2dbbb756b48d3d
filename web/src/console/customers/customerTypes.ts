import type { z } from "zod";
import type {
	AccountSchema,
	ContactDetailSchema,
	ContactDossierSchema,
	ContactSchema,
	DirectorySchema,
} from "../../../../workers/contracts/customer-directory";

/** The staff API's customer answers (`/api/d/:slug/customers…`), as the server's schemas declare them. */

export type ContactRole = Contact["role"];

export const ROLE_LABEL: Record<ContactRole, string> = {
	admin: "Admin",
	booker: "Booker",
	billing: "Billing",
	viewer: "Viewer",
};

/** Every contact role, in the order forms offer them. */
export const CONTACT_ROLES = Object.keys(ROLE_LABEL) as ContactRole[];

/** What each role may do, as the portal enforces it. */
export const ROLE_HINT: Record<ContactRole, string> = {
	admin: "manages colleagues, sees all the account's jobs and invoices",
	booker: "books, sees own and location jobs",
	billing: "invoices only",
	viewer: "sees jobs, cannot book",
};

export type Contact = z.infer<typeof ContactSchema>;
export type ContactDetail = z.infer<typeof ContactDetailSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type Directory = z.infer<typeof DirectorySchema>;
export type ContactDossier = z.infer<typeof ContactDossierSchema>;

export const contactPagePath = (id: string) => `/customers/contacts/${encodeURIComponent(id)}`;
export const accountPagePath = (id: string) => `/customers/accounts/${encodeURIComponent(id)}`;
