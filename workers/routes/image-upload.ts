import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import {
	isUploadImageType,
	type MediaStore,
	newMediaKey,
	sniffImageType,
	UPLOAD_IMAGE_TYPES,
	type UploadedImage,
	type UploadImageType,
} from "../domain/tenant/media";
import { AppError } from "../errors";

const TYPE_LABEL: Record<UploadImageType, string> = {
	"image/png": "PNG",
	"image/jpeg": "JPEG",
	"image/webp": "WebP",
};

const sizeLabel = (bytes: number) =>
	bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/** The OpenAPI description of a raw image body. */
export function imageBody(maxBytes: number) {
	const schema = z.string().openapi({ type: "string", format: "binary" });
	return {
		description: `The raw image bytes, PNG, JPEG or WebP, at most ${sizeLabel(maxBytes)}; the Content-Type must match the bytes.`,
		required: true,
		content: Object.fromEntries(Object.keys(UPLOAD_IMAGE_TYPES).map((type) => [type, { schema }])),
	};
}

/** Reads a body, giving up as soon as it passes `maxBytes` (a missing or lying Content-Length included). */
export async function readAtMost(
	body: ReadableStream<Uint8Array> | null,
	maxBytes: number,
): Promise<Uint8Array | null> {
	if (!body) return new Uint8Array();
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return bytes;
}

/**
 * The uploaded image: 415 unless the Content-Type is PNG, JPEG or WebP, 413 past `maxBytes`,
 * 400 when the bytes' magic numbers are not that type (a renamed SVG or HTML file).
 */
export async function readImageUpload(c: Context<AppEnv>, maxBytes: number): Promise<UploadedImage> {
	const declared = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (!isUploadImageType(declared)) {
		throw new AppError(415, "unsupported_media_type", "Upload a PNG, JPEG or WebP image.");
	}
	const tooLarge = () =>
		new AppError(413, "payload_too_large", `The image is too large; the limit is ${sizeLabel(maxBytes)}.`);
	if (Number(c.req.header("Content-Length")) > maxBytes) throw tooLarge();
	const bytes = await readAtMost(c.req.raw.body, maxBytes);
	if (!bytes) throw tooLarge();
	if (bytes.byteLength === 0) throw new AppError(400, "bad_request", "The request carries no image.");
	const actual = sniffImageType(bytes);
	if (actual !== declared) {
		throw new AppError(
			400,
			"bad_request",
			actual
				? `The file is a ${TYPE_LABEL[actual]} image but was sent as ${TYPE_LABEL[declared]}.`
				: `The file is not a ${TYPE_LABEL[declared]} image.`,
		);
	}
	return { bytes, type: declared };
}

/** The tenant's public images in R2 (`MEDIA`), as the workflows that replace one use them. */
export function mediaStore(c: Context<AppEnv>): MediaStore {
	return {
		async store(tenantId, folder, image) {
			const key = newMediaKey(tenantId, folder, image.type);
			await c.env.MEDIA.put(key, image.bytes, { httpMetadata: { contentType: image.type } });
			return key;
		},
		discard(key) {
			if (!key) return;
			c.executionCtx.waitUntil(
				c.env.MEDIA.delete(key).catch((err: unknown) =>
					console.error("media delete failed", { key, err: String(err) }),
				),
			);
		},
	};
}
