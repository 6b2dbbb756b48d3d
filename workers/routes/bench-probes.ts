import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { tenantGate } from "../durable-objects/board-feed";
import { AppError } from "../errors";
import { createRouter } from "./router";

/** Probes exist only where ENVIRONMENT says development, like the outbox. */
const developmentOnly = createMiddleware<AppEnv>(async (c, next) => {
	if (c.env.ENVIRONMENT !== "development") {
		throw new AppError(404, "not_found", "There is nothing at this address.");
	}
	await next();
});

/**
 * Baselines for `npm run bench`: a round trip to a tenant's `TenantGate` that does no work,
 * addressed by tenant id so that no D1 read is part of the baseline.
 */
export const benchProbeRoutes = createRouter();
benchProbeRoutes.use("/dev/bench/*", developmentOnly);
benchProbeRoutes.post("/dev/bench/tenant-gate/:tenantId/noop", async (c) => {
	const tenantId = c.req.param("tenantId");
	if (!/^[a-z]+_[a-z0-9_]{1,60}$/.test(tenantId)) throw new AppError(400, "bad_request", "Not a tenant id.");
	return c.json({ at: await tenantGate(c.env, tenantId).noop() }, 200);
});
