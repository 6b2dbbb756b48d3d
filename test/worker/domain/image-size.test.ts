import { describe, expect, it } from "vitest";
import { imageSize } from "../../../workers/domain/tenant/media";
import { logoImage } from "../../../workers/email/templates/layout";

const png = (width: number, height: number) => {
	const b = new Uint8Array(33);
	b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
	new DataView(b.buffer).setUint32(16, width);
	new DataView(b.buffer).setUint32(20, height);
	return b;
};

/** SOI, an APP0 segment to skip, then a baseline frame header (SOF0) with height before width. */
const jpeg = (width: number, height: number) =>
	Uint8Array.from([
		0xff,
		0xd8,
		0xff,
		0xe0,
		0x00,
		0x06,
		0x4a,
		0x46,
		0x49,
		0x46,
		0xff,
		0xc4,
		0x00,
		0x04,
		0x00,
		0x00,
		0xff,
		0xc0,
		0x00,
		0x11,
		0x08,
		height >> 8,
		height & 0xff,
		width >> 8,
		width & 0xff,
		0x03,
		0,
		0,
		0,
		0,
		0,
	]);

const webp = (chunk: string, payload: number[]) => {
	const b = new Uint8Array(30 + payload.length);
	b.set([..."RIFF"].map((c) => c.charCodeAt(0)));
	b.set(
		[..."WEBP"].map((c) => c.charCodeAt(0)),
		8,
	);
	b.set(
		[...chunk].map((c) => c.charCodeAt(0)),
		12,
	);
	b.set(payload, 20);
	return b;
};

describe("imageSize", () => {
	it("reads a PNG's IHDR", () => {
		expect(imageSize({ type: "image/png", bytes: png(300, 75) })).toEqual({ width: 300, height: 75 });
	});

	it("reads a JPEG's frame header, skipping the segments before it (a Huffman table is no frame)", () => {
		expect(imageSize({ type: "image/jpeg", bytes: jpeg(1200, 300) })).toEqual({ width: 1200, height: 300 });
	});

	it("reads lossy, lossless and extended WebP headers", () => {
		// VP8: frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height, little-endian.
		const lossy = webp("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, 0x2c, 0x01, 0x4b, 0x00]);
		expect(imageSize({ type: "image/webp", bytes: lossy })).toEqual({ width: 300, height: 75 });
		// VP8L: signature 0x2f, then (width-1) in 14 bits and (height-1) in the next 14.
		const bits = 299 | (74 << 14);
		const lossless = webp("VP8L", [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]);
		expect(imageSize({ type: "image/webp", bytes: lossless })).toEqual({ width: 300, height: 75 });
		// VP8X: flags (4 bytes), then canvas width-1 and height-1 in 24 bits each.
		const extended = webp("VP8X", [0, 0, 0, 0, 43, 1, 0, 74, 0, 0]);
		expect(imageSize({ type: "image/webp", bytes: extended })).toEqual({ width: 300, height: 75 });
	});

	it("answers null for a header it cannot read rather than a made-up size", () => {
		expect(imageSize({ type: "image/png", bytes: png(0, 75) })).toBeNull();
		expect(imageSize({ type: "image/jpeg", bytes: Uint8Array.from([0xff, 0xd8, 0xff]) })).toBeNull();
		expect(imageSize({ type: "image/webp", bytes: webp("ALPH", []) })).toBeNull();
	});
});

describe("the email logo", () => {
	it("keeps a wide wordmark's aspect ratio at 32 px high", () => {
		expect(logoImage("https://x.example/l.png", { width: 300, height: 75 })).toContain(
			'width="128" height="32"',
		);
	});

	it("fits a very wide logo into 160 px, scaling the height with it", () => {
		expect(logoImage("https://x.example/l.png", { width: 800, height: 100 })).toContain(
			'width="160" height="20"',
		);
	});

	it("sets only the height when the size is unknown, so clients scale the width", () => {
		const html = logoImage("https://x.example/l.png", null);
		expect(html).toContain('height="32"');
		expect(html).not.toContain("width=");
	});
});
