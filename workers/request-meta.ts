import type { Context } from "hono";
import type { RequestMeta } from "./domain/request-meta";

/**
 * Where a request came from, for rate limits and the audit log. Only `CF-Connecting-IP` is
 * believed: Cloudflare's edge sets it and overwrites any copy a client sends, while a header such
 * as `X-Real-IP` would let a client pick its own address and step around the per-IP limits.
 */
export function requestMeta(c: Context): RequestMeta {
	return {
		ip: c.req.header("CF-Connecting-IP") ?? "unknown",
		userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null,
	};
}
