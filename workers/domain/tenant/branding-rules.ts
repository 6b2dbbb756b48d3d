import type { FieldIssue } from "../../errors";
import { contrastRatio, formatRatio, WCAG_AA_TEXT_RATIO } from "./contrast";

export type BrandColors = { primary: string; accent: string; text: string };

/** The page background the portal and console paint on. */
export const PAGE_BACKGROUND = "#ffffff";

/** WCAG 2.x 1.4.11: non-text parts (focus rings, markers) need 3:1 against what is next to them. */
export const WCAG_AA_NON_TEXT_RATIO = 3;

type Pairing = {
	/** The field refused when the pair fails; the first of the pair that changed. */
	fields: Array<keyof BrandColors>;
	foreground: (c: BrandColors) => string;
	background: (c: BrandColors) => string;
	min: number;
	describe: (c: BrandColors, ratio: string, min: number) => string;
};

/**
 * How the front end pairs the brand colours (web/src/shared/styles.css): the text colour on
 * primary backgrounds (header, buttons); the primary as link and heading text on the page;
 * the accent as focus rings and markers on the page.
 */
const PAIRINGS: Pairing[] = [
	{
		fields: ["text", "primary"],
		foreground: (c) => c.text,
		background: (c) => c.primary,
		min: WCAG_AA_TEXT_RATIO,
		describe: (c, ratio, min) =>
			`Text in ${c.text} on ${c.primary} has a contrast of ${ratio}; WCAG AA asks at least ${min}:1.`,
	},
	{
		fields: ["primary"],
		foreground: (c) => c.primary,
		background: () => PAGE_BACKGROUND,
		min: WCAG_AA_TEXT_RATIO,
		describe: (c, ratio, min) =>
			`Links and headings in ${c.primary} on the white page have a contrast of ${ratio}; WCAG AA asks at least ${min}:1.`,
	},
	{
		fields: ["accent"],
		foreground: (c) => c.accent,
		background: () => PAGE_BACKGROUND,
		min: WCAG_AA_NON_TEXT_RATIO,
		describe: (c, ratio, min) =>
			`Focus rings in ${c.accent} on the white page have a contrast of ${ratio}; WCAG AA asks at least ${min}:1.`,
	},
];

/**
 * The contrast failures of new brand colours. Only pairs with a changed colour are judged,
 * so a tenant whose stored colours predate the check can still change anything else; each
 * issue names the changed field (`colors.primary`).
 */
export function brandContrastIssues(
	colors: BrandColors,
	changed: ReadonlySet<keyof BrandColors>,
): FieldIssue[] {
	const issues: FieldIssue[] = [];
	for (const pair of PAIRINGS) {
		const field = pair.fields.find((f) => changed.has(f));
		if (!field) continue;
		const ratio = contrastRatio(pair.foreground(colors), pair.background(colors));
		if (ratio >= pair.min) continue;
		const name = `colors.${field}`;
		if (issues.some((i) => i.field === name)) continue;
		issues.push({
			path: ["colors", field],
			field: name,
			message: pair.describe(colors, formatRatio(ratio), pair.min),
		});
	}
	return issues;
}

/** Whether a code is an ISO 4217 currency this runtime knows. */
export function isCurrencyCode(code: string): boolean {
	return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf("currency").includes(code);
}
