import { Hono } from "hono";
import type { AppEnv } from "../../app-env";
import { errorEnvelope } from "../../errors";

/** Content-hashed build output: a name is never reused for other bytes, so it may be kept a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * `/assets/*` runs the Worker first (wrangler.toml), because the assets' single-page fallback
 * answers a missing file with index.html: after a deploy an old tab asking for its old script
 * would get the page and keep it a year as that script. A missing asset is a 404 kept nowhere.
 */
/** Mounted at `/assets`. */
export const hashedAssetRoutes = new Hono<AppEnv>().on(["GET", "HEAD"], "/*", async (c) => {
	const asset = await c.env.ASSETS.fetch(c.req.raw);
	// Nothing under /assets/ is HTML; an HTML answer is the fallback page for a missing file.
	const isFallback = asset.headers.get("Content-Type")?.startsWith("text/html") ?? false;
	if (asset.status === 404 || isFallback) {
		return c.json(errorEnvelope("not_found", "There is no such file; reload the page."), 404, {
			"Cache-Control": "no-store",
		});
	}
	const answer = new Response(asset.body, asset);
	// A 304 refreshes the stored headers, so it must say the same as the 200 did.
	if (asset.ok || asset.status === 304) answer.headers.set("Cache-Control", IMMUTABLE);
	return answer;
});
