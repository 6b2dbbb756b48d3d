/** The staff API's customer shapes (`/api/d/:slug/customers…`). */

export const CONTACT_ROLES = ["admin", "booker", "billing", "viewer"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const ROLE_LABEL: Record<ContactRole, string> = {
	admin: "Admin",
	booker: "Booker",
	billing: "Billing",
	viewer: "Viewer",
};

/** What each role may do, as the portal enforces it. */
export const ROLE_HINT: Record<ContactRole, string> = {
	admin: "manages colleagues, sees all the account's jobs and invoices",
	booker: "books, sees own and location jobs",
	billing: "invoices only",
	viewer: "sees jobs, cannot book",
};

export type Contact = {
	id: string;
	name: string;
	email: string;
	role: ContactRole;
	blocked: boolean;
	blockedAt: string | null;
	lastSignInAt: string | null;
	locationId: string | null;
};

export type ContactDetail = Contact & {
	accountId: string | null;
	accountName: string | null;
	phone: string | null;
};

export type Account = {
	id: string;
	name: string;
	kind: "commercial" | "residential";
	phone: string | null;
	locations: Array<{ id: string; name: string; line1: string; city: string }>;
	contacts: Contact[];
};

export type Directory = { accounts: Account[]; unattached: Contact[] };

export type ContactDossier = {
	contact: ContactDetail;
	jobs: Array<{ id: string; number: number; status: string; reference: string | null; createdAt: string }>;
	signIns: Array<{ at: string; ip: string | null; userAgent: string | null; method: string | null }>;
};

export const contactPagePath = (id: string) => `/customers/contacts/${encodeURIComponent(id)}`;
export const accountPagePath = (id: string) => `/customers/accounts/${encodeURIComponent(id)}`;
