import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/index";
import { book, pickupBody } from "./booking-helpers";
import { BASE, call, type Envelope } from "./helpers";
import { consoleSetup, PNG_BYTES, send, upload } from "./staff-helpers";

/** Staff routes anyone may call: signing in. Every other `/api/d` route needs a staff session. */
const SIGN_IN_ROUTES = new Set([
	"POST /api/d/:slug/auth/link",
	"POST /api/d/:slug/auth/consume",
	"POST /api/d/:slug/auth/code",
]);

/** Every `/api/d` route the app serves, read from its route table so a new one cannot be missed. */
function staffRoutes(): Array<{ method: string; path: string }> {
	const seen = new Map<string, { method: string; path: string }>();
	for (const r of app.routes) {
		if (r.method === "ALL" || !r.path.startsWith("/api/d/")) continue;
		const key = `${r.method} ${r.path}`;
		if (!SIGN_IN_ROUTES.has(key)) seen.set(key, { method: r.method, path: r.path });
	}
	return [...seen.values()];
}

/** A WebSocket upgrade as this site's own page sends it, for the live routes. */
const liveHeaders = (path: string): Record<string, string> =>
	path.endsWith("/live") ? { Upgrade: "websocket", Origin: BASE } : {};

describe("every /api/d route", () => {
	it("is served, and there are enough of them for this test to mean something", () => {
		expect(staffRoutes().length).toBeGreaterThan(25);
	});

	it("answers 403 to customer and technician sessions of the same tenant", { timeout: 30_000 }, async () => {
		const s = await consoleSetup();
		const failures: string[] = [];
		for (const route of staffRoutes()) {
			const path = route.path.replace(":slug", s.tenant.slug).replace(/:[a-zA-Z]+/g, "x_1");
			for (const [who, cookie] of [
				["customer", s.customer],
				["technician", s.technician],
			] as const) {
				const res = await send(
					path,
					cookie,
					route.method,
					route.method === "GET" ? undefined : {},
					liveHeaders(path),
				);
				const body = res.status === 403 ? await res.json<Envelope>() : null;
				if (res.status !== 403 || body?.error.code !== "forbidden") {
					failures.push(`${route.method} ${route.path} as ${who}: ${res.status}`);
				}
			}
		}
		expect(failures).toEqual([]);
	});
});

/** Bodies that would be accepted, so the answer is about the id and not the input. */
const VALID_BODIES: Record<string, unknown> = {
	"DELETE /api/d/:slug/api-keys/:id": undefined,
	"DELETE /api/d/:slug/webhooks/:id": undefined,
	"POST /api/d/:slug/webhooks/:id/enable": undefined,
	"POST /api/d/:slug/webhooks/:id/rotate-secret": undefined,
	"POST /api/d/:slug/webhooks/:id/deliveries/:deliveryId/resend": undefined,
	"PATCH /api/d/:slug/jobs/:id": { reference: "PO-1" },
	"POST /api/d/:slug/jobs/:id/cancel": { reason: "Customer called" },
	"POST /api/d/:slug/jobs/:id/notes": { text: "Gate code 1234" },
	"POST /api/d/:slug/jobs/:id/assign": { technicianId: null },
	"PATCH /api/d/:slug/customers/contacts/:id": { role: "viewer" },
	"POST /api/d/:slug/customers/contacts/:id/block": undefined,
	"POST /api/d/:slug/customers/contacts/:id/unblock": undefined,
	"PATCH /api/d/:slug/technicians/:id": { name: "Someone" },
	"POST /api/d/:slug/technicians/:id/approve-bio": undefined,
	"PUT /api/d/:slug/technicians/:id/photo": PNG_BYTES,
	"POST /api/d/:slug/inbox/:id/read": undefined,
	"POST /api/d/:slug/jobs/:id/tracking-links": undefined,
	"PATCH /api/d/:slug/staff/:id": { role: "dispatcher" },
	"PUT /api/d/:slug/estimates/:id": {
		title: "Mine now",
		lines: [{ description: "x", quantity: 1, unitPriceMinor: 1 }],
	},
	"POST /api/d/:slug/estimates/:id/share": undefined,
	"POST /api/d/:slug/estimates/:id/comments": { body: "Hello" },
	"POST /api/d/:slug/estimates/:id/convert": {},
	"POST /api/d/:slug/invoices/:id/share": undefined,
	"POST /api/d/:slug/invoices/:id/void": { reason: "Mine now" },
	"POST /api/d/:slug/invoices/:id/payments": { amountMinor: 100, method: "cash", reference: "R-1" },
	"PUT /api/d/:slug/customers/imports/:id/mapping": { mapping: ["email"] },
	"POST /api/d/:slug/customers/imports/:id/commit": undefined,
	"POST /api/d/:slug/customers/imports/:id/invites": { perHour: 50 },
};

