import { drizzle } from "drizzle-orm/d1";
import { createMiddleware } from "hono/factory";
import * as schema from "../../schema";
import type { AppEnv } from "../app-env";
import { meteredD1, reportD1Usage, wantsD1Usage } from "./d1-metrics";

/**
 * Puts a drizzle client for this request's D1 binding on `c.var.db`. In development a
 * request may ask (`X-Bench-D1: 1`) for what it cost in D1, answered in headers.
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
	const meter = wantsD1Usage(c) ? meteredD1(c.env.DB) : undefined;
	c.set("db", drizzle(meter?.binding ?? c.env.DB, { schema }));
	await next();
	if (meter) reportD1Usage(c, meter.usage);
});
