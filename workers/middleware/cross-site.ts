import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { requestOrigin } from "../app-origin";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// The content types a cross-site HTML form can send without a CORS preflight.
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * Refuses unsafe requests another site could forge: a browser's `Sec-Fetch-Site: cross-site`,
 * a foreign Origin, or a form/text body on a JSON API.
 */
export const refuseCrossSite = createMiddleware<AppEnv>(async (c, next) => {
	// One-click unsubscribe (RFC 8058) is a form POST from the mail provider, with no cookie: its
	// signed token is the whole authority, and the worst a forged one does is turn one stage off.
	const unsubscribe = c.req.path.startsWith("/api/unsubscribe/");
	if (!SAFE_METHODS.has(c.req.method) && !unsubscribe) {
		const refuse = (why: string) => {
			throw new AppError(403, "cross_site_request", `Request refused: ${why}.`);
		};
		if (c.req.header("Sec-Fetch-Site") === "cross-site") refuse("it came from another site");
		const origin = c.req.header("Origin");
		if (origin && origin !== "null" && origin !== requestOrigin(c)) refuse("it came from another origin");
		if (origin === "null") refuse("it came from an opaque origin");
		if (FORM_TYPES.test(c.req.header("Content-Type") ?? "")) refuse("this API accepts JSON only");
	}
	await next();
});
