import { eq } from "drizzle-orm";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { resolveTenantSettings } from "../tenant/tenant-settings";
import { type NoticeLog, notificationInsert } from "./record";

/** The longest "arriving soon" threshold a tenant may set; a relay asks D1 only under it. */
export const MAX_ARRIVING_SOON_MINUTES = 60;

/** The tenant's "arriving soon" threshold in minutes, from D1; null when there is no such tenant. */
export async function arrivingSoonMinutes(db: Db, tenantId: string): Promise<number | null> {
	const row = await db
		.select({ settings: tenants.settings })
		.from(tenants)
		.where(eq(tenants.id, tenantId))
		.get();
	return row ? resolveTenantSettings(row.settings).arrivingSoonMinutes : null;
}

/**
 * "Arriving soon", decided where the ETA is computed (the job's relay): once the ETA first drops
 * under the tenant's threshold, one notification with a once-only key (`arriving/<job>`), so a
 * second relay, a restart or the next fix records nothing more. Answers whether it is recorded
 * (or was before); false while the ETA is still above the threshold. `thresholdOf` lets a
 * relay answer the threshold from memory rather than D1 at every fix.
 */
export async function recordArrivingSoon(
	db: Db,
	log: NoticeLog,
	job: { tenantId: string; jobId: string; etaSeconds: number },
	now: number,
	thresholdOf: (db: Db, tenantId: string) => Promise<number | null> = arrivingSoonMinutes,
): Promise<boolean> {
	if (job.etaSeconds >= MAX_ARRIVING_SOON_MINUTES * 60) return false;
	const minutes = await thresholdOf(db, job.tenantId);
	if (minutes === null) return true;
	if (job.etaSeconds >= minutes * 60) return false;
	await notificationInsert(
		db,
		log,
		{
			tenantId: job.tenantId,
			kind: "arriving",
			jobId: job.jobId,
			data: { etaMinutes: Math.max(1, Math.ceil(job.etaSeconds / 60)) },
			dedupeKey: `arriving/${job.jobId}`,
		},
		now,
	);
	return true;
}
