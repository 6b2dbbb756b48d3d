import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../workers/app-env";
import { respondToError } from "../../workers/errors";
import { database } from "../../workers/middleware/database";
import { devRoutes } from "../../workers/routes/dev";
import { call, type Envelope } from "./helpers";

describe("GET /dev/ui", () => {
	it("serves the app's page in development, under the page's security policy", async () => {
		const res = await call("/dev/ui");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
		expect(res.headers.get("Cache-Control")).toBe("no-store");
		expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
		expect(await res.text()).toContain("<title>fixture</title>");
	});

	it("answers 404 in the envelope outside development", async () => {
		const app = new Hono<AppEnv>();
		app.use("/dev/*", database);
		app.route("/dev", devRoutes);
		app.onError(respondToError);
		const res = await app.request("/dev/ui", {}, { ...env, ENVIRONMENT: "production" });
		expect(res.status).toBe(404);
		expect(await res.json<Envelope>()).toEqual({
			error: { code: "not_found", message: "There is nothing at this address." },
		});
	});
});
