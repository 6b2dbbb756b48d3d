import { billableUsage, isMetered, resetBillableUsage } from "../../dev/billable-usage";
import { AppError } from "../../errors";
import { tenantGate } from "../../live/channels";
import { createRouter } from "../router";

/**
 * Baselines for `npm run bench`: a round trip to a tenant's `TenantGate` that does no work,
 * addressed by tenant id so that no D1 read is part of the baseline.
 */
export const benchProbeRoutes = createRouter()
	.post("/bench/tenant-gate/:tenantId/noop", async (c) => {
		const tenantId = c.req.param("tenantId");
		if (!/^[a-z]+_[a-z0-9_]{1,60}$/.test(tenantId))
			throw new AppError(400, "bad_request", "Not a tenant id.");
		return c.json({ at: await tenantGate(c.env, tenantId).noop() }, 200);
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
