import { and, eq, isNull, ne, or, type SQL } from "drizzle-orm";
import { estimates } from "../../../schema/tables/billing";
import { AppError } from "../../errors";
import type { Me } from "../sign-in/audiences";

/** Who is looking at estimates in the portal, from the session's person. */
export type EstimateReader = {
	tenantId: string;
	contactId: string;
	accountId: string | null;
	locationId: string | null;
	role: string;
};

export const estimateReaderOf = (tenantId: string, me: Me): EstimateReader => ({
	tenantId,
	contactId: me.id,
	accountId: me.accountId,
	locationId: me.locationId,
	role: me.role,
});

/**
 * The one rule of which estimates a contact sees, as the ways an estimate can be theirs (each an
 * index range read, so a list reads each and merges; a single read ORs them). Never a draft.
 * - an account admin: every estimate of the account;
 * - anyone else (booker, billing, viewer): those addressed to them, those of their location,
 *   and those of the whole account addressed to no one and no location.
 * Anything else is not theirs, whatever tenant or account it belongs to: a 404.
 */
export function visibleEstimateWays(r: EstimateReader): SQL[] {
	const shared = ne(estimates.status, "draft");
	const scoped = (way: SQL | undefined) => and(eq(estimates.tenantId, r.tenantId), shared, way) as SQL;
	if (!r.accountId) return [scoped(eq(estimates.contactId, r.contactId))];
	const ofAccount = eq(estimates.accountId, r.accountId);
	if (r.role === "admin") return [scoped(ofAccount)];
	const ways = [
		scoped(and(ofAccount, eq(estimates.contactId, r.contactId))),
		scoped(and(ofAccount, isNull(estimates.contactId), isNull(estimates.locationId))),
	];
	if (r.locationId) ways.push(scoped(and(ofAccount, eq(estimates.locationId, r.locationId))));
	return ways;
}

/** `visibleEstimateWays` as one condition. */
export const visibleEstimates = (r: EstimateReader): SQL => or(...visibleEstimateWays(r)) as SQL;

/** Roles that may approve, reject and ask for changes; billing and viewer only look. */
const DECIDING_ROLES = new Set(["admin", "booker"]);

export const mayDecide = (r: Pick<EstimateReader, "role">): boolean => DECIDING_ROLES.has(r.role);

/** 403 for a contact whose role may see the estimate but not answer it. */
export function requireDecidingRole(r: Pick<EstimateReader, "role">): void {
	if (!mayDecide(r)) {
		throw new AppError(
			403,
			"forbidden",
			"Your role on this account can view estimates but not approve, reject or comment on them.",
		);
	}
}
