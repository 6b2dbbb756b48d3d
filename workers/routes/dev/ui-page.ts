import { Hono } from "hono";
import type { AppEnv } from "../../app-env";

/**
 * `/dev/ui`: the design system's gallery, a page of the single-page app. `/dev/*` runs the
 * Worker first (so that it is 404 outside development), which means the assets' fallback never
 * sees this path: hand out the app's shell ourselves, and the client router shows the gallery.
 */
export const devUiRoutes = new Hono<AppEnv>().get("/ui", async (c) => {
	const shell = await c.env.ASSETS.fetch(new URL("/", c.req.url));
	const page = new Response(shell.body, shell);
	page.headers.set("Cache-Control", "no-store");
	return page;
});
