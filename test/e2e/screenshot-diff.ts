// Compares a screenshot with its baseline, pixel by pixel (pixelmatch over PNGs read by pngjs).
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

/** How different a screenshot may be from its baseline and still pass. */
export type Tolerance = {
	/** Per pixel: the colour distance (0–1) under which two pixels count as the same. */
	threshold: number;
	/** Per image: the share of its pixels that may differ. */
	maxDiffRatio: number;
};

/**
 * A pixel counts as changed past pixelmatch's default colour distance (0.1; anti-aliased edges
 * are recognised and not counted), and at most 0.01% of a picture may change — 130 pixels of a
 * 1440×900 page. Run after run on one machine the pages differ by no pixel at all, while the
 * portal's "Book a pickup" button moved down by 1 px changes about 240 and by 2 px about 780
 * (screenshots.test.ts measures both): a share of 0.5% would let a button move 10 px unseen.
 */
export const TOLERANCE: Tolerance = { threshold: 0.1, maxDiffRatio: 0.0001 };

export type Comparison = {
	/** Whether the two are within the tolerance (and of one size). */
	matches: boolean;
	differentPixels: number;
	/** Pixels of the larger of the two pictures. */
	totalPixels: number;
	/** Set when the sizes differ: a page that grew or shrank is a change of layout whatever its pixels. */
	sizeChange?: { baseline: string; actual: string };
	/** The actual picture over the baseline's size, differing pixels in red: for people to look at. */
	diffPng: () => Buffer;
};

/** `png` drawn on a transparent canvas of `width`×`height` (its top left corner at the origin). */
function onCanvas(png: PNG, width: number, height: number): Uint8Array {
	if (png.width === width && png.height === height) return png.data;
	const canvas = new PNG({ width, height });
	PNG.bitblt(png, canvas, 0, 0, png.width, png.height, 0, 0);
	return canvas.data;
}

export function comparePng(baseline: Buffer, actual: Buffer, tolerance: Tolerance = TOLERANCE): Comparison {
	const [expected, got] = [PNG.sync.read(baseline), PNG.sync.read(actual)];
	// Of different sizes, both are laid on the larger canvas, so the diff still shows where.
	const width = Math.max(expected.width, got.width);
	const height = Math.max(expected.height, got.height);
	const diff = new PNG({ width, height });
	const differentPixels = pixelmatch(
		onCanvas(expected, width, height),
		onCanvas(got, width, height),
		diff.data,
		width,
		height,
		{ threshold: tolerance.threshold },
	);
	const totalPixels = width * height;
	const sameSize = expected.width === got.width && expected.height === got.height;
	return {
		matches: sameSize && differentPixels <= tolerance.maxDiffRatio * totalPixels,
		differentPixels,
		totalPixels,
		...(sameSize
			? {}
			: {
					sizeChange: {
						baseline: `${expected.width}×${expected.height}`,
						actual: `${got.width}×${got.height}`,
					},
				}),
		diffPng: () => PNG.sync.write(diff),
	};
}
