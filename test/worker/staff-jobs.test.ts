import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { localDateTime } from "../../workers/domain/time";
import { pickupBody } from "./booking-helpers";
import type { Envelope } from "./helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";
import { auditEntries, consoleSetup, send } from "./staff-helpers";

const HOUR = 3_600_000;
type StaffJob = {
	id: string;
	status: string;
	source: string;
	reference: string | null;
	windowStart: string;
	customer: { contactId: string | null; email: string | null; name: string | null };
	stops: Array<{ kind: string; line1: string }>;
	timeline: Array<{ type: string; actor: string | null; message: string | null; visibleToCustomer: boolean }>;
};

describe("POST /api/d/:slug/jobs", () => {
	it("creates an unassigned dispatcher job linked to the contact by normalized email, live on the board", async () => {
		const s = await consoleSetup();
		const socket = await openSocket(`/api/d/${s.tenant.slug}/board/live`, s.staff);
		const board = inbox(socket);
		try {
			await board.next((m) => m.type === "hello");
			const res = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
				...pickupBody({ reference: "PO-77" }),
				customer: { name: "Cal", email: "  CAL.client@clinic.EXAMPLE " },
			});
			expect(res.status).toBe(201);
			const job = await res.json<StaffJob>();
			expect(job).toMatchObject({ status: "unassigned", source: "dispatcher", reference: "PO-77" });
			expect(job.customer.contactId).toBe(s.contact.id);
			expect(job.timeline).toEqual([
				expect.objectContaining({
					type: "created",
					actor: "Dot Dispatcher",
					message: "Booked by the dispatcher",
				}),
			]);
			expect(await board.next((m) => m.type === "job")).toMatchObject({
				job: { id: job.id, source: "dispatcher" },
			});
			const audit = await auditEntries(s.tenant.id, "job.created");
			expect(audit[0]).toMatchObject({ actor_type: "staff", actor_id: s.dispatcher.id, target_id: job.id });
			// The customer sees it in the portal.
			expect((await send(`/api/c/${s.tenant.slug}/jobs/${job.id}`, s.customer)).status).toBe(200);
		} finally {
			closeQuietly(socket);
		}
	});

	it("applies the portal's validation, naming each field, and needs a customer", async () => {
		const s = await consoleSetup();
		const past = localDateTime(Date.now() - 5 * HOUR, "America/New_York");
		const res = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
			...pickupBody({ readyAt: past }),
			pickup: { address: { line1: "", city: "New York" } },
			customer: { email: "not an email" },
		});
		expect(res.status).toBe(400);
		const fields = (await res.json<Envelope>()).error.issues?.map((i) => i.field);
		expect(fields).toEqual(expect.arrayContaining(["pickup.address.line1", "customer.email"]));
		const window = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
			...pickupBody({ readyAt: past }),
			customer: { contactId: s.contact.id },
		});
		expect(window.status).toBe(400);
		expect((await window.json<Envelope>()).error.issues?.[0]?.field).toBe("readyAt");
		const unknown = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
			...pickupBody(),
			customer: { contactId: "con_nope" },
		});
		expect((await unknown.json<Envelope>()).error.issues?.[0]?.field).toBe("customer.contactId");
	});

	it("with an Idempotency-Key, a retry answers the first job and another body is 422", async () => {
		const s = await consoleSetup();
		const body = { ...pickupBody(), customer: { contactId: s.contact.id } };
		const headers = { "Idempotency-Key": crypto.randomUUID() };
		const first = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", body, headers);
		const again = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", body, headers);
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.headers.get("Idempotent-Replayed")).toBe("true");
		expect((await again.json<StaffJob>()).id).toBe((await first.json<StaffJob>()).id);
		const other = await send(
			`/api/d/${s.tenant.slug}/jobs`,
			s.staff,
			"POST",
			{ ...body, reference: "X" },
			headers,
		);
		expect(other.status).toBe(422);
		const count = await env.DB.prepare("SELECT count(*) n FROM jobs WHERE tenant_id = ?")
			.bind(s.tenant.id)
			.first<{ n: number }>();
		expect(count?.n).toBe(1);
	});
});

