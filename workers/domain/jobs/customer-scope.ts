import { and, eq, or, type SQL } from "drizzle-orm";
import { jobs } from "../../../schema/tables/jobs";
import { AppError } from "../../errors";
import { normalizeEmail } from "../email";
import type { Me } from "../sign-in/audiences";

/** Whose jobs a signed-in contact may see. */
export type CustomerScope = {
	tenantId: string;
	contactId: string;
	emailNormalized: string;
	/** Set for an account admin, who sees every job of the account. */
	adminOfAccountId: string | null;
};

/**
 * The jobs a contact may see: their own (booked by them, or typed by a dispatcher with their
 * email in any spelling), and for an account admin all of the account's.
 */
export function visibleJobs(scope: CustomerScope): SQL {
	const mine = or(ownedJobs(scope), eq(jobs.customerEmailNormalized, scope.emailNormalized));
	return and(eq(jobs.tenantId, scope.tenantId), mine) as SQL;
}

/** The jobs that are a contact's by who booked them: theirs, or for an account admin the account's. */
export const ownedJobs = (scope: CustomerScope): SQL =>
	scope.adminOfAccountId ? eq(jobs.accountId, scope.adminOfAccountId) : eq(jobs.contactId, scope.contactId);

/** Whose jobs a signed-in contact may see, from the session's person. */
export function scopeOf(tenant: { id: string }, me: Me): CustomerScope {
	return {
		tenantId: tenant.id,
		contactId: me.id,
		emailNormalized: normalizeEmail(me.email),
		adminOfAccountId: me.role === "admin" ? me.accountId : null,
	};
}

/** Roles that book, and so change or cancel what they booked; billing and viewer only look. */
const BOOKING_ROLES = new Set(["admin", "booker"]);

export const mayBook = (role: string): boolean => BOOKING_ROLES.has(role);

/** 403 for a contact whose role sees jobs but may not `what` ("book them", "change them"). */
export function requireBookingRole(role: string, what: string): void {
	if (!mayBook(role))
		throw new AppError(403, "forbidden", `Your role on this account can view jobs but not ${what}.`);
}
