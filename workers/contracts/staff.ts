import { z } from "@hono/zod-openapi";
import { SlugParam } from "./openapi";

/** Shared request and answer schemas of the dispatcher console's management routes. */

export const Instant = z.string().openapi({ format: "date-time", example: "2026-11-25T14:30:00.000Z" });

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const IdParam = SlugParam.extend({
	id: z
		.string()
		.min(1)
		.max(64)
		.openapi({ param: { name: "id", in: "path" }, example: "con_3f9c" }),
});

export const NameField = z.string().trim().min(1, "Enter a name.").max(200);

/** A phone number as typed; an empty string clears it. */
export const PhoneField = z
	.string()
	.trim()
	.max(40, "A phone number has at most 40 characters.")
	.nullable()
	.transform((v) => v || null);

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
	content: { "application/json": { schema } },
	required: true,
});

export const jsonAnswer = <T extends z.ZodType>(description: string, schema: T) => ({
	description,
	content: { "application/json": { schema } },
});

/** A PATCH body must change something. */
export const SOME_FIELD = {
	check: (body: Record<string, unknown>) => Object.values(body).some((v) => v !== undefined),
	message: "Send at least one field to change.",
};

export { fieldInvalid } from "../errors";
