import { billableUsage, isMetered, resetBillableUsage } from "../../dev/billable-usage";
import { AppError } from "../../errors";
import { jobRelay, tenantGate } from "../../live/channels";
import { createRouter } from "../router";
import { rowIdParam } from "./row-id";

/**
 * Baselines for `npm run bench`: a round trip to a tenant's `TenantGate` that does no work,
 * addressed by tenant id so that no D1 read is part of the baseline; and a job relay's own
 * fan-out times beside the benchmark's publish → receive latencies.
 */
export const benchProbeRoutes = createRouter()
	.post("/bench/tenant-gate/:tenantId/noop", async (c) => {
		const tenantId = rowIdParam(c.req.param("tenantId"), "tenant");
		return c.json({ at: await tenantGate(c.env, tenantId).noop() }, 200);
	})
	/**
	 * Milliseconds from each fix's arrival at the job's relay to its last send (`sendMs`) and to
	 * the relay's next timer turn (`turnMs`), since the last call (the relay forgets what it
	 * answers, and what it held if it was evicted in between).
	 */
	.post("/bench/job-relay/:jobId/fan-out/take", async (c) => {
		const jobId = rowIdParam(c.req.param("jobId"), "job");
		const { sendMs, turnMs } = await jobRelay(c.env, jobId).takeFanOutTimes();
		return c.json({ sendMs, turnMs }, 200);
	})
	/**
	 * The bill's counters (workers/dev/billable-usage.ts) on a server started with
	 * `BILL_METERING=1`; these requests are counted like any other, and the bill subtracts them.
	 */
	.get("/usage", (c) => {
		if (!isMetered(c.env)) throw new AppError(404, "not_found", "This server does not meter its usage.");
		return c.json(billableUsage(), 200);
	})
	.post("/usage/reset", (c) => {
		if (!isMetered(c.env)) throw new AppError(404, "not_found", "This server does not meter its usage.");
		resetBillableUsage();
		return c.json({ reset: true }, 200);
	});
