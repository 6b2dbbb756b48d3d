import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { newId } from "../domain/ids";
import { findJobPhoto } from "../domain/jobs/job-photos";
import { JOB_PHOTO_MAX_BYTES, newPrivateMediaKey } from "../domain/tenant/media";
import { notFound } from "../errors";
import { readImageUpload } from "./image-upload";

/** Reads an uploaded job photo (type by magic bytes, size capped) and stores it privately in R2. */
export const storeJobPhoto = (c: Context<AppEnv>, jobId: string) => storePrivatePhoto(c, ["jobs", jobId]);

/** Answers one photo of a job the caller may see (checked before); 404 for anything else. */
export async function serveJobPhoto(c: Context<AppEnv>, jobId: string, photoId: string): Promise<Response> {
	return servePrivateImage(c, await findJobPhoto(c.var.db, c.var.tenant.id, jobId, photoId));
}

/** Answers a private image (a job's or a quote request's photo) from R2; 404 when there is none. */
export async function servePrivateImage(
	c: Context<AppEnv>,
	photo: { key: string; type: string } | undefined,
): Promise<Response> {
	const object = photo ? await c.env.MEDIA.get(photo.key) : null;
	if (!photo || !object) throw notFound("That photo");
	return c.body(object.body, 200, {
		"Content-Type": photo.type,
		"Content-Length": String(object.size),
		"Cache-Control": "private, no-store",
		"Content-Disposition": "inline",
		"X-Content-Type-Options": "nosniff",
	});
}

/** Reads an uploaded photo (type by magic bytes, size capped) and stores it privately in R2 under `folder`. */
export async function storePrivatePhoto(c: Context<AppEnv>, folder: string[]) {
	const image = await readImageUpload(c, JOB_PHOTO_MAX_BYTES);
	const key = newPrivateMediaKey(c.var.tenant.id, folder, image.type);
	await c.env.MEDIA.put(key, image.bytes, { httpMetadata: { contentType: image.type } });
	return { id: newId("pho"), key, type: image.type, size: image.bytes.byteLength };
}

/** An image body's answer in the OpenAPI description. */
export const imageAnswer = {
	description: "The image, with its own content type and nosniff",
	content: {
		"image/png": { schema: { type: "string" as const, format: "binary" } },
		"image/jpeg": { schema: { type: "string" as const, format: "binary" } },
		"image/webp": { schema: { type: "string" as const, format: "binary" } },
	},
};
