import { and, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL } from "drizzle-orm";
import { awaitingStatuses, type EstimateStatus } from "../../../schema/estimate-values";
import { estimates } from "../../../schema/tables/billing";

type StatusFacts = {
	status: (typeof estimates.$inferSelect)["status"];
	expiresAt: number | null;
	jobId: string | null;
};

/** Whether an undecided estimate is past its expiry: it can no longer be approved. */
export const isExpired = (e: Pick<StatusFacts, "status" | "expiresAt">, now: number): boolean =>
	(awaitingStatuses as readonly string[]).includes(e.status) && e.expiresAt !== null && e.expiresAt <= now;

/**
 * The status people see, derived from the record: `booked` once converted into a job, `expired`
 * when still undecided past `expiresAt`; otherwise what is stored.
 */
export function estimateStatus(e: StatusFacts, now: number): EstimateStatus {
	if (e.jobId) return "booked";
	if (isExpired(e, now)) return "expired";
	return e.status;
}

const notExpired = (now: number) => or(isNull(estimates.expiresAt), gt(estimates.expiresAt, now));

/** The SQL of a status filter, matching exactly what `estimateStatus` derives. */
export function statusFilter(status: EstimateStatus, now: number): SQL {
	switch (status) {
		case "booked":
			return isNotNull(estimates.jobId);
		case "expired":
			return and(
				inArray(estimates.status, [...awaitingStatuses]),
				isNotNull(estimates.expiresAt),
				lte(estimates.expiresAt, now),
			) as SQL;
		case "sent":
		case "changes_requested":
			return and(eq(estimates.status, status), notExpired(now)) as SQL;
		case "approved":
			return and(eq(estimates.status, "approved"), isNull(estimates.jobId)) as SQL;
		default:
			return eq(estimates.status, status);
	}
}
