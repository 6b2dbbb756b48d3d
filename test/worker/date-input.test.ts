import { describe, expect, it } from "vitest";
import { CalendarDate, WallClockTime } from "../../workers/contracts/dates";
import { bookingWindow } from "../../workers/domain/jobs/booking-rules";
import { localDate, localDateTime, localDayBounds } from "../../workers/domain/time";
import { signIn } from "./auth-helpers";
import { book, pickupBody } from "./booking-helpers";
import { makeContact, makeTenant } from "./fixtures";
import { call, type Envelope } from "./helpers";
import { consoleSetup, send } from "./staff-helpers";

const tz = "America/New_York";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IMPOSSIBLE = ["2026-13-45", "2026-02-30", "0000-00-00", "2026-04-31", "1969-12-31", "9999-12-31"];

/** The 400 envelope naming exactly these fields. */
async function expectFieldsRefused(res: Response, fields: string[]) {
	expect(res.status).toBe(400);
	const body = await res.json<Envelope>();
	expect(body.error.code).toBe("validation_failed");
	expect([...new Set(body.error.issues?.map((i) => i.field))].sort()).toEqual([...fields].sort());
}

describe("CalendarDate", () => {
	it("takes real days, leap days included, and nothing else", () => {
		for (const day of ["2026-11-25", "2028-02-29", "2026-12-31", "1970-01-01"])
			expect(CalendarDate.safeParse(day).success, day).toBe(true);
		for (const day of [...IMPOSSIBLE, "2027-02-29", "2026-1-5", "2026-11-25T09:30", " 2026-11-25", ""])
			expect(CalendarDate.safeParse(day).success, day).toBe(false);
	});

	it("takes wall-clock times of real days only", () => {
		expect(WallClockTime.safeParse("2026-11-25T23:59").success).toBe(true);
		for (const at of ["2026-02-30T09:30", "2026-11-25T24:00", "2026-11-25T09:60", "9999-12-31T23:59"])
			expect(WallClockTime.safeParse(at).success, at).toBe(false);
	});
});

describe("localDayBounds", () => {
	it("reads whole days in the zone, across a daylight-saving change", () => {
		expect(localDayBounds({ from: "2026-03-08", to: "2026-03-08" }, tz)).toEqual({
			from: Date.parse("2026-03-08T05:00:00Z"),
			to: Date.parse("2026-03-09T04:00:00Z"),
		});
		// Santiago skips midnight when summer time starts: the day begins at 01:00.
		expect(localDayBounds({ from: "2026-09-06" }, "America/Santiago").from).toBe(
			Date.parse("2026-09-06T04:00:00Z"),
		);
	});
});

describe("GET /api/c/:slug/jobs and GET /api/d/:slug/audit(.csv) with impossible dates", () => {
	it("answers 400 naming from or to, never 500 and never an ignored filter", async () => {
		const s = await consoleSetup();
		const lists = [
			{ path: `/api/c/${s.tenant.slug}/jobs`, cookie: s.customer },
			{ path: `/api/d/${s.tenant.slug}/audit`, cookie: s.staff },
			{ path: `/api/d/${s.tenant.slug}/audit.csv`, cookie: s.staff },
		];
		for (const { path, cookie } of lists) {
			for (const day of IMPOSSIBLE) {
				for (const field of ["from", "to"]) {
					const res = await call(`${path}?${field}=${day}`, { headers: { Cookie: cookie } });
					await expectFieldsRefused(res, [field]);
				}
			}
			const both = await call(`${path}?from=2026-02-30&to=2026-13-45`, { headers: { Cookie: cookie } });
			await expectFieldsRefused(both, ["from", "to"]);
			const fine = await call(`${path}?from=2028-02-29&to=2028-02-29`, { headers: { Cookie: cookie } });
			expect(fine.status).toBe(200);
		}
	});
});

describe("bookingWindow", () => {
	const now = Date.parse("2026-06-01T12:00:00Z");

	it("bounds both ends of a pickup window to a year ahead", () => {
		const result = bookingWindow(
			{
				kind: "pickup_delivery",
				readyAt: localDateTime(now + HOUR, tz),
				deliverBy: localDateTime(now + 400 * DAY, tz),
			},
			tz,
			now,
		);
		expect(result).toEqual({
			ok: false,
			issues: [{ path: ["deliverBy"], field: "deliverBy", message: "Book at most a year ahead." }],
		});
	});

	it("bounds the last preferred day of a service call to a year ahead", () => {
		const result = bookingWindow(
			{
				kind: "service_call",
				preferredFrom: localDate(now + DAY, tz),
				preferredTo: localDate(now + 400 * DAY, tz),
			},
			tz,
			now,
		);
		expect(result).toEqual({
			ok: false,
			issues: [{ path: ["preferredTo"], field: "preferredTo", message: "Book at most a year ahead." }],
		});
		const lastDay = bookingWindow(
			{
				kind: "service_call",
				preferredFrom: localDate(now + DAY, tz),
				preferredTo: localDate(now + 364 * DAY, tz),
			},
			tz,
			now,
		);
		expect(lastDay.ok).toBe(true);
	});
});

describe("window ends centuries ahead", () => {
	const far = ["2999-12-31T23:59", "9999-12-31T23:59", "2300-01-01T10:00"];

	it("are refused on a booking, naming the field", async () => {
		const tenant = await makeTenant({ jobKinds: ["pickup_delivery", "service_call"] });
		await makeContact(tenant, { email: "far@firm.example" });
		const cookie = await signIn(tenant.slug, "far@firm.example");
		for (const deliverBy of far)
			await expectFieldsRefused(await book(tenant.slug, cookie, pickupBody({ deliverBy })), ["deliverBy"]);
		for (const preferredTo of far.map((at) => at.slice(0, 10))) {
			const res = await book(tenant.slug, cookie, {
				kind: "service_call",
				service: { address: { line1: "1 Main St", city: "Springfield" } },
				preferredFrom: localDate(Date.now() + DAY, tz),
				preferredTo,
				description: "Leak",
			});
			await expectFieldsRefused(res, ["preferredTo"]);
		}
	});

	it("are refused on a dispatcher's new job and on an edit, naming the field", async () => {
		const s = await consoleSetup();
		const jobs = `/api/d/${s.tenant.slug}/jobs`;
		const customer = { contactId: s.contact.id };
		for (const deliverBy of far) {
			const res = await send(jobs, s.staff, "POST", { ...pickupBody({ deliverBy }), customer });
			await expectFieldsRefused(res, ["deliverBy"]);
		}
		const created = await send(jobs, s.staff, "POST", { ...pickupBody(), customer });
		expect(created.status).toBe(201);
		const job = await created.json<{ id: string; windowEnd: string }>();
		for (const deliverBy of far) {
			const res = await send(`${jobs}/${job.id}`, s.staff, "PATCH", {
				readyAt: localDateTime(Date.now() + 2 * HOUR, tz),
				deliverBy,
			});
			await expectFieldsRefused(res, ["deliverBy"]);
		}
		const read = await send(`${jobs}/${job.id}`, s.staff);
		expect((await read.json<{ windowEnd: string }>()).windowEnd).toBe(job.windowEnd);
	});
});
