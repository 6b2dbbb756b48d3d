import { jobRelay, tenantGate } from "../../live/channels";
import { createRouter } from "../router";
import { rowIdParam } from "./row-id";

/** Calls the object's `evict` (which aborts it) and reports whether it went away as asked. */
async function evicted(evict: () => Promise<unknown>): Promise<boolean> {
	try {
		await evict();
		return false;
	} catch {
		// The abort rejects the call that asked for it: that is the eviction.
		return true;
	}
}

/**
 * Probes for `npm run soak`: evict a tenant's `TenantGate` or a job's `JobRelay` mid-run (as
 * Cloudflare may at any time), answering once the object answers again, and a relay's
 * breadcrumbs, against which the soak reconciles the fixes the phones sent.
 */
export const soakProbeRoutes = createRouter()
	.post("/soak/tenant-gate/:tenantId/evict", async (c) => {
		const tenantId = rowIdParam(c.req.param("tenantId"), "tenant");
		const gate = tenantGate(c.env, tenantId);
		const seqBefore = await gate.boardSeq();
		const wasEvicted = await evicted(() => gate.evict());
		// A fresh stub: the aborted one may be broken for good.
		const seqAfter = await tenantGate(c.env, tenantId).boardSeq();
		return c.json({ evicted: wasEvicted, seqBefore, seqAfter }, 200);
	})
	.post("/soak/job-relay/:jobId/evict", async (c) => {
		const jobId = rowIdParam(c.req.param("jobId"), "job");
		const crumbsBefore = (await jobRelay(c.env, jobId).breadcrumbTimes()).length;
		const wasEvicted = await evicted(() => jobRelay(c.env, jobId).evict());
		const crumbsAfter = (await jobRelay(c.env, jobId).breadcrumbTimes()).length;
		return c.json({ evicted: wasEvicted, crumbsBefore, crumbsAfter }, 200);
	})
	.get("/soak/job-relay/:jobId/breadcrumbs", async (c) => {
		const jobId = rowIdParam(c.req.param("jobId"), "job");
		return c.json({ at: await jobRelay(c.env, jobId).breadcrumbTimes() }, 200);
	});
