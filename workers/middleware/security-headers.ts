import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { API_CSP, COMMON_SECURITY_HEADERS, PAGE_CSP } from "../security-policy";

/** Sets the security headers on every answer the Worker gives, errors included. */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	// A WebSocket handshake answer is immutable and carries no document.
	if (c.res.status === 101) return;
	const isHtml = c.res.headers.get("Content-Type")?.startsWith("text/html") ?? false;
	for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) c.res.headers.set(name, value);
	if (!c.res.headers.has("Content-Security-Policy")) {
		c.res.headers.set("Content-Security-Policy", isHtml ? PAGE_CSP : API_CSP);
	}
});
