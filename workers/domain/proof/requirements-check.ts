import { and, eq } from "drizzle-orm";
import { jobs } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { Actor } from "../activity/actor";
import type { Tenant } from "../tenant/tenant";
import { requiresProof } from "./requirements";

/**
 * A bare "completed" status move skips the proof: refused (400) when the tenant asks for any
 * item for the job's kind, so the app completes through `POST …/complete`.
 */
export async function refuseBareCompletion(db: Db, tenant: Tenant, actor: Actor, jobId: string) {
	const job = await db
		.select({ kind: jobs.kind })
		.from(jobs)
		.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId), eq(jobs.technicianId, actor.id)))
		.get();
	if (job && requiresProof(tenant.settings.proofRules[job.kind])) {
		throw new AppError(
			400,
			"validation_failed",
			"This job needs proof of work to be completed; complete it with POST …/complete.",
		);
	}
}
