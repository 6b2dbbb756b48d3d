import { describe, expect, it } from "vitest";
import { inboxAlerts } from "../../schema/tables/activity";
import { UNREAD_COUNT_CAP } from "../../workers/domain/jobs/board";
import { signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { db, makeContact } from "./fixtures";
import type { Envelope } from "./helpers";
import { closeQuietly, inbox, openSocket } from "./live-helpers";
import { auditEntries, consoleSetup, PNG_BYTES, send, upload } from "./staff-helpers";

type Alert = { id: string; kind: string; title: string; body: string | null; jobId: string; read: boolean };
type Page = { items: Alert[]; nextCursor: string | null; unread: number };

async function bookedJob() {
	const s = await consoleSetup();
	const job = await (await book(s.tenant.slug, s.customer, pickupBody())).json<{
		id: string;
		number: number;
	}>();
	return { ...s, job };
}

describe("inbox alerts from domain events", () => {
	it("a portal booking, a customer note and a customer photo each raise one, and the board hears the count", async () => {
		const s = await bookedJob();
		const socket = await openSocket(`/api/d/${s.tenant.slug}/board/live`, s.staff);
		const board = inbox(socket);
		try {
			await board.next((m) => m.type === "hello");
			const note = await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/notes`, s.customer, "POST", {
				text: "Ring the side door",
			});
			expect(note.status).toBe(201);
			expect(await board.next((m) => m.type === "alert" && m.unread === 2)).toBeTruthy();
			const photo = await upload(
				`/api/c/${s.tenant.slug}/jobs/${s.job.id}/photos`,
				s.customer,
				PNG_BYTES,
				"image/png",
				"POST",
			);
			expect(photo.status).toBe(201);
			expect(await board.next((m) => m.type === "alert" && m.unread === 3)).toBeTruthy();
		} finally {
			closeQuietly(socket);
		}
		const page = await (await send(`/api/d/${s.tenant.slug}/inbox`, s.staff)).json<Page>();
		expect(page.unread).toBe(3);
		expect(page.items.map((a) => a.kind)).toEqual(["customer_photo", "customer_note", "customer_booking"]);
		expect(page.items[1]).toMatchObject({ jobId: s.job.id, body: "Ring the side door" });
		expect(page.items[1]?.title).toContain("Cal Client (Riverside Clinic) added a note");
		expect(page.items[2]?.title).toBe(
			`Job #${s.job.number}: customer booking from Cal Client (Riverside Clinic)`,
		);
		const portal = await (await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}`, s.customer)).json<{
			timeline: Array<{ type: string; message: string }>;
		}>();
		expect(portal.timeline.map((e) => e.type)).toEqual(["created", "customer_note", "customer_photo"]);
		expect((await auditEntries(s.tenant.id, "job.photo_added")).length).toBe(1);
	});

	it("serves a customer's photo back to them and to staff with its type and nosniff", async () => {
		const s = await bookedJob();
		const photo = await (
			await upload(
				`/api/c/${s.tenant.slug}/jobs/${s.job.id}/photos`,
				s.customer,
				PNG_BYTES,
				"image/png",
				"POST",
			)
		).json<{ id: string; url: string }>();
		const mine = await send(photo.url, s.customer);
		expect(mine.status).toBe(200);
		expect(mine.headers.get("Content-Type")).toBe("image/png");
		expect(mine.headers.get("X-Content-Type-Options")).toBe("nosniff");
		expect(new Uint8Array(await mine.arrayBuffer())).toEqual(PNG_BYTES);
		const list = await (await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/photos`, s.customer)).json<
			Array<{ id: string }>
		>();
		expect(list.map((p) => p.id)).toEqual([photo.id]);
		const staffView = await send(`/api/d/${s.tenant.slug}/jobs/${s.job.id}/photos/${photo.id}`, s.staff);
		expect(staffView.status).toBe(200);
	});

	it("refuses photos that are not what they claim, too large, or of another type", async () => {
		const s = await bookedJob();
		const path = `/api/c/${s.tenant.slug}/jobs/${s.job.id}/photos`;
		const svg = new TextEncoder().encode("<svg onload=alert(1)></svg>");
		expect((await upload(path, s.customer, svg, "image/svg+xml", "POST")).status).toBe(415);
		expect((await upload(path, s.customer, svg, "image/png", "POST")).status).toBe(400);
		expect((await upload(path, s.customer, PNG_BYTES, "image/jpeg", "POST")).status).toBe(400);
		const huge = new Uint8Array(5 * 1024 * 1024 + 1);
		huge.set(PNG_BYTES);
		expect((await upload(path, s.customer, huge, "image/png", "POST")).status).toBe(413);
		const page = await (await send(`/api/d/${s.tenant.slug}/inbox`, s.staff)).json<Page>();
		expect(page.items.map((a) => a.kind)).toEqual(["customer_booking"]);
	});

	it("is 404 for a customer who cannot see the job, and nothing is written", async () => {
		const s = await bookedJob();
		await makeContact(s.tenant, { email: "stranger@else.example", name: "Stranger" });
		const stranger = await signIn(s.tenant.slug, "stranger@else.example");
		const note = await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/notes`, stranger, "POST", {
			text: "hi",
		});
		expect(note.status).toBe(404);
		const photo = await upload(
			`/api/c/${s.tenant.slug}/jobs/${s.job.id}/photos`,
			stranger,
			PNG_BYTES,
			"image/png",
			"POST",
		);
		expect(photo.status).toBe(404);
		expect((await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/photos`, stranger)).status).toBe(404);
		const empty = await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/notes`, s.customer, "POST", {
			text: " ",
		});
		expect((await empty.json<Envelope>()).error.issues?.[0]?.field).toBe("text");
		const page = await (await send(`/api/d/${s.tenant.slug}/inbox`, s.staff)).json<Page>();
		expect(page.unread).toBe(1);
	});
});

describe("reading the inbox", () => {
	it("pages newest first by cursor, marks one read and then all, pushing the count", async () => {
		const s = await bookedJob();
		for (const text of ["one", "two", "three"]) {
			await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/notes`, s.customer, "POST", { text });
		}
		const first = await (await send(`/api/d/${s.tenant.slug}/inbox?limit=2`, s.staff)).json<Page>();
		expect(first.items.map((a) => a.body)).toEqual(["three", "two"]);
		const second = await (
			await send(`/api/d/${s.tenant.slug}/inbox?limit=2&cursor=${first.nextCursor}`, s.staff)
		).json<Page>();
		expect(second.items.map((a) => a.kind)).toEqual(["customer_note", "customer_booking"]);
		expect(second.nextCursor).toBeNull();
		const socket = await openSocket(`/api/d/${s.tenant.slug}/board/live`, s.staff);
		const board = inbox(socket);
		try {
			await board.next((m) => m.type === "hello");
			const read = await send(`/api/d/${s.tenant.slug}/inbox/${first.items[0]?.id}/read`, s.staff, "POST");
			expect((await read.json<Alert>()).read).toBe(true);
			expect(await board.next((m) => m.type === "alert" && m.unread === 3)).toBeTruthy();
			const unread = await send(`/api/d/${s.tenant.slug}/inbox?unread=1`, s.staff);
			expect((await unread.json<Page>()).items).toHaveLength(3);
			const all = await send(`/api/d/${s.tenant.slug}/inbox/read-all`, s.staff, "POST");
			expect(await all.json()).toEqual({ unread: 0 });
			expect(await board.next((m) => m.type === "alert" && m.unread === 0)).toBeTruthy();
			const count = await send(`/api/d/${s.tenant.slug}/inbox/unread-count`, s.staff);
			expect(await count.json()).toEqual({ unread: 0 });
		} finally {
			closeQuietly(socket);
		}
	});

	it("stops counting unread alerts at the cap the badge shows as 99+", async () => {
		const s = await consoleSetup();
		const now = Date.now();
		const alerts = Array.from({ length: UNREAD_COUNT_CAP + 20 }, (_, i) => ({
			id: `alr_${crypto.randomUUID()}`,
			tenantId: s.tenant.id,
			kind: "customer_note" as const,
			title: `Note ${i}`,
			createdAt: now - i,
		}));
		for (let i = 0; i < alerts.length; i += 10) await db.insert(inboxAlerts).values(alerts.slice(i, i + 10));
		const page = await (await send(`/api/d/${s.tenant.slug}/inbox`, s.staff)).json<Page>();
		expect(page.unread).toBe(UNREAD_COUNT_CAP);
	});

	it("keeps the unread count exact through new alerts, reads, a second read, read-all and another tenant's", async () => {
		const s = await bookedJob();
		const other = await bookedJob();
		const count = async (t: typeof s) =>
			(await (await send(`/api/d/${t.tenant.slug}/inbox/unread-count`, t.staff)).json<{ unread: number }>())
				.unread;
		for (const text of ["one", "two", "three"]) {
			await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/notes`, s.customer, "POST", { text });
		}
		const page = await (await send(`/api/d/${s.tenant.slug}/inbox`, s.staff)).json<Page>();
		expect(page.unread).toBe(4);
		const [newest] = page.items;
		for (let i = 0; i < 2; i++) {
			const read = await send(`/api/d/${s.tenant.slug}/inbox/${newest?.id}/read`, s.staff, "POST");
			expect((await read.json<Alert>()).read).toBe(true);
			expect(await count(s)).toBe(3);
		}
		const theirs = (await (await send(`/api/d/${other.tenant.slug}/inbox`, other.staff)).json<Page>())
			.items[0];
		const foreign = await send(`/api/d/${s.tenant.slug}/inbox/${theirs?.id}/read`, s.staff, "POST");
		expect(foreign.status).toBe(404);
		expect(await count(other)).toBe(1);
		expect(await (await send(`/api/d/${s.tenant.slug}/inbox/read-all`, s.staff, "POST")).json()).toEqual({
			unread: 0,
		});
		await send(`/api/c/${s.tenant.slug}/jobs/${s.job.id}/notes`, s.customer, "POST", { text: "four" });
		expect(await count(s)).toBe(1);
		const board = await (await send(`/api/d/${s.tenant.slug}/board`, s.staff)).json<{
			unreadAlerts: number;
		}>();
		expect(board.unreadAlerts).toBe(1);
		expect(await count(other)).toBe(1);
	});

	it("reads a page in index order and the count from one row, however many are unread", async () => {
		const s = await consoleSetup();
		const now = Date.now();
		// Pairs of alerts share a timestamp, so the page's order needs the id to break ties.
		const alerts = Array.from({ length: 60 }, (_, i) => ({
			id: `alr_${String(i).padStart(3, "0")}${crypto.randomUUID().slice(0, 8)}`,
			tenantId: s.tenant.id,
			kind: "customer_note" as const,
			title: `Note ${i}`,
			createdAt: now - Math.floor(i / 2),
		}));
		for (let i = 0; i < alerts.length; i += 10) await db.insert(inboxAlerts).values(alerts.slice(i, i + 10));
		const bench = { "X-Bench-D1": "1" };
		const res = await send(`/api/d/${s.tenant.slug}/inbox?limit=30`, s.staff, "GET", undefined, bench);
		const trace = res.headers.get("X-D1-Trace") ?? "";
		const first = await res.json<Page>();
		expect(first.unread).toBe(60);
		expect(Number(/select:inbox_alerts=(\d+)/.exec(trace)?.[1])).toBeLessThanOrEqual(31);
		expect(Number(/select:inbox_unread_counts=(\d+)/.exec(trace)?.[1])).toBeLessThanOrEqual(1);
		const second = await (
			await send(`/api/d/${s.tenant.slug}/inbox?limit=30&cursor=${first.nextCursor}`, s.staff)
		).json<Page>();
		const newestFirst = [...alerts]
			.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
			.map((a) => a.id);
		expect([...first.items, ...second.items].map((a) => a.id)).toEqual(newestFirst);
		expect(second.nextCursor).toBeNull();
	});
});
