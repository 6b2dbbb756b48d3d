import type { Context } from "hono";
import type { RequestMeta } from "./domain/request-meta";

/** Where a request came from, for rate limits and the audit log. */
export function requestMeta(c: Context): RequestMeta {
	return {
		ip: c.req.header("CF-Connecting-IP") ?? c.req.header("X-Real-IP") ?? "unknown",
		userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null,
	};
}
