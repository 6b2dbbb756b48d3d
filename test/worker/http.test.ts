import { describe, expect, it } from "vitest";
import { call, type Envelope } from "./helpers";

describe("GET /api/health", () => {
	it("answers 200 with ok", async () => {
		const res = await call("/api/health");
		expect(res.status).toBe(200);
		const body = await res.json<{ ok: boolean; time: string }>();
		expect(body.ok).toBe(true);
		expect(Number.isNaN(Date.parse(body.time))).toBe(false);
	});
});

describe("unknown routes", () => {
	it("answers 404 in the error envelope", async () => {
		const res = await call("/api/no-such-thing");
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
	});

	it("answers a wrong method with an envelope, never a stack trace", async () => {
		const res = await call("/api/health", { method: "DELETE" });
		expect(res.status).toBe(404);
		const body = await res.json<Envelope>();
		expect(body.error.code).toBe("not_found");
		expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
	});
});

describe("security headers", () => {
	it("are set on API answers, errors included", async () => {
		for (const path of ["/api/health", "/api/nothing-here"]) {
			const res = await call(path);
			expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
			expect(res.headers.get("Content-Security-Policy")).toContain("object-src 'none'");
			expect(res.headers.get("Content-Security-Policy")).toContain("base-uri 'none'");
			expect(res.headers.get("Strict-Transport-Security")).toMatch(/max-age=(\d+)/);
			expect(
				Number(res.headers.get("Strict-Transport-Security")?.match(/max-age=(\d+)/)?.[1]),
			).toBeGreaterThanOrEqual(31_536_000);
			expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
		}
	});
});

describe("GET /api/openapi.json", () => {
	it("describes the routes as OpenAPI 3.1, generated from their schemas", async () => {
		const res = await call("/api/openapi.json");
		expect(res.status).toBe(200);
		const doc = await res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
		expect(doc.openapi).toBe("3.1.0");
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/tenants/{slug}"]));
		expect(JSON.stringify(doc.paths["/api/tenants/{slug}"])).toContain("Branding");
	});
});
