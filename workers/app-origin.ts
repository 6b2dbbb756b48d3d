import type { Context } from "hono";
import type { AppEnv, Bindings } from "./app-env";
import { AppError } from "./errors";

/**
 * The one place the app decides which origin a request came in on and which origin its links
 * point at. The two differ on purpose: a request's Host header is the client's to choose, so it
 * may answer "is this request same-origin?" but never "where does a sign-in link lead?".
 */

type OriginEnv = Pick<Bindings, "APP_ORIGIN" | "ENVIRONMENT">;

/** The origin the request itself was addressed to, for same-origin checks only. */
export function requestOrigin(c: Context<AppEnv>): string {
	return new URL(c.req.url).origin;
}

/** APP_ORIGIN as an origin ("https://portal.example.com"), or null when unset or not a web origin. */
export function configuredOrigin(env: OriginEnv): string | null {
	const value = env.APP_ORIGIN?.trim();
	if (!value) return null;
	try {
		const url = new URL(value);
		return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
	} catch {
		return null;
	}
}

/**
 * The origin of the links the app hands out (sign-in and booking emails, tracking links):
 * APP_ORIGIN, or in development the request's own origin. Outside development, without a valid
 * APP_ORIGIN it is null, and says so in the log: nothing may be sent with a link a Host header chose.
 */
export function linkOrigin(env: OriginEnv, requestUrl: string): string | null {
	const configured = configuredOrigin(env);
	if (configured) return configured;
	if (env.ENVIRONMENT === "development") return new URL(requestUrl).origin;
	console.error(
		"link not sent: APP_ORIGIN is not configured (set it to the portal's https origin, e.g. https://portal.example.com)",
		{ environment: env.ENVIRONMENT, appOrigin: env.APP_ORIGIN ?? null },
	);
	return null;
}

/** `linkOrigin` for a link the answer carries: a 503 envelope until APP_ORIGIN is configured. */
export function requireLinkOrigin(c: Context<AppEnv>): string {
	const origin = linkOrigin(c.env, c.req.url);
	if (origin) return origin;
	throw new AppError(
		503,
		"not_configured",
		"Links cannot be made until the portal's address is configured. Please tell the operator.",
	);
}

/** The local `wrangler dev` address, the links' origin of work no request started (a queue, the cron) in development. */
export const DEV_ORIGIN = "http://localhost:8787";

/** The origin of links made outside a request (queue consumers, the cron): APP_ORIGIN, or in development the local one. */
export function backgroundOrigin(env: OriginEnv): string | null {
	return configuredOrigin(env) ?? (env.ENVIRONMENT === "development" ? DEV_ORIGIN : null);
}
