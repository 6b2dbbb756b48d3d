import { describe, expect, it } from "vitest";
import { call, type Envelope } from "./helpers";

describe("GET /assets/*", () => {
	it("answers a missing hashed asset with a 404 kept in no cache, not the page", async () => {
		for (const method of ["GET", "HEAD"]) {
			const res = await call("/assets/old-abc123.js", { method });
			expect(res.status).toBe(404);
			expect(res.headers.get("Cache-Control")).toBe("no-store");
			expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
			expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
			if (method === "GET") {
				expect(await res.json<Envelope>()).toEqual({
					error: { code: "not_found", message: "There is no such file; reload the page." },
				});
			}
		}
	});

	it("lets a browser keep an existing hashed asset for a year, revalidated or not", async () => {
		const res = await call("/assets/app-3f9c1a.js");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toMatch(/javascript/);
		expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
		expect(await res.text()).toBe("export const built = true;\n");

		const etag = res.headers.get("ETag");
		expect(etag).toBeTruthy();
		const again = await call("/assets/app-3f9c1a.js", { headers: { "If-None-Match": etag ?? "" } });
		expect(again.status).toBe(304);
		expect(again.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
	});
});
