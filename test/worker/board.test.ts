import { describe, expect, it } from "vitest";
import { postJson, signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { makeAccount, makeContact, makeStaff, makeTechnician, makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";

async function dispatchSetup() {
	const tenant = await makeTenant();
	const account = await makeAccount(tenant, "Riverside Clinic");
	await makeContact(tenant, { email: "client@clinic.example", name: "Cal Client", accountId: account.id });
	await makeStaff(tenant, "desk@fleet.example", "Dot Dispatcher");
	const tech = await makeTechnician(tenant, "van@fleet.example", "Vic Van");
	const customer = await signIn(tenant.slug, "client@clinic.example", "c");
	const staff = await signIn(tenant.slug, "desk@fleet.example", "d");
	return { tenant, tech, customer, staff };
}

type Board = {
	jobs: Array<{ id: string; status: string; source: string }>;
	seq: number;
	unreadAlerts: number;
};

describe("GET /api/d/:slug/board", () => {
	it("shows a portal booking in the unassigned lane with an unread alert", async () => {
		const { tenant, customer, staff } = await dispatchSetup();
		const job = await (await book(tenant.slug, customer, pickupBody())).json<{ id: string }>();
		const res = await call(`/api/d/${tenant.slug}/board`, { headers: { Cookie: staff } });
		expect(res.status).toBe(200);
		const board = await res.json<Board>();
		expect(board.jobs).toEqual([
			expect.objectContaining({ id: job.id, status: "unassigned", source: "portal" }),
		]);
		expect(board.unreadAlerts).toBe(1);
	});

	it("is 403 for customers and technicians, 401 for another tenant's staff", async () => {
		const { tenant, customer } = await dispatchSetup();
		await makeTechnician(tenant, "t2@fleet.example");
		const tech = await signIn(tenant.slug, "t2@fleet.example", "t");
		const other = await makeTenant();
		await makeStaff(other, "desk@fleet.example");
		const otherStaff = await signIn(other.slug, "desk@fleet.example", "d");
		for (const [cookie, status] of [
			[customer, 403],
			[tech, 403],
			[otherStaff, 401],
		] as const) {
			expect((await call(`/api/d/${tenant.slug}/board`, { headers: { Cookie: cookie } })).status).toBe(
				status,
			);
		}
	});
});

describe("GET /api/d/:slug/board/live", () => {
	it("delivers a new portal booking to an open board", async () => {
		const { tenant, customer, staff } = await dispatchSetup();
		const ws = await openSocket(`/api/d/${tenant.slug}/board/live`, staff);
		const board = inbox(ws);
		try {
			await board.next((m) => m.type === "hello");
			const job = await (await book(tenant.slug, customer, pickupBody())).json<{ id: string }>();
			const event = await board.next((m) => m.type === "job");
			expect(event.job).toMatchObject({
				id: job.id,
				status: "unassigned",
				source: "portal",
				customerName: "Cal Client",
			});
			expect(await board.next((m) => m.type === "alert")).toMatchObject({ unread: 1 });
		} finally {
			closeQuietly(ws);
		}
	});

	it("catches a reconnecting board up on what it missed", async () => {
		const { tenant, customer, staff } = await dispatchSetup();
		const { seq } = await (
			await call(`/api/d/${tenant.slug}/board`, { headers: { Cookie: staff } })
		).json<Board>();
		// The booking tells the gate before it answers, so the event is numbered by now.
		const job = await (await book(tenant.slug, customer, pickupBody())).json<{ id: string }>();
		const ws = await openSocket(`/api/d/${tenant.slug}/board/live?since=${seq}`, staff);
		const board = inbox(ws);
		try {
			const missed = await board.next((m) => m.type === "job");
			expect(missed.job).toMatchObject({ id: job.id });
			expect(await board.next((m) => m.type === "hello")).toMatchObject({ seq: expect.any(Number) });
		} finally {
			closeQuietly(ws);
		}
	});

	it("refuses a foreign Origin, a missing session and a customer", async () => {
		const { tenant, customer, staff } = await dispatchSetup();
		const path = `/api/d/${tenant.slug}/board/live`;
		const foreign = await call(path, {
			headers: { Upgrade: "websocket", Cookie: staff, Origin: "https://evil.example" },
		});
		expect(foreign.status).toBe(403);
		const anonymous = await call(path, { headers: { Upgrade: "websocket", Origin: "https://portal.test" } });
		expect(anonymous.status).toBe(401);
		const asCustomer = await call(path, {
			headers: { Upgrade: "websocket", Cookie: customer, Origin: "https://portal.test" },
		});
		expect(asCustomer.status).toBe(403);
	});

	it("closes the board's socket when its session signs out", async () => {
		const { tenant, staff } = await dispatchSetup();
		const ws = await openSocket(`/api/d/${tenant.slug}/board/live`, staff);
		const board = inbox(ws);
		try {
			await board.next((m) => m.type === "hello");
			expect((await postJson(`/api/d/${tenant.slug}/auth/logout`, {}, { Cookie: staff })).status).toBe(204);
			expect((await board.closedWithin()).code).toBe(4001);
		} finally {
			closeQuietly(ws);
		}
	});
});

describe("POST /api/d/:slug/jobs/:id/assign", () => {
	it("assigns a technician, records it on the timeline and tells the boards", async () => {
		const { tenant, tech, customer, staff } = await dispatchSetup();
		const job = await (await book(tenant.slug, customer, pickupBody())).json<{ id: string }>();
		const ws = await openSocket(`/api/d/${tenant.slug}/board/live`, staff);
		const board = inbox(ws);
		try {
			const res = await postJson(
				`/api/d/${tenant.slug}/jobs/${job.id}/assign`,
				{ technicianId: tech.id },
				{ Cookie: staff },
			);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({
				status: "assigned",
				technicianId: tech.id,
				technicianName: "Vic Van",
			});
			const event = await board.next(
				(m) => m.type === "job" && (m.job as { status: string }).status === "assigned",
			);
			expect(event.job).toMatchObject({ id: job.id });
		} finally {
			closeQuietly(ws);
		}
		const detail = await (
			await call(`/api/c/${tenant.slug}/jobs/${job.id}`, { headers: { Cookie: customer } })
		).json<{
			technician: { name: string };
			timeline: Array<{ type: string }>;
		}>();
		expect(detail.technician.name).toBe("Vic Van");
		expect(detail.timeline.map((e) => e.type)).toEqual(["created", "assigned"]);
	});

	it("refuses another tenant's technician (400) and another tenant's job (404)", async () => {
		const a = await dispatchSetup();
		const b = await dispatchSetup();
		const jobA = await (await book(a.tenant.slug, a.customer, pickupBody())).json<{ id: string }>();
		const jobB = await (await book(b.tenant.slug, b.customer, pickupBody())).json<{ id: string }>();
		const foreignTech = await postJson(
			`/api/d/${a.tenant.slug}/jobs/${jobA.id}/assign`,
			{ technicianId: b.tech.id },
			{ Cookie: a.staff },
		);
		expect(foreignTech.status).toBe(400);
		expect((await foreignTech.json<Envelope>()).error.issues?.[0]?.field).toBe("technicianId");
		const foreignJob = await postJson(
			`/api/d/${a.tenant.slug}/jobs/${jobB.id}/assign`,
			{ technicianId: a.tech.id },
			{ Cookie: a.staff },
		);
		expect(foreignJob.status).toBe(404);
	});

	it("is 403 for a customer", async () => {
		const { tenant, tech, customer } = await dispatchSetup();
		const job = await (await book(tenant.slug, customer, pickupBody())).json<{ id: string }>();
		const res = await postJson(
			`/api/d/${tenant.slug}/jobs/${job.id}/assign`,
			{ technicianId: tech.id },
			{ Cookie: customer },
		);
		expect(res.status).toBe(403);
	});
});
