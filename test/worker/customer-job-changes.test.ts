import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { localDate, localDateTime } from "../../workers/domain/time";
import { signIn } from "./auth-helpers";
import { pickupBody } from "./booking-helpers";
import { makeContact } from "./fixtures";
import type { Envelope } from "./helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";
import { auditEntries, consoleSetup, send } from "./staff-helpers";

const HOUR = 3_600_000;
const TZ = "America/New_York";

type CustomerJob = {
	id: string;
	status: string;
	changes: "direct" | "request" | "none";
	windowStart: string;
	stops: Array<{ kind: string; instructions: string | null }>;
	timeline: Array<{ type: string; message: string | null; actor: string | null }>;
};

type Setup = Awaited<ReturnType<typeof consoleSetup>>;

/** A job the dispatcher typed for the signed-in customer, moved to `status` as the board would. */
async function jobFor(s: Setup, status = "unassigned") {
	const res = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
		...pickupBody(),
		customer: { contactId: s.contact.id },
	});
	const { id } = await res.json<{ id: string }>();
	if (status !== "unassigned") {
		await env.DB.prepare("UPDATE jobs SET status = ?, technician_id = ? WHERE id = ?")
			.bind(status, s.tech.id, id)
			.run();
	}
	return id;
}

const cancel = (s: Setup, id: string, body: unknown = {}, cookie = s.customer) =>
	send(`/api/c/${s.tenant.slug}/jobs/${id}/cancel`, cookie, "POST", body);
const changeRequest = (s: Setup, id: string, body: unknown, cookie = s.customer) =>
	send(`/api/c/${s.tenant.slug}/jobs/${id}/change-request`, cookie, "POST", body);

async function alerts(tenantId: string) {
	const { results } = await env.DB.prepare(
		"SELECT kind, job_id, title, body FROM inbox_alerts WHERE tenant_id = ? ORDER BY created_at",
	)
		.bind(tenantId)
		.all<{ kind: string; job_id: string; title: string; body: string | null }>();
	return results;
}

async function jobRow(id: string) {
	return env.DB.prepare("SELECT status, window_start, cancelled_at FROM jobs WHERE id = ?")
		.bind(id)
		.first<{ status: string; window_start: number; cancelled_at: number | null }>();
}

