import { and, eq, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import { estimates } from "../../../schema/tables/billing";
import { type AreaScope, can, scopeOf } from "../customers/permissions";
import type { Me } from "../sign-in/audiences";

/** Who is looking at estimates in the portal, from the session's person. */
export type EstimateReader = AreaScope & { role: string };

export const estimateReaderOf = (tenantId: string, me: Me): EstimateReader => ({
	...scopeOf({ id: tenantId }, me, "estimates"),
	role: me.role,
});

/**
 * The one rule of which estimates a contact sees, as the ways an estimate can be theirs (each an
 * index range read, so a list reads each and merges; a single read ORs them). Never a draft.
 * - an account admin or viewer: every estimate of the account;
 * - anyone else (booker, billing): those addressed to them, those of their locations,
 *   and those of the whole account addressed to no one and no location.
 * Anything else is not theirs, whatever tenant or account it belongs to: a 404.
 */
export function visibleEstimateWays(r: EstimateReader): SQL[] {
	const shared = ne(estimates.status, "draft");
	const scoped = (way: SQL | undefined) => and(eq(estimates.tenantId, r.tenantId), shared, way) as SQL;
	if (!r.accountId) return [scoped(eq(estimates.contactId, r.contactId))];
	const ofAccount = eq(estimates.accountId, r.accountId);
	if (r.wholeAccount) return [scoped(ofAccount)];
	const ways = [
		scoped(and(ofAccount, eq(estimates.contactId, r.contactId))),
		scoped(and(ofAccount, isNull(estimates.contactId), isNull(estimates.locationId))),
	];
	if (r.locationIds.length > 0)
		ways.push(scoped(and(ofAccount, inArray(estimates.locationId, r.locationIds))));
	return ways;
}

/** `visibleEstimateWays` as one condition. */
export const visibleEstimates = (r: EstimateReader): SQL => or(...visibleEstimateWays(r)) as SQL;

/** Whether the reader may approve, reject and ask for changes; billing and viewer only look. */
export const mayDecide = (r: Pick<EstimateReader, "role">): boolean => can(r, "estimates.decide");
