import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../workers/domain/sha256";
import { findTenantWithSignIn, tenantWithSignInQuery } from "../../workers/domain/sign-in/signed-in";
import { openShard } from "../../workers/shards";
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

describe("the session check for one audience", () => {
	const hashOf = async (cookie: string) =>
		sha256Hex(decodeURIComponent(cookie.split("=").slice(1).join("=").split(";")[0] ?? ""));

	it("reads only that audience's person, and finds the same sign-in as the check that reads all", async () => {
		const tenant = await makeTenant();
		const contact = await makeContact(tenant, { email: "one@firm.example" });
		const hash = await hashOf(await signIn(tenant.slug, "one@firm.example"));
		const db = openShard(env, 0);
		const row = await tenantWithSignInQuery(db, tenant.slug, hash, "customer").get();
		expect(row?.contact?.id).toBe(contact.id);
		expect(row).not.toHaveProperty("staffMember");
		expect(row).not.toHaveProperty("technician");
		const narrow = await findTenantWithSignIn(db, tenant.slug, hash, "customer");
		const wide = await findTenantWithSignIn(db, tenant.slug, hash);
		expect(narrow?.signIn?.person).toEqual(wide?.signIn?.person);
		expect(narrow?.signIn?.session).toEqual(wide?.signIn?.session);
	});

	it("still refuses a technician's session on the portal and a customer's in the technician app", async () => {
		const tenant = await makeTenant();
		await makeTechnician(tenant, "tech@fleet.example");
		await makeContact(tenant, { email: "cust@firm.example" });
		const tech = await signIn(tenant.slug, "tech@fleet.example", "t");
		const customer = await signIn(tenant.slug, "cust@firm.example");
		// Twice each: the second request is the one whose check waits for its list (deferred).
		for (let i = 0; i < 2; i++) {
			expect((await call(`/api/c/${tenant.slug}/jobs`, { headers: { Cookie: tech } })).status).toBe(403);
			expect((await call(`/api/t/${tenant.slug}/jobs`, { headers: { Cookie: customer } })).status).toBe(403);
			expect((await call(`/api/c/${tenant.slug}/jobs`, { headers: { Cookie: customer } })).status).toBe(200);
		}
	});
});
