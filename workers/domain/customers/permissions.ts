import type { ContactRole } from "../../../schema/tables/accounts";
import { AppError } from "../../errors";
import { normalizeEmail } from "../email";
import type { Me } from "../sign-in/audiences";

/**
 * What a contact may do in the portal. The one place that decides by role: every customer
 * route names its action in `CUSTOMER_ROUTE_RULES`, and the lists' scopes come from `scopeOf`.
 */
export type CustomerAction =
	/** Who they are, their language, signing out. */
	| "self"
	/** See jobs (the list, a job, its photos, its live view). */
	| "jobs.read"
	/** Book, change, cancel, add notes and photos, share a tracking link, pick saved places. */
	| "jobs.book"
	/** Ask for an estimate and see their quote requests. */
	| "quotes.request"
	| "estimates.read"
	/** Approve, reject, comment on, ask again for an estimate. */
	| "estimates.decide"
	| "invoices.read"
	| "invoices.pay"
	/** Colleagues, locations, saved addresses, join requests. */
	| "account.manage";

/** The README's table, as data: which role may do what. */
export const ROLE_ACTIONS: Record<ContactRole, ReadonlySet<CustomerAction>> = {
	admin: new Set<CustomerAction>([
		"self",
		"jobs.read",
		"jobs.book",
		"quotes.request",
		"estimates.read",
		"estimates.decide",
		"invoices.read",
		"invoices.pay",
		"account.manage",
	]),
	booker: new Set<CustomerAction>([
		"self",
		"jobs.read",
		"jobs.book",
		"quotes.request",
		"estimates.read",
		"estimates.decide",
		"invoices.read",
		"invoices.pay",
	]),
	billing: new Set<CustomerAction>(["self", "estimates.read", "invoices.read", "invoices.pay"]),
	viewer: new Set<CustomerAction>(["self", "jobs.read", "estimates.read", "invoices.read"]),
};

const FORBIDDEN: Record<CustomerAction, string> = {
	self: "You cannot use this portal.",
	"jobs.read": "Your role on this account does not include jobs.",
	"jobs.book": "Your role on this account can view jobs but not book or change them.",
	"quotes.request": "Your role on this account cannot ask for estimates.",
	"estimates.read": "Your role on this account does not include estimates.",
	"estimates.decide":
		"Your role on this account can view estimates but not approve, reject or comment on them.",
	"invoices.read": "Your role on this account does not include invoices.",
	"invoices.pay": "Your role on this account can view invoices but not pay them.",
	"account.manage": "Only an admin of your account can manage colleagues and locations.",
};

/** Whether the signed-in contact may do `action`. */
export function can(me: Pick<Me, "role">, action: CustomerAction): boolean {
	return ROLE_ACTIONS[me.role as ContactRole]?.has(action) ?? false;
}

/** 403 (the envelope's `forbidden`) unless the contact may do `action`. */
export function requireCan(me: Pick<Me, "role">, action: CustomerAction): void {
	if (!can(me, action)) throw new AppError(403, "forbidden", FORBIDDEN[action]);
}

/**
 * The action of every customer route, by method and path below `/api/c/:slug`. A route with
 * no rule is refused (403) by `enforceCustomerRules`, and fails the role × route test.
 */
