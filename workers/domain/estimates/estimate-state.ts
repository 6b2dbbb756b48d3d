import { eq, type SQL } from "drizzle-orm";
import { estimates } from "../../../schema/tables/billing";
import type { Db } from "../../db";
import { notFound } from "../../errors";
import {
	type EstimateRow,
	type EstimateRows,
	estimateReads,
	type VersionData,
	versionsOf,
} from "./estimate-view";

/** An estimate as a workflow acts on it: the row, every version with its lines, the current one. */
export type EstimateState = {
	row: EstimateRow;
	accountName: string | null;
	contactName: string | null;
	versions: VersionData[];
	current: VersionData;
	/** Every line id the estimate ever had: what a comment may be pinned to. */
	lineIds: Set<string>;
	rows: Readonly<EstimateRows>;
};

/** The state from what `estimateReads` read; undefined when there is no such estimate for `which`. */
export function toEstimateState(rows: Readonly<EstimateRows>): EstimateState | undefined {
	const found = rows[0][0];
	if (!found) return undefined;
	const versions = versionsOf(rows[1], rows[2]);
	const current = versions.find((v) => v.version === found.estimate.currentVersion);
	if (!current)
		throw new Error(`estimate ${found.estimate.id} has no version ${found.estimate.currentVersion}`);
	return {
		row: found.estimate,
		accountName: found.accountName,
		contactName: found.contactName,
		versions,
		current,
		lineIds: new Set(versions.flatMap((v) => v.lines.map((l) => l.id))),
		rows,
	};
}

/** The estimate `which` admits (the tenant's for staff, the contact's for the portal), or 404. */
export async function loadEstimateState(
	db: Db,
	tenantId: string,
	estimateId: string,
	which: SQL = eq(estimates.tenantId, tenantId),
): Promise<EstimateState> {
	const state = toEstimateState(await db.batch(estimateReads(db, tenantId, estimateId, which)));
	if (!state) throw notFound("That estimate");
	return state;
}
