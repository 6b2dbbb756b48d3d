import { and, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { jobs } from "../../../schema/tables/jobs";
import { type AreaScope, can } from "../customers/permissions";

/** Whose jobs a signed-in contact may see (`scopeOf(tenant, me, "jobs")` in customers/permissions). */
export type CustomerScope = AreaScope;

/**
 * The jobs a contact may see: their own (booked by them, or typed by a dispatcher with their
 * email in any spelling), those of their locations, and for an admin or viewer all of the account's.
 */
export function visibleJobs(scope: CustomerScope): SQL {
	const mine = or(ownedJobs(scope), typedForThem(scope));
	return and(eq(jobs.tenantId, scope.tenantId), mine) as SQL;
}

/**
 * The jobs typed with the contact's email and linked to no contact: a dispatcher's typed email
 * links the contact it belongs to (`staff-jobs`), so these are the jobs typed before the contact
 * existed. A job linked to another contact is that contact's, whatever email it was typed with.
 */
export function typedForThem(scope: CustomerScope): SQL {
	return and(eq(jobs.customerEmailNormalized, scope.emailNormalized), isNull(jobs.contactId)) as SQL;
}

/** The jobs that are a contact's by who booked them or where: theirs, their locations', or the account's. */
export function ownedJobs(scope: CustomerScope): SQL {
	if (scope.accountId && scope.wholeAccount) return eq(jobs.accountId, scope.accountId);
	if (scope.accountId && scope.locationIds.length > 0) {
		return or(
			eq(jobs.contactId, scope.contactId),
			and(eq(jobs.accountId, scope.accountId), inArray(jobs.locationId, scope.locationIds)),
		) as SQL;
	}
	return eq(jobs.contactId, scope.contactId);
}

/** Whether the role books, and so changes or cancels what it sees; billing and viewer only look. */
export const mayBook = (role: string): boolean => can({ role }, "jobs.book");
