import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { type InstallableApp, webAppManifest } from "../../domain/tenant/web-app-manifest";
import { database } from "../../middleware/database";
import { resolveTenant } from "../../middleware/tenant";

/**
 * `/{c,t}/:slug/manifest.webmanifest`: one tenant's installable portal or technician app. The page
 * is one index.html for every tenant, so the manifest cannot be a static file; these paths run the
 * Worker first (wrangler.toml).
 */
export const webAppManifestRoutes = new Hono<AppEnv>();

for (const app of ["c", "t"] satisfies InstallableApp[]) {
	webAppManifestRoutes.get(`/${app}/:slug/manifest.webmanifest`, database, resolveTenant, (c) =>
		c.body(JSON.stringify(webAppManifest(c.var.tenant, app)), 200, {
			"Content-Type": "application/manifest+json",
			// Revalidated on every load, so a new name, colour or logo reaches installed apps.
			"Cache-Control": "no-cache",
		}),
	);
}
