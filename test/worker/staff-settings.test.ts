import { describe, expect, it } from "vitest";
import { getMe } from "./auth-helpers";
import { call, type Envelope } from "./helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";
import { auditEntries, consoleSetup, PNG_BYTES, send, upload } from "./staff-helpers";

const issuesOf = async (res: Response) => (await res.json<Envelope>()).error.issues?.map((i) => i.field);

describe("settings (admins only)", () => {
	it("is 403 for a dispatcher on every settings and staff route", async () => {
		const s = await consoleSetup();
		const base = `/api/d/${s.tenant.slug}`;
		for (const [path, method, body] of [
			[`${base}/settings`, "GET", undefined],
			[`${base}/settings`, "PATCH", { name: "Mine now" }],
			[`${base}/staff`, "GET", undefined],
			[`${base}/staff`, "POST", { name: "X", email: "x@fleet.example", role: "admin" }],
			[`${base}/staff/${s.admin.id}`, "PATCH", { role: "dispatcher" }],
		] as const) {
			expect((await send(path, s.staff, method, body)).status, `${method} ${path}`).toBe(403);
		}
		expect((await upload(`${base}/settings/logo`, s.staff, PNG_BYTES, "image/png")).status).toBe(403);
	});

	it("changes branding and the public branding shows it on the next load, uncached", async () => {
		const s = await consoleSetup();
		const res = await send(`/api/d/${s.tenant.slug}/settings`, s.adminCookie, "PATCH", {
			name: "Speedy Couriers",
			colors: { primary: "#123456" },
			supportEmail: "Help@Speedy.example",
			timezone: "Europe/Berlin",
			currency: "eur",
			jobKinds: ["pickup_delivery", "service_call"],
			allowSelfSignup: true,
			sendCeilingPerHour: 50,
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			currency: "EUR",
			sendCeilingPerHour: 50,
			allowSelfSignup: true,
		});
		const branding = await call(`/api/tenants/${s.tenant.slug}`);
		expect(branding.headers.get("Cache-Control")).toBe("no-cache");
		expect(await branding.json()).toMatchObject({
			name: "Speedy Couriers",
			colors: { primary: "#123456" },
			supportEmail: "Help@Speedy.example",
			timezone: "Europe/Berlin",
			currency: "EUR",
			jobKinds: ["pickup_delivery", "service_call"],
		});
		const [audit] = await auditEntries(s.tenant.id, "settings.updated");
		expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ after: { name: "Speedy Couriers" } });
	});

	it("refuses colours without WCAG AA contrast, naming the field, and bad zones and currencies", async () => {
		const s = await consoleSetup();
		const patch = (body: unknown) => send(`/api/d/${s.tenant.slug}/settings`, s.adminCookie, "PATCH", body);
		// White text on a light yellow: about 1.5:1.
		expect(await issuesOf(await patch({ colors: { primary: "#f5e663" } }))).toEqual(["colors.primary"]);
		expect(await issuesOf(await patch({ colors: { text: "#2a6bb0" } }))).toEqual(["colors.text"]);
		expect(await issuesOf(await patch({ colors: { accent: "#ffe9a8" } }))).toEqual(["colors.accent"]);
		expect(await issuesOf(await patch({ colors: { primary: "blue" } }))).toEqual(["colors.primary"]);
		expect(await issuesOf(await patch({ timezone: "Mars/Olympus" }))).toEqual(["timezone"]);
		expect(await issuesOf(await patch({ currency: "XYZ" }))).toEqual(["currency"]);
		expect(await issuesOf(await patch({ jobKinds: [] }))).toEqual(["jobKinds"]);
		const ok = await patch({ colors: { primary: "#ffffff", text: "#111111" } });
		expect(ok.status).toBe(400);
		expect(await issuesOf(ok)).toEqual(["colors.primary"]);
		expect((await patch({ colors: { primary: "#0b3d91", text: "#ffffff", accent: "#b35900" } })).status).toBe(
			200,
		);
	});

	it("uploads a logo checked by type and size, served from the media route", async () => {
		const s = await consoleSetup();
		const path = `/api/d/${s.tenant.slug}/settings/logo`;
		expect(
			(await upload(path, s.adminCookie, new TextEncoder().encode("<svg/>"), "image/svg+xml")).status,
		).toBe(415);
		const big = new Uint8Array(512 * 1024 + 1);
		big.set(PNG_BYTES);
		expect((await upload(path, s.adminCookie, big, "image/png")).status).toBe(413);
		const res = await upload(path, s.adminCookie, PNG_BYTES, "image/png");
		expect(res.status).toBe(200);
		const { logoUrl, logoSize } = await res.json<{ logoUrl: string; logoSize: unknown }>();
		expect(logoSize).toEqual({ width: 1, height: 1 });
		const branding = await (await call(`/api/tenants/${s.tenant.slug}`)).json<{
			logoUrl: string;
			logoSize: unknown;
		}>();
		expect(branding).toMatchObject({ logoUrl, logoSize: { width: 1, height: 1 } });
		expect((await call(logoUrl)).headers.get("Content-Type")).toBe("image/png");
	});
});

describe("staff and roles", () => {
	it("adds staff, changes roles, and never removes the last admin", async () => {
		const s = await consoleSetup();
		const base = `/api/d/${s.tenant.slug}/staff`;
		const added = await send(base, s.adminCookie, "POST", {
			name: "Nel New",
			email: "nel@fleet.example",
			role: "dispatcher",
		});
		expect(added.status).toBe(201);
		expect((await send(base, s.adminCookie, "POST", { name: "N", email: "NEL@fleet.example" })).status).toBe(
			409,
		);
		const list = await (await send(base, s.adminCookie)).json<Array<{ email: string; role: string }>>();
		expect(list.map((m) => m.role).sort()).toEqual(["admin", "dispatcher", "dispatcher"]);
		expect((await send(`${base}/${s.admin.id}`, s.adminCookie, "PATCH", { role: "dispatcher" })).status).toBe(
			409,
		);
		expect((await send(`${base}/${s.admin.id}`, s.adminCookie, "PATCH", { active: false })).status).toBe(409);
		const promoted = await send(`${base}/${s.dispatcher.id}`, s.adminCookie, "PATCH", { role: "admin" });
		expect(await promoted.json()).toMatchObject({ role: "admin" });
		expect((await send(`${base}/${s.admin.id}`, s.adminCookie, "PATCH", { role: "dispatcher" })).status).toBe(
			200,
		);
	});

	it("deactivating a staff member ends their session and closes their board", async () => {
		const s = await consoleSetup();
		const socket = await openSocket(`/api/d/${s.tenant.slug}/board/live`, s.staff);
		const board = inbox(socket);
		try {
			await board.next((m) => m.type === "hello");
			const res = await send(`/api/d/${s.tenant.slug}/staff/${s.dispatcher.id}`, s.adminCookie, "PATCH", {
				active: false,
			});
			expect(await res.json()).toMatchObject({ active: false });
			await board.closedWithin();
			expect((await getMe(s.tenant.slug, s.staff, "d")).status).toBe(401);
			expect((await auditEntries(s.tenant.id, "staff.deactivated"))[0]?.actor_id).toBe(s.admin.id);
		} finally {
			closeQuietly(socket);
		}
	});
});
