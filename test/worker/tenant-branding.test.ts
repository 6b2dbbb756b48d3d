import { beforeAll, describe, expect, it } from "vitest";
import { call, type Envelope, loadDemoData } from "./helpers";

beforeAll(() => loadDemoData());

describe("GET /api/tenants/:slug", () => {
	it("answers the tenant's branding from the database", async () => {
		const res = await call("/api/tenants/acme-courier");
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			slug: "acme-courier",
			name: "Acme Courier",
			logoUrl: "/demo/acme-logo.svg",
			logoSize: { width: 160, height: 40 },
			colors: { primary: "#0b5394", accent: "#b45309", text: "#ffffff" },
			supportPhone: "+1 212 555 0100",
			supportEmail: "dispatch@acme-courier.example",
			timezone: "America/New_York",
			currency: "USD",
			jobKinds: ["pickup_delivery"],
			tileUrl: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
			locale: "en",
			allowJoinRequests: false,
		});
	});

	it("gives each tenant its own branding", async () => {
		const body = await (await call("/api/tenants/bayside-plumbing")).json<{
			name: string;
			colors: { primary: string };
		}>();
		expect(body.name).toBe("Bayside Plumbing");
		expect(body.colors.primary).toBe("#0f6b5c");
	});

	it("answers 404 in the envelope for an unknown slug", async () => {
		const res = await call("/api/tenants/nope");
		expect(res.status).toBe(404);
		const body = await res.json<Envelope>();
		expect(body.error.code).toBe("not_found");
	});

	it("answers 404 for a slug that could never exist, without querying", async () => {
		const res = await call(`/api/tenants/${"x".repeat(200)}`);
		expect(res.status).toBe(404);
	});
});
