import { eq } from "drizzle-orm";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { resolveTenantSettings } from "../tenant/tenant-settings";
import { type NoticeLog, notificationInsert } from "./record";

/** The longest "arriving soon" threshold a tenant may set; a relay asks D1 only under it. */
export const MAX_ARRIVING_SOON_MINUTES = 60;

/**
 * "Arriving soon", decided where the ETA is computed (the job's relay): once the ETA first drops
 * under the tenant's threshold, one notification with a once-only key (`arriving/<job>`), so a
 * second relay, a restart or the next fix records nothing more. Answers whether it is recorded
 * (or was before); false while the ETA is still above the threshold.
 */
export async function recordArrivingSoon(
	db: Db,
	log: NoticeLog,
	job: { tenantId: string; jobId: string; etaSeconds: number },
	now: number,
): Promise<boolean> {
	if (job.etaSeconds >= MAX_ARRIVING_SOON_MINUTES * 60) return false;
	const row = await db
		.select({ settings: tenants.settings })
		.from(tenants)
		.where(eq(tenants.id, job.tenantId))
		.get();
	if (!row) return true;
	const minutes = resolveTenantSettings(row.settings).arrivingSoonMinutes;
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
