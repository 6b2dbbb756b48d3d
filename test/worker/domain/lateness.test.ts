import { describe, expect, it } from "vitest";
import { isLate } from "../../../workers/domain/jobs/lateness";

const now = Date.parse("2026-11-25T15:00:00Z");

describe("isLate", () => {
	it("is late once the window has ended and the job is not done", () => {
		for (const status of ["unassigned", "assigned", "en_route", "in_progress", "paused"] as const)
			expect(isLate({ status, windowEnd: "2026-11-25T14:59:00Z" }, now)).toBe(true);
	});

	it("is not late while the window is open, without a window, or once the job is over", () => {
		expect(isLate({ status: "assigned", windowEnd: "2026-11-25T15:30:00Z" }, now)).toBe(false);
		expect(isLate({ status: "assigned", windowEnd: null }, now)).toBe(false);
		expect(isLate({ status: "completed", windowEnd: "2026-11-25T10:00:00Z" }, now)).toBe(false);
		expect(isLate({ status: "cancelled", windowEnd: "2026-11-25T10:00:00Z" }, now)).toBe(false);
	});
});
