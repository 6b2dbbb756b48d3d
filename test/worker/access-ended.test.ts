import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { accessEndReasons } from "../../schema/access-values";
import { AccessMessage } from "../../workers/contracts/access";
import { getMe, signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import type { Envelope } from "./helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";
import { consoleSetup, send } from "./staff-helpers";

type Setup = Awaited<ReturnType<typeof consoleSetup>>;

async function withPhone(s: Setup) {
	await env.DB.prepare("UPDATE tenants SET support_phone = ? WHERE id = ?")
		.bind("+1 212 555 0100", s.tenant.id)
		.run();
}

async function accessSocket(area: "c" | "d" | "t", slug: string, cookie: string) {
	const socket = await openSocket(`/api/${area}/${slug}/access/live`, cookie);
	const frames = inbox(socket);
	await frames.next((m) => m.type === "hello");
	return { socket, frames };
}

describe("access ended: told at once, and the next answer says why", { timeout: 30_000 }, () => {
	it("a blocked customer's open page hears it at once; their next request and booking are 401 `blocked`", async () => {
		const s = await consoleSetup();
		await withPhone(s);
		const { socket, frames } = await accessSocket("c", s.tenant.slug, s.customer);
		try {
			const blocked = await send(
				`/api/d/${s.tenant.slug}/customers/contacts/${s.contact.id}/block`,
				s.staff,
				"POST",
			);
			expect(blocked.status).toBe(200);
			const ended = await frames.next((m) => m.type === "access_ended");
			expect(ended).toEqual({ type: "access_ended", reason: "blocked" });
			// The web app's check takes the gate's frames as they come.
			expect(AccessMessage.safeParse(ended)).toEqual({ success: true, data: ended });
			expect(AccessMessage.safeParse(frames.messages[0])).toEqual({ success: true, data: { type: "hello" } });
			expect((await frames.closedWithin()).code).toBe(4003);
			const me = await getMe(s.tenant.slug, s.customer);
			expect(me.status).toBe(401);
			const { error } = await me.json<Envelope>();
			expect(error.code).toBe("blocked");
			expect(error.message).toContain(`call ${s.tenant.name} on +1 212 555 0100`);
			// Told once: the answer drops the dead cookie, so the next page is the sign-in form.
			expect(me.headers.get("Set-Cookie")).toMatch(/^__Host-session=; Max-Age=0/);
			const booking = await book(s.tenant.slug, s.customer, pickupBody());
			expect(booking.status).toBe(401);
			expect((await booking.json<Envelope>()).error.code).toBe("blocked");
			const jobs = await env.DB.prepare("SELECT count(*) AS n FROM jobs WHERE tenant_id = ?")
				.bind(s.tenant.id)
				.first<{ n: number }>();
			expect(jobs?.n).toBe(0);
		} finally {
			closeQuietly(socket);
		}
	});

	it("a deactivated dispatcher and a deactivated technician are told `access_removed`", async () => {
		const s = await consoleSetup();
		await withPhone(s);
		const desk = await accessSocket("d", s.tenant.slug, s.staff);
		const van = await accessSocket("t", s.tenant.slug, s.technician);
		try {
			expect(
				(
					await send(`/api/d/${s.tenant.slug}/staff/${s.dispatcher.id}`, s.adminCookie, "PATCH", {
						active: false,
					})
				).status,
			).toBe(200);
			expect(await desk.frames.next((m) => m.type === "access_ended")).toMatchObject({
				reason: "access_removed",
			});
			expect(
				(
					await send(`/api/d/${s.tenant.slug}/technicians/${s.tech.id}`, s.adminCookie, "PATCH", {
						active: false,
					})
				).status,
			).toBe(200);
			expect(await van.frames.next((m) => m.type === "access_ended")).toMatchObject({
				reason: "access_removed",
			});
			for (const [area, cookie] of [
				["d", s.staff],
				["t", s.technician],
			] as const) {
				const me = await getMe(s.tenant.slug, cookie, area);
				expect(me.status).toBe(401);
				const { error } = await me.json<Envelope>();
				expect(error.code).toBe("access_removed");
				expect(error.message).toBe(`Your access was removed — call ${s.tenant.name} on +1 212 555 0100.`);
			}
		} finally {
			closeQuietly(desk.socket);
			closeQuietly(van.socket);
		}
	});

	it("signing out everywhere tells the person's other pages `signed_out`, not the one that did it", async () => {
		const s = await consoleSetup();
		const other = await signIn(s.tenant.slug, "cal.client@clinic.example", "c");
		const here = await accessSocket("c", s.tenant.slug, s.customer);
		const there = await accessSocket("c", s.tenant.slug, other);
		try {
			expect(
				(await send(`/api/c/${s.tenant.slug}/auth/logout-everywhere`, s.customer, "POST")).status,
			).toBeLessThan(300);
			expect(await there.frames.next((m) => m.type === "access_ended")).toMatchObject({
				reason: "signed_out",
			});
			const thereMe = await getMe(s.tenant.slug, other);
			expect(thereMe.status).toBe(401);
			expect((await thereMe.json<Envelope>()).error.code).toBe("signed_out");
			// The browser that signed out is simply signed out.
			const hereMe = await getMe(s.tenant.slug, s.customer);
			expect((await hereMe.json<Envelope>()).error.code).toBe("unauthorized");
			expect(here.frames.messages.some((m) => m.type === "access_ended")).toBe(false);
		} finally {
			closeQuietly(here.socket);
			closeQuietly(there.socket);
		}
	});

	it("refuses the access socket without a session, or from another site", async () => {
		const s = await consoleSetup();
		const none = await send(`/api/c/${s.tenant.slug}/access/live`, "", "GET", undefined, {
			Upgrade: "websocket",
			Origin: "https://portal.test",
		});
		expect(none.status).toBe(401);
		const foreign = await send(`/api/c/${s.tenant.slug}/access/live`, s.customer, "GET", undefined, {
			Upgrade: "websocket",
			Origin: "https://evil.example",
		});
		expect(foreign.status).toBe(403);
	});
});

describe("the web app's check of access frames", () => {
	it("takes the greeting and every reason, drops extra fields, and refuses anything else", () => {
		expect(AccessMessage.safeParse({ type: "hello", extra: 1 })).toEqual({
			success: true,
			data: { type: "hello" },
		});
		for (const reason of accessEndReasons) {
			expect(AccessMessage.safeParse({ type: "access_ended", reason })).toEqual({
				success: true,
				data: { type: "access_ended", reason },
			});
		}
		for (const frame of [
			{ type: "access_ended", reason: "bored" },
			{ type: "access_ended" },
			{ type: "pong" },
			{},
			null,
			"hello",
			["hello"],
		]) {
			expect(AccessMessage.safeParse(frame), JSON.stringify(frame)).toEqual({ success: false });
		}
	});
});
