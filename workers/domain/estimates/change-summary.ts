import type { ChangeSummary } from "../../contracts/estimates.ts";
// Imports name their files: the demo loader runs this module under plain Node as well.
import { quantityOf } from "./quantity.ts";
import type { EstimateTotals } from "./totals";

/** A version's content as the diff compares it. */
export type VersionContent = {
	version: number;
	title: string;
	lines: ReadonlyArray<{
		id: string;
		description: string;
		quantityMilli: number;
		unitPriceMinor: number;
		totalMinor: number;
		optional: boolean;
	}>;
	discountMinor: number;
	taxRateBps: number;
	expiresAt: number | null;
	notes: string | null;
	terms: string | null;
	totals: Pick<EstimateTotals, "subtotalMinor" | "taxMinor" | "totalMinor">;
};

const FIELDS = ["title", "discountMinor", "taxRateBps", "expiresAt", "notes", "terms"] as const;

const headline = (t: VersionContent["totals"]) => ({
	subtotalMinor: t.subtotalMinor,
	taxMinor: t.taxMinor,
	totalMinor: t.totalMinor,
});

/**
 * What `after` changed against `before`, line by line (a line keeps its id across versions):
 * added, removed, repriced, quantity changed, reworded or made (not) optional; the other fields
 * that changed; and the totals before and after.
 */
export function diffVersions(before: VersionContent, after: VersionContent): ChangeSummary {
	const old = new Map(before.lines.map((l) => [l.id, l]));
	const kept = new Set<string>();
	const summary: ChangeSummary = {
		fromVersion: before.version,
		toVersion: after.version,
		added: [],
		removed: [],
		repriced: [],
		quantityChanged: [],
		edited: [],
		fields: FIELDS.filter((f) => before[f] !== after[f]),
		totalsBefore: headline(before.totals),
		totalsAfter: headline(after.totals),
	};
	for (const line of after.lines) {
		const was = old.get(line.id);
		const ref = { lineId: line.id, description: line.description };
		if (!was) {
			summary.added.push({ ...ref, totalMinor: line.totalMinor, optional: line.optional });
			continue;
		}
		kept.add(line.id);
		if (was.unitPriceMinor !== line.unitPriceMinor) {
			summary.repriced.push({ ...ref, fromMinor: was.unitPriceMinor, toMinor: line.unitPriceMinor });
		}
		if (was.quantityMilli !== line.quantityMilli) {
			summary.quantityChanged.push({
				...ref,
				from: quantityOf(was.quantityMilli),
				to: quantityOf(line.quantityMilli),
			});
		}
		const fields = [
			...(was.description !== line.description ? (["description"] as const) : []),
			...(was.optional !== line.optional ? (["optional"] as const) : []),
		];
		if (fields.length) summary.edited.push({ ...ref, fields });
	}
	for (const line of before.lines) {
		if (!kept.has(line.id)) {
			summary.removed.push({ lineId: line.id, description: line.description, totalMinor: line.totalMinor });
		}
	}
	return summary;
}

/** Whether a summary records any change at all. */
export function changedAnything(s: ChangeSummary): boolean {
	return (
		s.added.length + s.removed.length + s.repriced.length + s.quantityChanged.length + s.edited.length > 0 ||
		s.fields.length > 0
	);
}
