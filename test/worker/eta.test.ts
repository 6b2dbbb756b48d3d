import { describe, expect, it } from "vitest";
import type { PositionFix } from "../../workers/contracts/live-messages";
import { ARRIVING_WITHIN_M, estimateEta, ROAD_FACTOR, SPEED_FLOOR_MS } from "../../workers/domain/live/eta";
import { haversineMeters } from "../../workers/domain/live/geo";
import { judgeFrame, MAX_FRAME_BYTES } from "../../workers/domain/live/position-frames";

const DEST = { lat: 40.758, lng: -73.9855 };
const north = (m: number) => DEST.lat + m / 111_320;
const fix = (metersNorth: number, at: number, extra: Partial<PositionFix> = {}): PositionFix => ({
	lat: north(metersNorth),
	lng: DEST.lng,
	accuracy: 10,
	heading: 180,
	speed: 10,
	at,
	...extra,
});

describe("haversineMeters", () => {
	it("measures a known distance: Times Square to the Empire State Building ≈ 1.1 km", () => {
		const d = haversineMeters(DEST, { lat: 40.748817, lng: -73.985428 });
		expect(d).toBeGreaterThan(1000);
		expect(d).toBeLessThan(1100);
	});
});

describe("estimateEta", () => {
	it("is null without a fix or a destination", () => {
		expect(estimateEta([], DEST)).toBeNull();
		expect(estimateEta([fix(1000, 0)], null)).toBeNull();
	});

	it("says arriving within 150 m", () => {
		expect(estimateEta([fix(ARRIVING_WITHIN_M - 5, 0)], DEST)).toMatchObject({ arriving: true, seconds: 0 });
		expect(estimateEta([fix(ARRIVING_WITHIN_M + 50, 0)], DEST)).toMatchObject({ arriving: false });
	});

	it("divides road distance by the smoothed speed", () => {
		const eta = estimateEta([fix(3000, 0), fix(2900, 10_000), fix(2800, 20_000)], DEST);
		expect(eta?.seconds).toBeCloseTo((2800 * ROAD_FACTOR) / 10, -1);
	});

	it("never assumes a speed below the floor, so a van at a red light still has an ETA", () => {
		const eta = estimateEta([fix(1000, 0, { speed: 0 })], DEST);
		expect(eta?.seconds).toBeCloseTo((1000 * ROAD_FACTOR) / SPEED_FLOOR_MS, -1);
	});

	it("derives speed from successive fixes when the phone reports none", () => {
		const eta = estimateEta([fix(2000, 0, { speed: null }), fix(1800, 20_000, { speed: null })], DEST);
		expect(eta?.seconds).toBeCloseTo((1800 * ROAD_FACTOR) / 10, -1);
	});

	it("is confident with steady speed and good GPS, less so otherwise", () => {
		const steady = [fix(3000, 0), fix(2900, 10_000), fix(2800, 20_000)];
		expect(estimateEta(steady, DEST)?.confidence).toBe("high");
		const vague = steady.map((f) => ({ ...f, accuracy: 80 }));
		expect(estimateEta(vague, DEST)?.confidence).toBe("medium");
		const jerky = [
			fix(3000, 0, { speed: 2 }),
			fix(2900, 10_000, { speed: 20 }),
			fix(2800, 20_000, { speed: 1 }),
		];
		expect(estimateEta(jerky, DEST)?.confidence).toBe("low");
		expect(estimateEta([fix(3000, 0)], DEST)?.confidence).toBe("low");
	});
});

describe("judgeFrame", () => {
	const now = 1_800_000_000_000;
	const frame = (position: Partial<PositionFix>) =>
		JSON.stringify({ type: "position", position: { ...fix(500, now), ...position } });

	it("accepts a plausible fix", () => {
		expect(judgeFrame(frame({}), 0, now)).toMatchObject({ accept: true });
	});

	it.each([
		["an oversize frame", "x".repeat(MAX_FRAME_BYTES + 1), "too_large"],
		["binary", new ArrayBuffer(8), "malformed"],
		["not JSON", "{", "malformed"],
		["an unknown type", '{"type":"teleport"}', "malformed"],
		["latitude 91", frame({ lat: 91 }), "implausible"],
		["null island", frame({ lat: 0, lng: 0 }), "implausible"],
		["a fix from an hour ago", frame({ at: now - 3_600_000 }), "implausible"],
		["a fix from the future", frame({ at: now + 3_600_000 }), "implausible"],
	])("drops %s", (_, raw, reason) => {
		expect(judgeFrame(raw as string | ArrayBuffer, 0, now)).toEqual({ accept: false, reason });
	});

	/** Frames at these times (ms after `now`) on one socket: which were accepted. */
	const paced = (times: number[]) => {
		let pace = 0;
		return times.map((t) => {
			const verdict = judgeFrame(frame({ at: now + t }), pace, now + t);
			if (verdict.accept) pace = verdict.paceAt;
			return verdict.accept;
		});
	};

	it("never refuses a phone sending every 2 s, for as long as it sends", () => {
		expect(paced(Array.from({ length: 200 }, (_, i) => i * 2000)).every(Boolean)).toBe(true);
	});

	it("accepts up to three frames that arrive together (sent on time, bunched in transit), then drops", () => {
		expect(paced([0, 2250, 4500, 9000, 9000, 9000, 9000])).toEqual([
			true,
			true,
			true,
			true,
			true,
			true,
			false,
		]);
		// Right after three arrived at once, the fourth waits its 2 s.
		expect(paced([0, 0, 0, 1999])).toEqual([true, true, true, false]);
		expect(paced([0, 0, 0, 2000])).toEqual([true, true, true, true]);
	});

	it("lets a flood through at one frame per 2 s on average", () => {
		const flood = paced(Array.from({ length: 600 }, (_, i) => i * 100)); // 10 per second for 60 s
		const accepted = flood.filter(Boolean).length;
		expect(accepted).toBeLessThanOrEqual(60 / 2 + 3);
		expect(accepted).toBeGreaterThanOrEqual(60 / 2);
	});

	it("accepts a backlog of buffered fixes up to 30 minutes old, oldest first", () => {
		const backlog = JSON.stringify({
			type: "backlog",
			positions: [fix(500, now - 60_000), fix(900, now - 20 * 60_000)],
		});
		const verdict = judgeFrame(backlog, 0, now);
		expect(verdict.accept && verdict.fixes.map((f) => f.at)).toEqual([now - 20 * 60_000, now - 60_000]);
	});
});