describe("POST /api/c/:slug/jobs/:id/cancel", { timeout: 20_000 }, () => {
	it("cancels before the cutoff: the job, its timeline, the audit log, the inbox and the board at once", async () => {
		const s = await consoleSetup();
		const id = await jobFor(s, "assigned");
		const socket = await openSocket(`/api/d/${s.tenant.slug}/board/live`, s.staff);
		const board = inbox(socket);
		try {
			await board.next((m) => m.type === "hello");
			const res = await cancel(s, id, { reason: "  Meeting moved  " });
			expect(res.status).toBe(200);
			const job = await res.json<CustomerJob>();
			expect(job).toMatchObject({ id, status: "cancelled", changes: "none" });
			expect(job.timeline.at(-1)).toMatchObject({
				type: "cancelled",
				message: "Cancelled: Meeting moved",
				actor: "Cal Client",
			});
			expect(
				await board.next((m) => m.type === "job" && (m.job as { status: string }).status === "cancelled"),
			).toMatchObject({ job: { id } });
			expect(await board.next((m) => m.type === "alert")).toMatchObject({ unread: 1 });
			const [audit] = await auditEntries(s.tenant.id, "job.cancelled");
			expect(audit).toMatchObject({ actor_type: "contact", actor_id: s.contact.id, target_id: id });
			expect(JSON.parse(audit?.data ?? "{}")).toMatchObject({ reason: "Meeting moved", from: "assigned" });
			expect(await alerts(s.tenant.id)).toEqual([
				expect.objectContaining({ kind: "customer_cancelled", job_id: id, body: "Meeting moved" }),
			]);
			// Cancelled once is cancelled: a second try is a conflict, not a second entry.
			expect((await cancel(s, id)).status).toBe(409);
		} finally {
			closeQuietly(socket);
		}
	});

	it("after the cutoff answers 409 past_cutoff, leaves the job as it is and asks the dispatchers", async () => {
		const s = await consoleSetup();
		const id = await jobFor(s, "en_route");
		const before = await send(`/api/c/${s.tenant.slug}/jobs/${id}`, s.customer);
		expect((await before.json<CustomerJob>()).changes).toBe("request");
		const res = await cancel(s, id, { reason: "Not needed" });
		expect(res.status).toBe(409);
		expect((await res.json<Envelope>()).error.code).toBe("past_cutoff");
		expect(await jobRow(id)).toMatchObject({ status: "en_route", cancelled_at: null });
		expect(await alerts(s.tenant.id)).toEqual([
			expect.objectContaining({
				kind: "customer_change_request",
				job_id: id,
				body: "Asked to cancel: Not needed",
			}),
		]);
		expect((await auditEntries(s.tenant.id, "job.change_requested"))[0]).toMatchObject({ target_id: id });
		const after = await (await send(`/api/c/${s.tenant.slug}/jobs/${id}`, s.customer)).json<CustomerJob>();
		expect(after.timeline.at(-1)).toMatchObject({
			type: "change_requested",
			message: "Asked to cancel: Not needed",
		});
	});

	it("follows the tenant's cutoff: with `assigned`, an assigned job is already past it", async () => {
		const s = await consoleSetup();
		const patch = await send(`/api/d/${s.tenant.slug}/settings`, s.adminCookie, "PATCH", {
			customerChangeCutoff: "assigned",
		});
		expect(patch.status).toBe(200);
		const unassigned = await jobFor(s);
		const assigned = await jobFor(s, "assigned");
		expect((await cancel(s, assigned)).status).toBe(409);
		expect((await cancel(s, unassigned)).status).toBe(200);
	});

	it("is 403 for a viewer and 404 for a job of another customer or tenant", async () => {
		const s = await consoleSetup();
		const id = await jobFor(s);
		const viewer = await makeContact(s.tenant, { email: "vi@clinic.example", accountId: s.account.id });
		await env.DB.prepare("UPDATE contacts SET role = 'viewer' WHERE id = ?").bind(viewer.id).run();
		const viewerCookie = await signIn(s.tenant.slug, viewer.email);
		// The viewer sees the account's job they did not book only as an admin would; give them one of their own.
		const own = await send(`/api/d/${s.tenant.slug}/jobs`, s.staff, "POST", {
			...pickupBody(),
			customer: { contactId: viewer.id },
		});
		const ownId = (await own.json<{ id: string }>()).id;
		const seen = await (
			await send(`/api/c/${s.tenant.slug}/jobs/${ownId}`, viewerCookie)
		).json<CustomerJob>();
		expect(seen.changes).toBe("none");
		const refused = await cancel(s, ownId, {}, viewerCookie);
		expect(refused.status).toBe(403);
		expect((await refused.json<Envelope>()).error.code).toBe("forbidden");
		expect((await changeRequest(s, ownId, { instructions: { pickup: "x" } }, viewerCookie)).status).toBe(403);
		// A viewer sees the account's jobs and changes none of them; another tenant's job is 404.
		expect((await cancel(s, id, {}, viewerCookie)).status).toBe(403);
		const other = await consoleSetup();
		const foreign = await jobFor(other);
		expect((await cancel(s, foreign)).status).toBe(404);
		expect((await changeRequest(s, foreign, { instructions: { pickup: "x" } })).status).toBe(404);
		expect((await cancel(s, "job_nope")).status).toBe(404);
		expect(await jobRow(id)).toMatchObject({ status: "unassigned" });
		expect(await jobRow(foreign)).toMatchObject({ status: "unassigned" });
	});

	it("is 400 naming the field for a reason that is too long", async () => {
		const s = await consoleSetup();
		const id = await jobFor(s);
		const res = await cancel(s, id, { reason: "x".repeat(501) });
		expect(res.status).toBe(400);
		expect((await res.json<Envelope>()).error.issues?.[0]?.field).toBe("reason");
	});
});

