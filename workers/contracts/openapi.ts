import { z } from "@hono/zod-openapi";
import { locales } from "../../schema/locales";
import { parseEmail } from "../domain/email";

export const ErrorEnvelopeSchema = z
	.object({
		error: z.object({
			code: z.string().openapi({ example: "validation_failed" }),
			message: z.string(),
			issues: z
				.array(
					z.object({
						path: z.array(z.union([z.string(), z.number()])),
						field: z.string(),
						message: z.string(),
					}),
				)
				.optional(),
		}),
	})
	.openapi("Error");

/** The error answers a route may give, for its OpenAPI description. */
export function errorResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 410 | 422 | 429>) {
	const descriptions = {
		400: "Invalid input; `issues` names each field",
		401: "Not signed in",
		403: "Not allowed",
		404: "Not found",
		409: "Conflict",
		410: "Gone (an expired estimate)",
		422: "Unprocessable",
		429: "Too many requests; see Retry-After",
	};
	return Object.fromEntries(
		statuses.map((s) => [
			s,
			{ description: descriptions[s], content: { "application/json": { schema: ErrorEnvelopeSchema } } },
		]),
	);
}

export const SlugParam = z.object({
	slug: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "slug", in: "path" }, example: "acme-courier" }),
});

/** An email as a person types it; parsed into what they typed and the normalized form used for matching. */
export const EmailField = z
	.string()
	.max(1000)
	.transform((value, ctx) => {
		const parsed = parseEmail(value);
		if (!parsed.ok) {
			ctx.addIssue({ code: "custom", message: parsed.reason });
			return z.NEVER;
		}
		return { email: parsed.email, normalized: parsed.normalized };
	})
	.openapi({ type: "string", format: "email", example: "bob@lawfirm.example" });

export const MeSchema = z
	.object({
		audience: z.enum(["customer", "staff", "technician"]),
		id: z.string(),
		name: z.string(),
		email: z.string(),
		role: z.string(),
		accountId: z.string().nullable(),
		accountName: z.string().nullable(),
		locationId: z.string().nullable(),
		locationIds: z.array(z.string()),
		/** The language the person chose; null when they chose none. */
		locale: z.enum(locales).nullable(),
	})
	.openapi("Me");
