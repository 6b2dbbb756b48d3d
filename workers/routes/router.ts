import { OpenAPIHono } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import type { Audience } from "../../schema/tables/auth";
import type { AppEnv } from "../app-env";
import { requireSessionForRead } from "../middleware/signed-in-read";
import { requireStaffAdmin } from "../middleware/staff-admin";
import { resolveTenantFor } from "../middleware/tenant";
import { validationError } from "../validation";

/** A router whose schema failures all become the 400 envelope naming each field. */
export function createRouter() {
	return new OpenAPIHono<AppEnv>({
		defaultHook: (result) => {
			if (!result.success) throw validationError(result.error.issues, result.target);
			return undefined;
		},
	});
}

/** The steps of signing in, the only routes of an audience open without a session. */
export const SIGN_IN_STEP = /^\/api\/[cdt]\/[^/]+\/auth\/(?:link|consume|code|join-request)$/;

/**
 * The router of one audience, to mount at `/api/{c,d,t}/:slug`: every route resolves the tenant
 * from the slug, and every route but the sign-in steps requires a session of this audience
 * (401 without one, 403 for another audience's), checked once here rather than per route.
 */
export function audienceRouter(audience: Audience) {
	const signedIn = requireSessionForRead(audience);
	const resolveTenant = resolveTenantFor(audience);
	const router = createRouter();
	router.use(
		"*",
		createMiddleware<AppEnv>((c, next) =>
			SIGN_IN_STEP.test(c.req.path) ? resolveTenant(c, next) : signedIn(c, next),
		),
	);
	return router;
}

/** A staff router for admins only (a dispatcher gets 403); mount it at its own prefix. */
export function adminRouter() {
	const router = createRouter();
	router.use("*", requireStaffAdmin);
	return router;
}
