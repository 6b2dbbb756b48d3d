import { eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { tenants } from "../../schema/tables/tenants";
import type { AppEnv } from "../app-env";
import { toTenant } from "../domain/tenant";
import { AppError } from "../errors";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Resolves `:slug` to the tenant on `c.var.tenant`; an unknown slug is a 404. */
export const resolveTenant = createMiddleware<AppEnv>(async (c, next) => {
	const slug = c.req.param("slug") ?? "";
	const row = SLUG.test(slug)
		? await c.var.db.select().from(tenants).where(eq(tenants.slug, slug)).get()
		: undefined;
	if (!row) throw new AppError(404, "not_found", "There is no portal at this address.");
	c.set("tenant", toTenant(row));
	await next();
});