describe("ids of another tenant", () => {
	// Two tenants and a request per route: generous on a loaded machine.
	it("are 404 on every /api/d route that takes one, for an admin", { timeout: 30_000 }, async () => {
		const mine = await consoleSetup();
		const theirs = await consoleSetup();
		const job = await (await book(theirs.tenant.slug, theirs.customer, pickupBody())).json<{ id: string }>();
		const alert = await env.DB.prepare("SELECT id FROM inbox_alerts WHERE tenant_id = ?")
			.bind(theirs.tenant.id)
			.first<{ id: string }>();
		const photo = "pho_00";
		const estimate = await (
			await send(`/api/d/${theirs.tenant.slug}/estimates`, theirs.adminCookie, "POST", {
				accountId: theirs.account.id,
				title: "Theirs",
				lines: [{ description: "Labour", quantity: 1, unitPriceMinor: 100 }],
			})
		).json<{ id: string }>();
		await send(`/api/d/${theirs.tenant.slug}/estimates/${estimate.id}/share`, theirs.adminCookie, "POST");
		const invoice = await (
			await send(`/api/d/${theirs.tenant.slug}/invoices`, theirs.adminCookie, "POST", {
				accountId: theirs.account.id,
				lines: [{ description: "Labour", quantity: 1, unitPriceMinor: 1_000 }],
			})
		).json<{ id: string }>();
		await send(`/api/d/${theirs.tenant.slug}/invoices/${invoice.id}/share`, theirs.adminCookie, "POST");
		const quote = await (
			await send(`/api/c/${theirs.tenant.slug}/quote-requests`, theirs.customer, "POST", {
				address: { line1: "1 Main St", city: "Springfield" },
				description: "Fix the gate",
			})
		).json<{ id: string }>();
		const theirImport = await (
			await call(`/api/d/${theirs.tenant.slug}/customers/imports`, {
				method: "POST",
				headers: { Cookie: theirs.adminCookie, "Content-Type": "text/csv" },
				body: "Email\r\ntheirs@import.example\r\n",
			})
		).json<{ id: string }>();
		const theirKey = await (
			await send(`/api/d/${theirs.tenant.slug}/api-keys`, theirs.adminCookie, "POST", {
				name: "Theirs",
				scopes: ["jobs:read"],
			})
		).json<{ id: string }>();
		const theirEndpoint = await (
			await send(`/api/d/${theirs.tenant.slug}/webhooks`, theirs.adminCookie, "POST", {
				url: "https://hooks.example.com/theirs",
				events: ["job.created"],
			})
		).json<{ id: string }>();
		const idFor: Record<string, string> = {
			"api-keys": theirKey.id,
			webhooks: theirEndpoint.id,
			imports: theirImport.id,
			jobs: job.id,
			contacts: theirs.contact.id,
			technicians: theirs.tech.id,
			inbox: alert?.id ?? "",
			staff: theirs.dispatcher.id,
			estimates: estimate.id,
			"quote-requests": quote.id,
			invoices: invoice.id,
		};
		const failures: string[] = [];
		for (const route of staffRoutes().filter((r) => r.path.includes(":id"))) {
			const key = `${route.method} ${route.path}`;
			const resource = route.path.match(/\/([a-z-]+)\/:id/)?.[1] ?? "";
			const id = idFor[resource];
			if (!id) {
				failures.push(`${key}: add an id of another tenant for "${resource}"`);
				continue;
			}
			const path = route.path
				.replace(":slug", mine.tenant.slug)
				.replace(":id", id)
				.replace(":photoId", photo)
				.replace(":deliveryId", "whd_00");
			const body = VALID_BODIES[key];
			if (route.method !== "GET" && !(key in VALID_BODIES)) {
				failures.push(`${key}: add a valid body to VALID_BODIES`);
				continue;
			}
			const res =
				body instanceof Uint8Array
					? await upload(path, mine.adminCookie, body, "image/png", route.method)
					: await send(path, mine.adminCookie, route.method, body, {
							...liveHeaders(path),
							"Idempotency-Key": crypto.randomUUID(),
						});
			if (res.status !== 404) failures.push(`${key}: ${res.status} ${await res.text()}`);
		}
		expect(failures).toEqual([]);
		const untouched = await env.DB.prepare("SELECT status, reference FROM jobs WHERE id = ?")
			.bind(job.id)
			.first<{ status: string; reference: string }>();
		expect(untouched?.status).toBe("unassigned");
		expect(untouched?.reference).not.toBe("PO-1");
		const theirsStill = await env.DB.prepare("SELECT title, status FROM estimates WHERE id = ?")
			.bind(estimate.id)
			.first<{ title: string; status: string }>();
		expect(theirsStill).toEqual({ title: "Theirs", status: "sent" });
		const theirInvoice = await env.DB.prepare("SELECT voided_at, paid_minor FROM invoices WHERE id = ?")
			.bind(invoice.id)
			.first<{ voided_at: number | null; paid_minor: number }>();
		expect(theirInvoice).toEqual({ voided_at: null, paid_minor: 0 });
	});
});