describe("POST /api/c/:slug/jobs/:id/change-request", { timeout: 20_000 }, () => {
	it("before the cutoff changes the window and instructions, in the timeline, audit log and on the board", async () => {
		const s = await consoleSetup();
		const id = await jobFor(s);
		const socket = await openSocket(`/api/d/${s.tenant.slug}/board/live`, s.staff);
		const board = inbox(socket);
		try {
			await board.next((m) => m.type === "hello");
			const readyAt = localDateTime(Date.now() + 24 * HOUR, TZ);
			const deliverBy = localDateTime(Date.now() + 27 * HOUR, TZ);
			const res = await changeRequest(s, id, {
				window: { readyAt, deliverBy },
				instructions: { dropoff: "Leave with reception" },
			});
			expect(res.status).toBe(200);
			const job = await res.json<CustomerJob>();
			expect(job.changes).toBe("direct");
			expect(job.stops.find((st) => st.kind === "dropoff")?.instructions).toBe("Leave with reception");
			expect(localDateTime(Date.parse(job.windowStart), TZ)).toBe(readyAt);
			expect(job.timeline.at(-1)).toMatchObject({
				type: "updated",
				message: "Details changed: time window, drop-off instructions",
				actor: "Cal Client",
			});
			expect(await board.next((m) => m.type === "job")).toMatchObject({ job: { id } });
			const [audit] = await auditEntries(s.tenant.id, "job.updated");
			expect(audit).toMatchObject({ actor_type: "contact", target_id: id });
			expect(JSON.parse(audit?.data ?? "{}").after).toMatchObject({
				dropoffInstructions: "Leave with reception",
			});
			expect((await alerts(s.tenant.id))[0]).toMatchObject({ kind: "customer_changed", job_id: id });
		} finally {
			closeQuietly(socket);
		}
	});

	it("after the cutoff answers 202, leaves the job as it is and puts the request in the inbox", async () => {
		const s = await consoleSetup();
		const id = await jobFor(s, "in_progress");
		const before = await jobRow(id);
		const res = await changeRequest(s, id, { instructions: { pickup: "Side door" } });
		expect(res.status).toBe(202);
		const job = await res.json<CustomerJob>();
		expect(job.stops.find((st) => st.kind === "pickup")?.instructions).toBe("Mailroom");
		expect(job.timeline.at(-1)).toMatchObject({
			type: "change_requested",
			message: "Asked to change pickup instructions to “Side door”",
		});
		expect(await jobRow(id)).toEqual(before);
		expect(await alerts(s.tenant.id)).toEqual([
			expect.objectContaining({
				kind: "customer_change_request",
				job_id: id,
				body: job.timeline.at(-1)?.message,
			}),
		]);
		expect((await auditEntries(s.tenant.id, "job.change_requested"))[0]).toMatchObject({ target_id: id });
	});

	it("validates the window like a booking and names each field", async () => {
		const s = await consoleSetup();
		const id = await jobFor(s);
		const past = await changeRequest(s, id, {
			window: {
				readyAt: localDateTime(Date.now() - 5 * HOUR, TZ),
				deliverBy: localDateTime(Date.now() + HOUR, TZ),
			},
		});
		expect(past.status).toBe(400);
		expect((await past.json<Envelope>()).error.issues?.map((i) => i.field)).toEqual(["window.readyAt"]);
		const wrongKind = await changeRequest(s, id, {
			window: { preferredFrom: localDate(Date.now(), TZ), preferredTo: localDate(Date.now(), TZ) },
		});
		expect((await wrongKind.json<Envelope>()).error.issues?.map((i) => i.field)).toEqual(
			expect.arrayContaining(["window.preferredFrom"]),
		);
		const oneEnd = await changeRequest(s, id, { window: { readyAt: localDateTime(Date.now() + HOUR, TZ) } });
		expect((await oneEnd.json<Envelope>()).error.issues?.[0]?.field).toBe("window.deliverBy");
		const noStop = await changeRequest(s, id, { instructions: { service: "Back gate" } });
		expect((await noStop.json<Envelope>()).error.issues?.[0]?.field).toBe("instructions.service");
		const nothing = await changeRequest(s, id, {});
		expect(nothing.status).toBe(400);
		expect((await nothing.json<Envelope>()).error.issues?.[0]?.field).toBe("window");
		const long = await changeRequest(s, id, { instructions: { pickup: "x".repeat(1001) } });
		expect((await long.json<Envelope>()).error.issues?.[0]?.field).toBe("instructions.pickup");
		expect(await alerts(s.tenant.id)).toEqual([]);
	});
});
