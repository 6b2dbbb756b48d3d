import type { Context } from "hono";
import type { AppEnv } from "./app-env";

/** The origin links in emails and share links point at: `APP_ORIGIN`, else this request's. */
export function appOrigin(c: Context<AppEnv>): string {
	return c.env.APP_ORIGIN || new URL(c.req.url).origin;
}
