import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { configuredOrigin, requestOrigin } from "../app-origin";
import { AppError } from "../errors";

/**
 * WebSocket upgrades are not covered by CORS: only pages of this app (same origin, or the
 * configured APP_ORIGIN) may open one with the session cookie.
 */
export function requireWebSocketUpgrade(c: Context<AppEnv>): void {
	if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
		throw new AppError(400, "bad_request", "This address takes a WebSocket upgrade.");
	}
	const origin = c.req.header("Origin");
	const allowed = [requestOrigin(c), configuredOrigin(c.env)].filter(Boolean);
	if (!origin || !allowed.includes(origin)) {
		throw new AppError(403, "cross_site_request", "Live updates are only available to this site's pages.");
	}
}
