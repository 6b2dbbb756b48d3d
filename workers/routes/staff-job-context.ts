import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { jobEvents, jobs } from "../../schema/tables/jobs";
import type { AppEnv } from "../app-env";
import { newId } from "../domain/ids";
import { loadStaffJob } from "../domain/staff-jobs";
import { AppError, type FieldIssue, notFound } from "../errors";
import { requireSession } from "../middleware/session";
import { resolveTenant } from "../middleware/tenant";

/** What the dispatcher console's job routes share. */

export const staffOnly = [resolveTenant, requireSession("staff")];

export const jobTags = ["dispatch jobs"];

export const invalid = (issues: FieldIssue[]) =>
	new AppError(
		400,
		"validation_failed",
		`Check these fields: ${issues.map((i) => i.field).join(", ")}.`,
		issues,
	);

export const finished = (status: string) =>
	new AppError(409, "conflict", `A job that is ${status} cannot be changed any more.`);

/** The job as the console shows it; photos are fetched through the staff photo route. */
export async function staffJob(c: Context<AppEnv>, id: string) {
	const { db, tenant } = c.var;
	const job = await loadStaffJob(
		db,
		tenant.id,
		id,
		(photoId) => `/api/d/${tenant.slug}/jobs/${id}/photos/${photoId}`,
	);
	if (!job) throw notFound("That job");
	return job;
}

/** The timeline entry of a dispatcher's change, with who made it. */
export function staffEvent(
	c: Context<AppEnv>,
	jobId: string,
	type: string,
	message: string,
	now: number,
	data?: Record<string, unknown>,
) {
	const { db, tenant, me } = c.var;
	return db.insert(jobEvents).values({
		id: newId("evt"),
		tenantId: tenant.id,
		jobId,
		type,
		actorType: "staff",
		actorId: me.id,
		actorLabel: me.name,
		message,
		data: data ?? null,
		createdAt: now,
	});
}

export async function loadJobRow(c: Context<AppEnv>, id: string) {
	const job = await c.var.db
		.select()
		.from(jobs)
		.where(and(eq(jobs.tenantId, c.var.tenant.id), eq(jobs.id, id)))
		.get();
	if (!job) throw notFound("That job");
	return job;
}

/** The job of an earlier request with this key, answered again as it was. */
export async function jobOfKey(c: Context<AppEnv>, scopedKey: string) {
	const row = await c.var.db
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.tenantId, c.var.tenant.id), eq(jobs.idempotencyKey, scopedKey)))
		.get();
	return row ? staffJob(c, row.id) : undefined;
}
