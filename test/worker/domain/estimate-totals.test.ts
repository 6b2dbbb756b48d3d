import { describe, expect, it } from "vitest";
import { diffVersions, type VersionContent } from "../../../workers/domain/estimates/change-summary";
import { parseQuantityMilli } from "../../../workers/domain/estimates/quantity";
import { estimateTotals, lineTotalMinor } from "../../../workers/domain/estimates/totals";

const line = (id: string, quantityMilli: number, unitPriceMinor: number, optional = false) => ({
	id,
	quantityMilli,
	unitPriceMinor,
	optional,
});

describe("parseQuantityMilli", () => {
	it("reads decimals with up to three places, as numbers or strings, into thousandths", () => {
		expect(parseQuantityMilli("1.5")).toBe(1500);
		expect(parseQuantityMilli(2)).toBe(2000);
		expect(parseQuantityMilli(0.125)).toBe(125);
		expect(parseQuantityMilli(" 3.25 ")).toBe(3250);
	});

	it("refuses zero, negatives, a fourth decimal, exponents and float noise", () => {
		for (const bad of [0, "0", -1, "1.2345", "1e3", 0.1 + 0.2, "abc", "", Number.NaN, "100001"]) {
			expect(parseQuantityMilli(bad), String(bad)).toBeNull();
		}
	});
});

describe("lineTotalMinor", () => {
	it("rounds quantity × unit price half-up to the minor unit", () => {
		// 1.5 × 1.99 = 2.985 → 2.99
		expect(lineTotalMinor({ quantityMilli: 1500, unitPriceMinor: 199 })).toBe(299);
		// 0.5 × 0.05 = 0.025 → 0.03 (half-up, not banker's)
		expect(lineTotalMinor({ quantityMilli: 500, unitPriceMinor: 5 })).toBe(3);
		// 0.333 × 0.10 = 0.0333 → 0.03
		expect(lineTotalMinor({ quantityMilli: 333, unitPriceMinor: 10 })).toBe(3);
		// the largest line stays exact: 100,000 × 1,000,000.00
		expect(lineTotalMinor({ quantityMilli: 100_000_000, unitPriceMinor: 100_000_000 })).toBe(
			10_000_000_000_000,
		);
	});
});

describe("estimateTotals", () => {
	const lines = [line("a", 1000, 10_000), line("b", 2500, 1_999), line("opt", 1000, 5_000, true)];

	it("takes the discount off the subtotal and taxes the discounted subtotal, half-up once", () => {
		// a 100.00 + b 2.5 × 19.99 = 49.975 → 49.98: subtotal 149.98; less 10.00 → 139.98
		const totals = estimateTotals(lines, { discountMinor: 1_000, taxRateBps: 888 });
		expect(totals.subtotalMinor).toBe(14_998);
		expect(totals.discountMinor).toBe(1_000);
		// 888 bps of 13,998 = 1,243.0224 → 1,243
		expect(totals.taxMinor).toBe(1_243);
		expect(totals.totalMinor).toBe(13_998 + 1_243);
		expect(totals.optionalMinor).toBe(5_000);
	});

	it("rounds tax half-up at exactly half a cent", () => {
		// 50 bps of 100 = 0.5 → 1
		expect(estimateTotals([line("x", 1000, 100)], { discountMinor: 0, taxRateBps: 50 }).taxMinor).toBe(1);
		// 49 bps of 100 = 0.49 → 0
		expect(estimateTotals([line("x", 1000, 100)], { discountMinor: 0, taxRateBps: 49 }).taxMinor).toBe(0);
	});

	it("leaves optional lines out until selected", () => {
		const without = estimateTotals(lines, { discountMinor: 0, taxRateBps: 0 });
		const withOpt = estimateTotals(lines, { discountMinor: 0, taxRateBps: 0 }, ["opt"]);
		expect(withOpt.subtotalMinor - without.subtotalMinor).toBe(5_000);
		expect(withOpt.optionalMinor).toBe(0);
		// Selecting an id that is not optional changes nothing.
		expect(estimateTotals(lines, { discountMinor: 0, taxRateBps: 0 }, ["a"]).subtotalMinor).toBe(
			without.subtotalMinor,
		);
	});

	it("never discounts below zero", () => {
		const totals = estimateTotals([line("x", 1000, 500)], { discountMinor: 900, taxRateBps: 1000 });
		expect(totals.discountMinor).toBe(500);
		expect(totals.totalMinor).toBe(0);
	});
});

describe("diffVersions", () => {
	const base: VersionContent = {
		version: 1,
		title: "Boiler service",
		lines: [
			{
				id: "l1",
				description: "Labour",
				quantityMilli: 2000,
				unitPriceMinor: 8_000,
				totalMinor: 16_000,
				optional: false,
			},
			{
				id: "l2",
				description: "Valve",
				quantityMilli: 1000,
				unitPriceMinor: 4_500,
				totalMinor: 4_500,
				optional: false,
			},
			{
				id: "l3",
				description: "Flush",
				quantityMilli: 1000,
				unitPriceMinor: 9_000,
				totalMinor: 9_000,
				optional: true,
			},
		],
		discountMinor: 0,
		taxRateBps: 0,
		expiresAt: null,
		notes: null,
		terms: "Net 30",
		totals: { subtotalMinor: 20_500, taxMinor: 0, totalMinor: 20_500 },
	};

	it("names each line added, removed, repriced and re-quantified, the fields changed and the totals", () => {
		const next: VersionContent = {
			...base,
			version: 2,
			lines: [
				{ ...base.lines[0], quantityMilli: 1500, totalMinor: 12_000 } as VersionContent["lines"][number],
				{
					...base.lines[1],
					unitPriceMinor: 3_900,
					totalMinor: 3_900,
					description: "Valve (brass)",
				} as VersionContent["lines"][number],
				{
					id: "l4",
					description: "Inhibitor",
					quantityMilli: 1000,
					unitPriceMinor: 1_200,
					totalMinor: 1_200,
					optional: false,
				},
			],
			terms: "Net 15",
			totals: { subtotalMinor: 17_100, taxMinor: 0, totalMinor: 17_100 },
		};
		const s = diffVersions(base, next);
		expect(s.fromVersion).toBe(1);
		expect(s.toVersion).toBe(2);
		expect(s.added).toEqual([{ lineId: "l4", description: "Inhibitor", totalMinor: 1_200, optional: false }]);
		expect(s.removed).toEqual([{ lineId: "l3", description: "Flush", totalMinor: 9_000 }]);
		expect(s.repriced).toEqual([
			{ lineId: "l2", description: "Valve (brass)", fromMinor: 4_500, toMinor: 3_900 },
		]);
		expect(s.quantityChanged).toEqual([{ lineId: "l1", description: "Labour", from: 2, to: 1.5 }]);
		expect(s.edited).toEqual([{ lineId: "l2", description: "Valve (brass)", fields: ["description"] }]);
		expect(s.fields).toEqual(["terms"]);
		expect(s.totalsBefore.totalMinor).toBe(20_500);
		expect(s.totalsAfter.totalMinor).toBe(17_100);
	});

	it("finds nothing between a version and itself", () => {
		const s = diffVersions(base, { ...base, version: 2 });
		expect([s.added, s.removed, s.repriced, s.quantityChanged, s.edited, s.fields].flat()).toEqual([]);
	});
});
