import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getMe, signIn } from "./auth-helpers";
import { makeContact, makeTechnician, makeTenant } from "./fixtures";
import { call } from "./helpers";

// Tenant, session and person are read together on every request: nothing about them is remembered.
describe("a signed-in request", () => {
	it("refuses a technician made inactive on their very next request, and ends the session", async () => {
		const tenant = await makeTenant();
		const tech = await makeTechnician(tenant, "van@fleet.example");
		const cookie = await signIn(tenant.slug, "van@fleet.example", "t");
		expect((await getMe(tenant.slug, cookie, "t")).status).toBe(200);
		await env.DB.prepare("UPDATE technicians SET active = 0 WHERE id = ?").bind(tech.id).run();
		expect((await getMe(tenant.slug, cookie, "t")).status).toBe(401);
		const left = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE subject_id = ?")
			.bind(tech.id)
			.first<{ n: number }>();
		expect(left?.n).toBe(0);
	});

	it("refuses a session whose contact no longer exists", async () => {
		const tenant = await makeTenant();
		const contact = await makeContact(tenant, { email: "gone@firm.example" });
		const cookie = await signIn(tenant.slug, "gone@firm.example");
		await env.DB.prepare("DELETE FROM contacts WHERE id = ?").bind(contact.id).run();
		expect((await getMe(tenant.slug, cookie)).status).toBe(401);
	});

	it("sees a tenant's new branding on the next request, with or without a session cookie", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "brand@firm.example" });
		const cookie = await signIn(tenant.slug, "brand@firm.example");
		const nameOf = async (headers: HeadersInit) => {
			const res = await call(`/api/tenants/${tenant.slug}`, { headers });
			expect(res.status).toBe(200);
			return (await res.json<{ name: string }>()).name;
		};
		expect(await nameOf({ Cookie: cookie })).toBe(tenant.name);
		await env.DB.prepare("UPDATE tenants SET name = 'Renamed Couriers' WHERE id = ?").bind(tenant.id).run();
		expect(await nameOf({ Cookie: cookie })).toBe("Renamed Couriers");
		expect(await nameOf({})).toBe("Renamed Couriers");
	});

	it("answers 404 for an unknown slug whether or not a session cookie comes with it", async () => {
		const tenant = await makeTenant();
		await makeContact(tenant, { email: "lost@firm.example" });
		const cookie = await signIn(tenant.slug, "lost@firm.example");
		expect((await call("/api/c/no-such-portal/me", { headers: { Cookie: cookie } })).status).toBe(404);
		expect((await call("/api/c/no-such-portal/me")).status).toBe(404);
	});
});
