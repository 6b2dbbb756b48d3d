import { drizzle } from "drizzle-orm/d1";
import { createMiddleware } from "hono/factory";
import * as schema from "../../schema";
import type { AppEnv } from "../app-env";

/** Puts a drizzle client for this request's D1 binding on `c.var.db`. */
export const database = createMiddleware<AppEnv>(async (c, next) => {
	c.set("db", drizzle(c.env.DB, { schema }));
	await next();
});
