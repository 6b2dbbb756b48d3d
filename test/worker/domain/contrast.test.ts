import { describe, expect, it } from "vitest";
import {
	contrastRatio,
	formatRatio,
	relativeLuminance,
	WCAG_AA_TEXT_RATIO,
} from "../../../workers/domain/tenant/contrast";

describe("relativeLuminance", () => {
	it("is 0 for black, 1 for white, and weighs green far above blue", () => {
		expect(relativeLuminance("#000000")).toBe(0);
		expect(relativeLuminance("#ffffff")).toBe(1);
		expect(relativeLuminance("#00ff00")).toBeCloseTo(0.7152, 4);
		expect(relativeLuminance("#0000ff")).toBeCloseTo(0.0722, 4);
	});

	it("reads upper- and lowercase hex alike", () => {
		expect(relativeLuminance("#0B5394")).toBe(relativeLuminance("#0b5394"));
	});

	it.each(["#fff", "000000", "#gggggg", "#0000000", "red", ""])("refuses %j", (colour) => {
		expect(() => relativeLuminance(colour)).toThrow(RangeError);
	});
});

describe("contrastRatio", () => {
	it("is 21 for black on white, in either order", () => {
		expect(contrastRatio("#000000", "#ffffff")).toBe(21);
		expect(contrastRatio("#ffffff", "#000000")).toBe(21);
	});

	it("is 1 for a colour on itself", () => {
		expect(contrastRatio("#3a6ea5", "#3a6ea5")).toBe(1);
	});

	it.each([
		// Published WCAG ratios (WebAIM's contrast checker shows the same to two decimals).
		["#777777", "#ffffff", 4.48],
		["#767676", "#ffffff", 4.54],
		["#595959", "#ffffff", 7.0],
		["#ff0000", "#ffffff", 4.0],
		["#0000ff", "#ffffff", 8.59],
	])("is %s on %s ≈ %s", (foreground, background, expected) => {
		expect(contrastRatio(foreground, background)).toBeCloseTo(expected, 2);
	});

	it("passes the demo tenants' white on their brand colours and fails a blue on Acme's blue", () => {
		expect(contrastRatio("#ffffff", "#0b5394")).toBeCloseTo(7.84, 2);
		expect(contrastRatio("#ffffff", "#0f6b5c")).toBeCloseTo(6.41, 2);
		expect(contrastRatio("#3a6ea5", "#0b5394")).toBeCloseTo(1.48, 2);
	});

	it("puts #777 just below AA for body text and #767676 just above", () => {
		expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(WCAG_AA_TEXT_RATIO);
		expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(WCAG_AA_TEXT_RATIO);
	});
});

describe("formatRatio", () => {
	it("rounds down to two decimals, so a ratio short of 4.5 never reads 4.50:1", () => {
		expect(formatRatio(4.4999)).toBe("4.49:1");
		expect(formatRatio(contrastRatio("#777777", "#ffffff"))).toBe("4.47:1");
		expect(formatRatio(21)).toBe("21.00:1");
		expect(formatRatio(1)).toBe("1.00:1");
	});
});
