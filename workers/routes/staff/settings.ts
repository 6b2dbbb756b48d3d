import { createRoute, z } from "@hono/zod-openapi";
import { jobKinds } from "../../../schema/job-values";
import { locales } from "../../../schema/locales";
import { notifyStages } from "../../../schema/tables/notifications";
import { MAX_TAX_RATE_BPS } from "../../contracts/estimates";
import { MAX_INVOICE_DUE_DAYS, PaymentSettingsPatch } from "../../contracts/invoices";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody, NameField, PhoneField, SOME_FIELD } from "../../contracts/staff";
import { SurveySettingsPatch } from "../../contracts/surveys";
import { CustomerChangeCutoffSchema, ProofRulesSchema, SettingsSchema } from "../../contracts/tenant";
import { isCurrencyCode } from "../../domain/tenant/branding-rules";
import { HEX_COLOR } from "../../domain/tenant/contrast";
import {
	changeTenantLogo,
	changeTenantSettings,
	toSettings,
} from "../../domain/tenant/tenant-settings-changes";
import { isTimeZone } from "../../domain/time";
import { requestActor } from "../actor";
import { imageBody, mediaStore, readImageUpload } from "../image-upload";
import { adminRouter } from "../router";

const tags = ["settings"];

/** Largest logo accepted; logos show small, in the portal's header. */
export const LOGO_MAX_BYTES = 512 * 1024;

const Color = z
	.string()
	.regex(HEX_COLOR, "Use a colour like #0b5394.")
	.transform((v) => v.toLowerCase());

const SettingsPatch = z
	.object({
		name: NameField.optional(),
		colors: z
			.object({ primary: Color.optional(), accent: Color.optional(), text: Color.optional() })
			.optional(),
		supportPhone: PhoneField.optional(),
		supportEmail: EmailField.nullable().optional(),
		timezone: z.string().max(64).refine(isTimeZone, "Choose a time zone like America/New_York.").optional(),
		currency: z
			.string()
			.trim()
			.transform((v) => v.toUpperCase())
			.refine(isCurrencyCode, "Use an ISO 4217 currency code like USD.")
			.optional(),
		jobKinds: z
			.array(z.enum(jobKinds))
			.min(1, "Take at least one kind of job.")
			.refine((kinds) => new Set(kinds).size === kinds.length, "List each kind once.")
			.optional(),
		allowSelfSignup: z.boolean().optional(),
		sendCeilingPerHour: z.number().int().min(1).max(10_000).optional(),
		defaultLocale: z.enum(locales).optional(),
		taxRateBps: z
			.number()
			.int("The tax rate is in basis points: a whole number (8.875 % is 888).")
			.min(0)
			.max(MAX_TAX_RATE_BPS)
			.optional(),
		payments: PaymentSettingsPatch.optional(),
		invoiceDueDays: z.number().int("A whole number of days.").min(0).max(MAX_INVOICE_DUE_DAYS).optional(),
		invoiceTermsDefault: z
			.string()
			.trim()
			.max(4000, "Use at most 4000 characters.")
			.nullable()
			.transform((v) => v || null)
			.optional(),
		customerChangeCutoff: CustomerChangeCutoffSchema.optional(),
		survey: SurveySettingsPatch.optional(),
		allowJoinRequests: z.boolean().optional(),
		notifyStages: z.partialRecord(z.enum(notifyStages), z.boolean()).optional(),
		arrivingSoonMinutes: z.number().int("A whole number of minutes.").min(1).max(60).optional(),
		proofRules: z
			.object({
				pickup_delivery: ProofRulesSchema.partial().optional(),
				service_call: ProofRulesSchema.partial().optional(),
			})
			.optional(),
	})
	.refine(SOME_FIELD.check, SOME_FIELD.message)
	.openapi("TenantSettingsPatch");

/**
 * The tenant's settings: admins only (a dispatcher gets 403), mounted at its prefix so the check
 * covers nothing else. The portal reads them fresh on its next load.
 */
export const staffSettingsRoutes = adminRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/",
			tags,
			summary: "Branding, support contacts, time zone, currency, job kinds, sign-up and send limits",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("The settings", SettingsSchema), ...errorResponses(401, 403, 404) },
		}),
		(c) => c.json(toSettings(c.var.tenant), 200),
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/",
			tags,
			summary: "Change settings; only the fields sent change",
			description:
				"Colours are checked for WCAG AA contrast as the front end pairs them: `colors.text` on `colors.primary` and `colors.primary` on the white page at 4.5:1, `colors.accent` (focus rings) on the white page at 3:1. Only pairs with a changed colour are judged; a failure is 400 naming the field.",
			request: { params: SlugParam, body: jsonBody(SettingsPatch) },
			responses: { 200: jsonAnswer("The settings", SettingsSchema), ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const settings = await changeTenantSettings(db, requestActor(c), tenant, c.req.valid("json"));
			return c.json(settings, 200);
		},
	)
	.openapi(
		createRoute({
			method: "put",
			path: "/logo",
			tags,
			summary: "Upload the logo (PNG, JPEG or WebP, at most 512 KB)",
			request: { params: SlugParam, body: imageBody(LOGO_MAX_BYTES) },
			responses: {
				200: jsonAnswer("The settings", SettingsSchema),
				...errorResponses(400, 401, 403, 404),
				413: { description: "The image is larger than 512 KB" },
				415: { description: "Not a PNG, JPEG or WebP image" },
			},
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const image = await readImageUpload(c, LOGO_MAX_BYTES);
			const settings = await changeTenantLogo({ db, media: mediaStore(c) }, requestActor(c), tenant, image);
			return c.json(settings, 200);
		},
	);
