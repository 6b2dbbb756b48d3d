import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { loadStaffJob, staffPhotoUrl } from "../../domain/jobs/staff-jobs";
import { notFound } from "../../errors";

/** What the dispatcher console's job routes share. */

export const jobTags = ["dispatch jobs"];

/** The job as the console shows it; photos are fetched through the staff photo route. */
export async function staffJob(c: Context<AppEnv>, id: string) {
	const { db, tenant } = c.var;
	const job = await loadStaffJob(db, tenant.id, id, staffPhotoUrl(tenant.slug, id));
	if (!job) throw notFound("That job");
	return job;
}
