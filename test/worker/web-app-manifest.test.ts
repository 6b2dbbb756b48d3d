import { beforeAll, describe, expect, it } from "vitest";
import { makeTenant } from "./fixtures";
import { call, type Envelope, loadDemoData } from "./helpers";

beforeAll(() => loadDemoData());

describe("GET /c/:slug/manifest.webmanifest", () => {
	it("makes the tenant's portal installable under its own name, colours and logo", async () => {
		const res = await call("/c/acme-courier/manifest.webmanifest");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("application/manifest+json");
		expect(res.headers.get("Cache-Control")).toBe("no-cache");
		expect(await res.json()).toEqual({
			id: "/c/acme-courier/",
			name: "Acme Courier",
			short_name: "Acme Courier",
			start_url: "/c/acme-courier/",
			scope: "/c/acme-courier/",
			display: "standalone",
			lang: "en",
			theme_color: "#0b5394",
			background_color: "#0b5394",
			icons: [{ src: "/demo/acme-logo.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
		});
	});

	it("shortens a long name for the launcher and falls back to the default icon without a logo", async () => {
		const tenant = await makeTenant();
		const manifest = await (await call(`/c/${tenant.slug}/manifest.webmanifest`)).json<{
			name: string;
			short_name: string;
			icons: unknown[];
		}>();
		expect(manifest.name).toBe(tenant.name);
		expect(manifest.short_name).toBe("Tenant");
		expect(manifest.icons).toEqual([
			{ src: "/icons/app-icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
		]);
	});

	it("answers 404 in the envelope for an unknown slug", async () => {
		for (const path of ["/c/nope/manifest.webmanifest", `/t/${"x".repeat(200)}/manifest.webmanifest`]) {
			const res = await call(path);
			expect(res.status).toBe(404);
			expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
			expect((await res.json<Envelope>()).error.code).toBe("not_found");
		}
	});
});

describe("GET /t/:slug/manifest.webmanifest", () => {
	it("installs the technician app at its own scope, apart from the portal", async () => {
		const res = await call("/t/bayside-plumbing/manifest.webmanifest");
		expect(res.status).toBe(200);
		expect(res.headers.get("Content-Type")).toBe("application/manifest+json");
		const manifest = await res.json<Record<string, unknown>>();
		expect(manifest).toMatchObject({
			name: "Bayside Plumbing Technician",
			start_url: "/t/bayside-plumbing/",
			scope: "/t/bayside-plumbing/",
			display: "standalone",
			theme_color: "#0f6b5c",
		});
	});
});
