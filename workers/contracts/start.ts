import { z } from "@hono/zod-openapi";
import { locales } from "../../schema/locales";
import { SIGN_UP_CURRENCIES } from "../domain/start/currencies";
import { fleetKinds } from "../domain/start/new-tenant";
import { slugProblem } from "../domain/start/slug-rules";
import { isTimeZone } from "../domain/time";
import { EmailField, MeSchema } from "./openapi";

/** A slug as a fleet asks for it: the shape and reserved-word rules, each a 400 naming `slug`. */
export const SlugField = z
	.string()
	.max(200)
	.superRefine((slug, ctx) => {
		const problem = slugProblem(slug);
		if (problem) ctx.addIssue({ code: "custom", message: problem });
	})
	.openapi({ example: "acme-courier" });

export const StartRequestSchema = z
	.object({
		company: z.string().trim().min(2, "Enter your company's name.").max(120),
		email: EmailField,
		slug: SlugField,
		timezone: z.string().refine(isTimeZone, "Choose a time zone from the list."),
		currency: z.enum(SIGN_UP_CURRENCIES, "Choose a currency from the list."),
		kind: z.enum(fleetKinds, "Choose courier or field service."),
		/** The language of the page: the email's, and the new tenant's default. */
		locale: z.enum(locales).optional(),
	})
	.openapi("StartRequest");

export const StartConsumeSchema = z
	.object({ token: z.string().min(16).max(128) })
	.openapi("StartConsumeRequest");

export const SlugAvailabilityQuery = z.object({ slug: SlugField });

export const SlugAvailabilitySchema = z
	.object({ slug: z.string(), available: z.boolean() })
	.openapi("SlugAvailability");

export const StartedTenantSchema = z
	.object({
		tenant: z.object({
			id: z.string(),
			slug: z.string(),
			name: z.string(),
			status: z.enum(["trial", "active"]),
		}),
		me: MeSchema,
	})
	.openapi("StartedTenant");
