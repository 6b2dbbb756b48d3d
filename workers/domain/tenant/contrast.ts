/** A `#rrggbb` colour. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The contrast WCAG 2.x level AA asks of normal-size text. */
export const WCAG_AA_TEXT_RATIO = 4.5;

/** One sRGB channel (0–255) in linear light, per the WCAG 2.x definition of relative luminance. */
function linearChannel(value: number): number {
	const c = value / 255;
	return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour: 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
	if (!HEX_COLOR.test(hex)) throw new RangeError(`not a #rrggbb colour: ${hex}`);
	const channel = (at: number) => linearChannel(Number.parseInt(hex.slice(at, at + 2), 16));
	return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG 2.x contrast ratio of two `#rrggbb` colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(foreground: string, background: string): number {
	const a = relativeLuminance(foreground);
	const b = relativeLuminance(background);
	return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** A ratio as people read it: rounded down to two decimals, so 4.499 never shows as "4.50:1". */
export function formatRatio(ratio: number): string {
	return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}
