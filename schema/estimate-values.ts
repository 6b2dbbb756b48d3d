/**
 * The values an estimate's status takes. They import nothing, so the web app can name them
 * without bundling the tables.
 */

/** What is stored: the dispatcher's draft, shared, and the customer's decisions. */
export const storedEstimateStatuses = ["draft", "sent", "changes_requested", "approved", "rejected"] as const;
export type StoredEstimateStatus = (typeof storedEstimateStatuses)[number];

/**
 * What people see. `expired` is derived from `expiresAt` (an undecided estimate past it), and
 * `booked` from the job an approved estimate was converted into; neither is ever stored.
 */
export const estimateStatuses = [
	"draft",
	"sent",
	"changes_requested",
	"approved",
	"rejected",
	"expired",
	"booked",
] as const;
export type EstimateStatus = (typeof estimateStatuses)[number];

/** The statuses a customer still has to answer: approving, rejecting and asking for changes are open. */
export const awaitingStatuses = [
	"sent",
	"changes_requested",
] as const satisfies readonly StoredEstimateStatus[];

/** Highest tax rate in basis points (100 % = 10000). */
export const MAX_TAX_RATE_BPS = 10_000;
