/**
 * The security headers of every response. The Worker sets them on API answers and
 * the Vite build writes the same values into `_headers` for static assets.
 */
export const PAGE_CSP = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	// Tenant logos and map tiles come from tenant-configured https hosts.
	"img-src 'self' data: blob: https:",
	"font-src 'self'",
	"connect-src 'self'",
	"worker-src 'self'",
	"manifest-src 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
	"object-src 'none'",
	"base-uri 'none'",
].join("; ");

/** API answers are data, never documents: nothing may load from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

export const COMMON_SECURITY_HEADERS: Record<string, string> = {
	"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "strict-origin-when-cross-origin",
	"Cross-Origin-Opener-Policy": "same-origin",
	"X-Frame-Options": "DENY",
	"Permissions-Policy": "camera=(), microphone=(), payment=(), geolocation=(self)",
};

/** Where the build writes the service worker (vite-plugin-pwa's default name). */
export const SERVICE_WORKER_PATH = "/sw.js";

/**
 * The `_headers` file for Workers Static Assets; `extraRules` are more of its rules (a path line,
 * then indented header lines), such as the customer pages' preloads.
 */
export function staticAssetHeadersFile(extraRules: string[] = []): string {
	const lines = Object.entries({ ...COMMON_SECURITY_HEADERS, "Content-Security-Policy": PAGE_CSP }).map(
		([name, value]) => `  ${name}: ${value}`,
	);
	// /assets/* is answered by the Worker (routes/public/assets.ts), which sets its caching. The
	// service worker keeps its name across versions, so the browser must ask for it every time or
	// an update would wait on a stale copy.
	return ["/*", ...lines, SERVICE_WORKER_PATH, "  Cache-Control: no-cache", ...extraRules, ""].join("\n");
}
