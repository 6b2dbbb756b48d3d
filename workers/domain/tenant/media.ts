import { newSecret } from "../secrets";

/** The image types accepted for upload, with the file extension each is stored under. SVG is not one: it can carry script. */
export const UPLOAD_IMAGE_TYPES = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" } as const;
export type UploadImageType = keyof typeof UPLOAD_IMAGE_TYPES;

export function isUploadImageType(value: string): value is UploadImageType {
	return Object.hasOwn(UPLOAD_IMAGE_TYPES, value);
}

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
	bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/** The image type the bytes' magic numbers say they are, whatever a header claims; null for anything else. */
export function sniffImageType(bytes: Uint8Array): UploadImageType | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
	// "RIFF" <size> "WEBP"
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
		return "image/webp";
	return null;
}

/** Public media is served from `/api/media/<key>`; every key lives under its tenant, `t/<tenantId>/…`. */
export const MEDIA_URL_PREFIX = "/api/media/";

const SERVABLE_KEY = /^t\/[A-Za-z0-9_-]+\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+\.(?:png|jpg|webp)$/;

/** Whether a key may be served publicly: under `t/`, no dot segments, one of our image extensions. */
export function isServableMediaKey(key: string): boolean {
	return SERVABLE_KEY.test(key);
}

/** A fresh, unguessable object key such as `t/<tenantId>/technicians/<id>/<random>.png`. */
export function newMediaKey(tenantId: string, folder: string[], type: UploadImageType): string {
	return ["t", tenantId, ...folder, `${newSecret(18)}.${UPLOAD_IMAGE_TYPES[type]}`].join("/");
}

/**
 * A key for an image only signed-in viewers may fetch (job photos): under `p/`, which the
 * public media route never serves.
 */
export function newPrivateMediaKey(tenantId: string, folder: string[], type: UploadImageType): string {
	return ["p", tenantId, ...folder, `${newSecret(18)}.${UPLOAD_IMAGE_TYPES[type]}`].join("/");
}

/** Largest job photo a customer or dispatcher may attach. */
export const JOB_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export const mediaUrl = (key: string) => `${MEDIA_URL_PREFIX}${key}`;

/** The object key behind a media URL of this tenant, or null when the URL points anywhere else. */
export function tenantMediaKey(url: string | null, tenantId: string): string | null {
	if (!url?.startsWith(MEDIA_URL_PREFIX)) return null;
	const key = url.slice(MEDIA_URL_PREFIX.length);
	return key.startsWith(`t/${tenantId}/`) && isServableMediaKey(key) ? key : null;
}

/** An uploaded image, its type checked against its bytes. */
export type UploadedImage = { bytes: Uint8Array; type: UploadImageType };

/** Where uploaded public images (logos, technician photos) are kept; R2 behind `routes/image-upload.ts`. */
export interface MediaStore {
	/** Stores an image under a fresh key of the tenant in `folder`, answering the key. */
	store(tenantId: string, folder: string[], image: UploadedImage): Promise<string>;
	/** Deletes a replaced image after the answer; a failure only leaves an unreferenced object behind. */
	discard(key: string | null): void;
}

/** An image's intrinsic pixel size, so pages and emails can keep its aspect ratio before it loads. */
export type ImageSize = { width: number; height: number };

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 0x10000 + u16be(b, at + 2);

/** JPEG: the first start-of-frame segment (SOF0–SOF15, not DHT/JPG/DAC) carries height then width. */
function jpegSize(b: Uint8Array): ImageSize | null {
	let at = 2;
	while (at + 9 < b.length) {
		if (b[at] !== 0xff) return null;
		const marker = b[at + 1] ?? 0;
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		const length = u16be(b, at + 2);
		const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrame) return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
		at += 2 + length;
	}
	return null;
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) headers. */
function webpSize(b: Uint8Array): ImageSize | null {
	const chunk = String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0);
	if (chunk === "VP8 ") return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	if (chunk === "VP8L") {
		const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === "VP8X") return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	return null;
}

/** The pixel size an uploaded image declares in its header; null when the header cannot be read. */
export function imageSize(image: UploadedImage): ImageSize | null {
	const b = image.bytes;
	const size =
		image.type === "image/png"
			? { width: u32be(b, 16), height: u32be(b, 20) }
			: image.type === "image/jpeg"
				? jpegSize(b)
				: webpSize(b);
	return size && size.width > 0 && size.height > 0 ? size : null;
}