export const CUSTOMER_ROUTE_RULES: Record<string, CustomerAction> = {
	"GET /me": "self",
	"PUT /me/locale": "self",
	"POST /auth/logout": "self",
	"POST /auth/logout-everywhere": "self",
	"POST /bookings": "jobs.book",
	"GET /addresses": "jobs.book",
	"GET /jobs": "jobs.read",
	"GET /jobs/:id": "jobs.read",
	"GET /jobs/:id/photos": "jobs.read",
	"GET /jobs/:id/photos/:photoId": "jobs.read",
	"GET /jobs/:id/live": "jobs.read",
	"POST /jobs/:id/notes": "jobs.book",
	"POST /jobs/:id/photos": "jobs.book",
	"POST /jobs/:id/cancel": "jobs.book",
	"POST /jobs/:id/change-request": "jobs.book",
	"POST /jobs/:id/tracking-links": "jobs.book",
	// Whoever may see a completed job may say how it went.
	"GET /jobs/:id/survey": "jobs.read",
	"POST /jobs/:id/survey": "jobs.read",
	"PUT /jobs/:id/survey": "jobs.read",
	"GET /recurring": "jobs.read",
	"GET /recurring/:id": "jobs.read",
	"POST /recurring": "jobs.book",
	"PATCH /recurring/:id": "jobs.book",
	"POST /recurring/:id/skip": "jobs.book",
	"GET /access/live": "self",
	"GET /me/preferences": "self",
	"PUT /me/preferences": "self",
	"GET /me/profile": "self",
	"PUT /me/profile": "self",
	// Every role has documents; which kinds is the documents' own rule (billing: invoices and
	// receipts), and a report it may not see is a 404 there.
	"GET /documents": "self",
	"GET /jobs/:id/report.pdf": "self",
	"GET /jobs/:id/signature.png": "jobs.read",
	"GET /estimates": "estimates.read",
	"GET /estimates/:id": "estimates.read",
	"GET /estimates/:id/pdf": "estimates.read",
	"POST /estimates/:id/approve": "estimates.decide",
	"POST /estimates/:id/reject": "estimates.decide",
	"POST /estimates/:id/comments": "estimates.decide",
	"POST /estimates/:id/request-update": "estimates.decide",
	"POST /quote-requests": "quotes.request",
	"GET /quote-requests": "quotes.request",
	"GET /quote-requests/:id": "quotes.request",
	"POST /quote-requests/:id/photos": "quotes.request",
	"GET /quote-requests/:id/photos/:photoId": "quotes.request",
	"GET /invoices": "invoices.read",
	"GET /invoices/:id": "invoices.read",
	"GET /invoices/:id/pdf": "invoices.read",
	"POST /invoices/:id/checkout": "invoices.pay",
	"GET /account": "account.manage",
	"POST /account/contacts": "account.manage",
	"PATCH /account/contacts/:id": "account.manage",
	"DELETE /account/contacts/:id": "account.manage",
	"POST /account/locations": "account.manage",
	"PATCH /account/locations/:id": "account.manage",
	"POST /account/locations/:id/addresses": "account.manage",
	"DELETE /account/addresses/:id": "account.manage",
	"POST /account/join-requests/:id/approve": "account.manage",
	"POST /account/join-requests/:id/decline": "account.manage",
};

/** The rule of a route, from its method and its path below `/api/c/:slug`. */
export const ruleOf = (method: string, path: string): CustomerAction | undefined =>
	CUSTOMER_ROUTE_RULES[`${method} ${path}`];

/** What a contact sees of one area of their account. */
export type AreaScope = {
	tenantId: string;
	contactId: string;
	emailNormalized: string;
	accountId: string | null;
	/** Every record of the account (admin, viewer; billing for invoices). */
	wholeAccount: boolean;
	/** Otherwise also the records of these locations of the account. */
	locationIds: string[];
};

const WHOLE_ACCOUNT: Record<"jobs" | "estimates" | "invoices", ReadonlySet<string>> = {
	jobs: new Set<ContactRole>(["admin", "viewer"]),
	estimates: new Set<ContactRole>(["admin", "viewer"]),
	invoices: new Set<ContactRole>(["admin", "billing", "viewer"]),
};

/** Whether the role sees every record of its account in `area`. */
export const seesWholeAccount = (role: string, area: keyof typeof WHOLE_ACCOUNT): boolean =>
	WHOLE_ACCOUNT[area].has(role);

/**
 * The visibility scope of a list: an admin or viewer sees the whole account (billing too, for
 * invoices); anyone else their own records and those of their locations. A contact of no
 * account sees only their own.
 */
export function scopeOf(tenant: { id: string }, me: Me, area: "jobs" | "estimates" | "invoices"): AreaScope {
	return {
		tenantId: tenant.id,
		contactId: me.id,
		emailNormalized: normalizeEmail(me.email),
		accountId: me.accountId,
		wholeAccount: me.accountId !== null && seesWholeAccount(me.role, area),
		locationIds: me.accountId ? me.locationIds : [],
	};
}
