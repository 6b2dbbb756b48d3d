import { describe, expect, it } from "vitest";
import { CUSTOMER_ROUTE_RULES } from "../../workers/domain/customers/permissions";
import { app } from "../../workers/index";
import { estimateSetup } from "./estimate-helpers";
import { BASE, type Envelope } from "./helpers";
import { send } from "./staff-helpers";

/** Customer routes anyone may call: the sign-in steps and asking to join an account. */
const OPEN_ROUTES = new Set([
	"POST /api/c/:slug/auth/link",
	"POST /api/c/:slug/auth/consume",
	"POST /api/c/:slug/auth/code",
	"POST /api/c/:slug/auth/join-request",
]);

type Role = "admin" | "booker" | "billing" | "viewer";
const ALL: Role[] = ["admin", "booker", "billing", "viewer"];
const BOOKS: Role[] = ["admin", "booker"];
const SEES_JOBS: Role[] = ["admin", "booker", "viewer"];

/**
 * Who may use each customer route, written out here apart from the app's own table so a rule
 * changed by mistake fails. A new route must be added here (and to the app's rules) or this fails.
 */
const EXPECTED: Record<string, Role[]> = {
	"GET /me": ALL,
	"PUT /me/locale": ALL,
	"POST /auth/logout": ALL,
	"POST /auth/logout-everywhere": ALL,
	"POST /bookings": BOOKS,
	"GET /addresses": BOOKS,
	"GET /jobs": SEES_JOBS,
	"GET /jobs/:id": SEES_JOBS,
	"GET /jobs/:id/photos": SEES_JOBS,
	"GET /jobs/:id/photos/:photoId": SEES_JOBS,
	"GET /jobs/:id/live": SEES_JOBS,
	"POST /jobs/:id/notes": BOOKS,
	"POST /jobs/:id/photos": BOOKS,
	"POST /jobs/:id/cancel": BOOKS,
	"POST /jobs/:id/change-request": BOOKS,
	"POST /jobs/:id/tracking-links": BOOKS,
	"GET /jobs/:id/survey": SEES_JOBS,
	"POST /jobs/:id/survey": SEES_JOBS,
	"PUT /jobs/:id/survey": SEES_JOBS,
	"GET /recurring": SEES_JOBS,
	"GET /recurring/:id": SEES_JOBS,
	"POST /recurring": BOOKS,
	"PATCH /recurring/:id": BOOKS,
	"POST /recurring/:id/skip": BOOKS,
	"GET /access/live": ALL,
	"GET /me/preferences": ALL,
	"PUT /me/preferences": ALL,
	"GET /me/profile": ALL,
	"PUT /me/profile": ALL,
	"GET /documents": ALL,
	"GET /jobs/:id/report.pdf": ALL,
	"GET /jobs/:id/signature.png": SEES_JOBS,
	"GET /estimates": ALL,
	"GET /estimates/:id": ALL,
	"GET /estimates/:id/pdf": ALL,
	"POST /estimates/:id/approve": BOOKS,
	"POST /estimates/:id/reject": BOOKS,
	"POST /estimates/:id/comments": BOOKS,
	"POST /estimates/:id/request-update": BOOKS,
	"POST /quote-requests": BOOKS,
	"GET /quote-requests": BOOKS,
	"GET /quote-requests/:id": BOOKS,
	"POST /quote-requests/:id/photos": BOOKS,
	"GET /quote-requests/:id/photos/:photoId": BOOKS,
	"GET /invoices": ALL,
	"GET /invoices/:id": ALL,
	"GET /invoices/:id/pdf": ALL,
	"POST /invoices/:id/checkout": ["admin", "booker", "billing"],
	"GET /account": ["admin"],
	"POST /account/contacts": ["admin"],
	"PATCH /account/contacts/:id": ["admin"],
	"DELETE /account/contacts/:id": ["admin"],
	"POST /account/locations": ["admin"],
	"PATCH /account/locations/:id": ["admin"],
	"POST /account/locations/:id/addresses": ["admin"],
	"DELETE /account/addresses/:id": ["admin"],
	"POST /account/join-requests/:id/approve": ["admin"],
	"POST /account/join-requests/:id/decline": ["admin"],
};

const short = (path: string) => path.replace(/^\/api\/c\/:slug/, "");

/** Every `/api/c` route the app serves, read from its route table so a new one cannot be missed. */
function customerRoutes(): Array<{ method: string; path: string; key: string }> {
	const seen = new Map<string, { method: string; path: string; key: string }>();
	for (const r of app.routes) {
		if (r.method === "ALL" || !r.path.startsWith("/api/c/")) continue;
		const full = `${r.method} ${r.path}`;
		if (!OPEN_ROUTES.has(full))
			seen.set(full, { method: r.method, path: r.path, key: `${r.method} ${short(r.path)}` });
	}
	// Signing out last, so the session is still there for every other route.
	return [...seen.values()].sort(
		(a, b) => Number(a.path.includes("/auth/")) - Number(b.path.includes("/auth/")),
	);
}

describe("every /api/c route", () => {
	it("has an expected rule here and a rule in the app, and there are enough to mean something", () => {
		const routes = customerRoutes();
		expect(routes.length).toBeGreaterThan(35);
		expect(routes.filter((r) => !(r.key in EXPECTED)).map((r) => r.key)).toEqual([]);
		expect(routes.filter((r) => !(r.key in CUSTOMER_ROUTE_RULES)).map((r) => r.key)).toEqual([]);
	});

	it("answers 403 `forbidden` to exactly the roles that may not use it, for every role", {
		timeout: 120_000,
	}, async () => {
		const s = await estimateSetup();
		const cookies: Record<Role, string> = {
			admin: s.cookies.admin,
			booker: s.cookies.booker,
			billing: s.cookies.billing,
			viewer: s.cookies.viewer,
		};
		const failures: string[] = [];
		for (const route of customerRoutes()) {
			const path = route.path.replace(":slug", s.tenant.slug).replace(/:[a-zA-Z]+/g, "x_1");
			const headers: Record<string, string> = path.endsWith("/live")
				? { Upgrade: "websocket", Origin: BASE }
				: { "Idempotency-Key": crypto.randomUUID() };
			for (const role of ALL) {
				const res = await send(
					path,
					cookies[role],
					route.method,
					route.method === "GET" ? undefined : {},
					headers,
				);
				const code = res.status === 403 ? (await res.json<Envelope>()).error.code : null;
				const allowed = EXPECTED[route.key]?.includes(role) ?? false;
				if (allowed && res.status === 403) failures.push(`${route.key} as ${role}: 403, expected through`);
				if (!allowed && code !== "forbidden")
					failures.push(`${route.key} as ${role}: ${res.status}, expected 403`);
				// Signing out ends the session the later sign-out would use.
				const signedOut = res.status === 401 && route.key === "POST /auth/logout-everywhere";
				if ((res.status === 401 && !signedOut) || res.status >= 500) {
					failures.push(`${route.key} as ${role}: ${res.status}`);
				}
			}
		}
		expect(failures).toEqual([]);
	});
});