async function newJob(s: Awaited<ReturnType<typeof consoleSetup>>) {
	const res = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
		...pickupBody(),
		customer: { contactId: s.contact.id },
	});
	return res.json<StaffJob>();
}

describe("PATCH /api/d/:slug/jobs/:id", () => {
	it("changes reference, window and a stop, recorded in the timeline and audit log", async () => {
		const s = await consoleSetup();
		const job = await newJob(s);
		const readyAt = localDateTime(Date.now() + 2 * HOUR, "America/New_York");
		const deliverBy = localDateTime(Date.now() + 6 * HOUR, "America/New_York");
		const res = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}`, s.staff, "PATCH", {
			reference: "PO-NEW",
			readyAt,
			deliverBy,
			dropoff: { address: { line1: "1 Police Plaza", city: "New York" } },
		});
		expect(res.status).toBe(200);
		const edited = await res.json<StaffJob>();
		expect(edited.reference).toBe("PO-NEW");
		expect(edited.windowStart).not.toBe(job.windowStart);
		expect(edited.stops[1]?.line1).toBe("1 Police Plaza");
		expect(edited.timeline.at(-1)).toMatchObject({
			type: "updated",
			actor: "Dot Dispatcher",
			message: "Details changed: reference, time window, drop-off",
		});
		const [audit] = await auditEntries(s.tenant.id, "job.updated");
		expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({
			before: { reference: job.reference },
			after: { reference: "PO-NEW" },
		});
	});

	it("refuses fields of the other kind and half a window with 400 naming them", async () => {
		const s = await consoleSetup();
		const job = await newJob(s);
		const res = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}`, s.staff, "PATCH", {
			preferredFrom: "2030-01-01",
			readyAt: localDateTime(Date.now() + 2 * HOUR, "America/New_York"),
		});
		expect(res.status).toBe(400);
		const fields = (await res.json<Envelope>()).error.issues?.map((i) => i.field);
		expect(fields).toEqual(["preferredFrom", "deliverBy"]);
	});
});

describe("POST /api/d/:slug/jobs/:id/cancel", () => {
	it("cancels with a reason the customer sees, and a cancelled job no longer changes", async () => {
		const s = await consoleSetup();
		const job = await newJob(s);
		expect((await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/cancel`, s.staff, "POST", {})).status).toBe(
			400,
		);
		const res = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/cancel`, s.staff, "POST", {
			reason: "Office closed today",
		});
		expect(res.status).toBe(200);
		expect((await res.json<StaffJob>()).status).toBe("cancelled");
		const portal = await (await send(`/api/c/${s.tenant.slug}/jobs/${job.id}`, s.customer)).json<StaffJob>();
		expect(portal.timeline.at(-1)).toMatchObject({
			type: "cancelled",
			message: "Cancelled: Office closed today",
		});
		expect((await auditEntries(s.tenant.id, "job.cancelled"))[0]?.actor_id).toBe(s.dispatcher.id);
		const edit = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}`, s.staff, "PATCH", {
			reference: "late",
		});
		expect(edit.status).toBe(409);
		const again = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/cancel`, s.staff, "POST", {
			reason: "x",
		});
		expect(again.status).toBe(409);
	});
});

describe("GET /api/d/:slug/jobs/:id", () => {
	it("shows staff notes, which customers never see", async () => {
		const s = await consoleSetup();
		const job = await newJob(s);
		const noted = await send(`/api/d/${s.tenant.slug}/jobs/${job.id}/notes`, s.staff, "POST", {
			text: "Customer is difficult about parking",
		});
		expect(noted.status).toBe(201);
		const detail = await (await send(`/api/d/${s.tenant.slug}/jobs/${job.id}`, s.staff)).json<StaffJob>();
		expect(detail.timeline.at(-1)).toMatchObject({ type: "staff_note", visibleToCustomer: false });
		const portal = await (await send(`/api/c/${s.tenant.slug}/jobs/${job.id}`, s.customer)).json<StaffJob>();
		expect(portal.timeline.map((e) => e.type)).toEqual(["created"]);
	});
});
