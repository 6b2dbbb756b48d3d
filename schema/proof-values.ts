/**
 * The values of a job's proof of work: how a completion ended, why a job could not be completed,
 * and how a tenant asks for each item. They import nothing, so the web app can name them.
 */
export const completionOutcomes = ["completed", "failed"] as const;
export type CompletionOutcome = (typeof completionOutcomes)[number];

export const failureReasons = ["nobody_home", "refused", "no_access", "other"] as const;
export type FailureReason = (typeof failureReasons)[number];

/** Whether the technician must give an item to complete a job of a kind. */
export const proofItemRules = ["optional", "required"] as const;
export type ProofItemRule = (typeof proofItemRules)[number];

export const proofItems = ["recipientName", "signature", "note", "workDone", "parts"] as const;
export type ProofItem = (typeof proofItems)[number];

/** One kind's rules: each item optional or required, and the fewest photos (0: photos optional). */
export type ProofRules = Record<ProofItem, ProofItemRule> & { photosMin: number };

/** One part used on a service call, a line that flows into the job's invoice. */
export type PartLine = { description: string; quantity: number; unitPriceMinor: number };
