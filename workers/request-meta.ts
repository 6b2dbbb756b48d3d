import type { Context } from "hono";

/** Where a request came from, for rate limits and the audit log. */
export function requestMeta(c: Context): { ip: string; userAgent: string | null } {
	return {
		ip: c.req.header("CF-Connecting-IP") ?? c.req.header("X-Real-IP") ?? "unknown",
		userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null,
	};
}
