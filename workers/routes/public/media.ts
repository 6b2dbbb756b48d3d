import { z } from "@hono/zod-openapi";
import { errorResponses } from "../../contracts/openapi";
import { isServableMediaKey, UPLOAD_IMAGE_TYPES, type UploadImageType } from "../../domain/tenant/media";
import { notFound } from "../../errors";
import { createRouter } from "../router";

const TYPE_OF_EXTENSION = new Map<string, UploadImageType>(
	Object.entries(UPLOAD_IMAGE_TYPES).map(([type, ext]) => [ext, type as UploadImageType]),
);

const PREFIX = "/media/";

/**
 * Public images (tenant logos, technician photos), served from R2. Keys are random and never
 * reused, so answers may be cached for good; the type comes from our own key, never the upload.
 */
export const mediaRoutes = createRouter();

// A key holds slashes, which one `{key}` path parameter cannot, so the route is a wildcard.
mediaRoutes.get(`${PREFIX}*`, async (c) => {
	// The key is what follows `/media/` in the full path (the router is mounted under `/api`).
	const path = new URL(c.req.url).pathname;
	const key = path.slice(path.indexOf(PREFIX) + PREFIX.length);
	const type = TYPE_OF_EXTENSION.get(key.slice(key.lastIndexOf(".") + 1));
	if (!type || !isServableMediaKey(key)) throw notFound("That image");
	const object = await c.env.MEDIA.get(key);
	if (!object) throw notFound("That image");
	return c.body(object.body, 200, {
		"Content-Type": type,
		"Content-Length": String(object.size),
		"Cache-Control": "public, max-age=31536000, immutable",
		"Content-Disposition": "inline",
		"X-Content-Type-Options": "nosniff",
	});
});

mediaRoutes.openAPIRegistry.registerPath({
	method: "get",
	path: `${PREFIX}{key}`,
	tags: ["media"],
	summary: "A public image (tenant logo, technician photo); the key may contain slashes",
	request: {
		params: z.object({
			key: z.string().openapi({ param: { name: "key", in: "path" }, example: "t/ten_acme/logo/x.png" }),
		}),
	},
	responses: {
		200: {
			description: "The image, with its own content type and nosniff",
			content: Object.fromEntries(
				Object.keys(UPLOAD_IMAGE_TYPES).map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }]),
			),
		},
		...errorResponses(404),
	},
});
