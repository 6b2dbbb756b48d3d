// Imports name their files: the demo loader runs this module under plain Node as well.
import { canonicalJson } from "../jobs/idempotency.ts";
import { sha256Hex } from "../sha256.ts";
import type { VersionData } from "./estimate-view.ts";

/**
 * The exact content of one version as canonical JSON (keys sorted): what the customer approves
 * and what the approval's SHA-256 is of. Anyone holding the version can recompute the hash.
 */
export function versionContentJson(
	estimate: { id: string; number: number; currency: string },
	v: Pick<
		VersionData,
		| "version"
		| "title"
		| "lines"
		| "discountMinor"
		| "taxRateBps"
		| "expiresAt"
		| "notes"
		| "terms"
		| "totals"
	>,
): string {
	return canonicalJson({
		estimateId: estimate.id,
		number: estimate.number,
		currency: estimate.currency,
		version: v.version,
		title: v.title,
		lines: v.lines.map((l) => ({
			id: l.id,
			description: l.description,
			quantityMilli: l.quantityMilli,
			unitPriceMinor: l.unitPriceMinor,
			totalMinor: l.totalMinor,
			optional: l.optional,
		})),
		discountMinor: v.discountMinor,
		taxRateBps: v.taxRateBps,
		expiresAt: v.expiresAt,
		notes: v.notes,
		terms: v.terms,
		totals: v.totals,
	});
}

/** SHA-256 (hex) of `versionContentJson`. */
export const versionContentSha256 = (...args: Parameters<typeof versionContentJson>) =>
	sha256Hex(versionContentJson(...args));
