import { describe, expect, it } from "vitest";
import { formatWindow } from "../../workers/domain/format";
import { dateTimeFormat, numberFormat } from "../../workers/domain/intl-formats";

describe("Intl formatters kept per isolate", () => {
	it("hands back the same formatter for the same language and options, another for other ones", () => {
		const ny = dateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric" });
		expect(dateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric" })).toBe(ny);
		expect(dateTimeFormat("en-US", { timeZone: "Europe/Warsaw", hour: "numeric" })).not.toBe(ny);
		expect(dateTimeFormat("es", { timeZone: "America/New_York", hour: "numeric" })).not.toBe(ny);
		expect(numberFormat("en-US", { style: "currency", currency: "USD" })).toBe(
			numberFormat("en-US", { style: "currency", currency: "USD" }),
		);
	});

	it("formats each zone in its own time, however often asked", () => {
		const at = Date.UTC(2026, 10, 25, 14, 30);
		for (let i = 0; i < 3; i++) {
			expect(formatWindow(at, at + 3_600_000, "America/New_York", "en")).toBe(
				"Wed, Nov 25, 9:30 AM – 10:30 AM EST",
			);
			expect(formatWindow(at, at + 3_600_000, "Europe/Warsaw", "en")).toMatch(
				/^Wed, Nov 25, 3:30 PM – 4:30 PM (GMT\+1|CET)$/,
			);
		}
	});

	it("stays bounded: past its limit it starts over and still answers correctly", () => {
		const first = dateTimeFormat("en-US", {
			timeZone: "UTC",
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
		});
		// 600 distinct formatters (more than it keeps): every offset zone from -12 to +14 hours, by minutes.
		for (let i = 0; i < 600; i++) {
			const minutes = i - 300;
			const zone = `${minutes < 0 ? "-" : "+"}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0")}:${String(Math.abs(minutes) % 60).padStart(2, "0")}`;
			dateTimeFormat("en-US", { timeZone: zone, hour: "numeric" });
		}
		expect(
			dateTimeFormat("en-US", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
		).not.toBe(first);
		expect(
			dateTimeFormat("en-US", {
				timeZone: "UTC",
				hour: "2-digit",
				minute: "2-digit",
				hourCycle: "h23",
			}).format(Date.UTC(2026, 0, 1, 0, 7)),
		).toBe("00:07");
	});
});
