import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { jobKinds } from "../../../schema/tables/jobs";
import { tenants } from "../../../schema/tables/tenants";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import { jsonAnswer, jsonBody, NameField, PhoneField, SOME_FIELD } from "../../contracts/staff";
import { SettingsSchema } from "../../contracts/tenant";
import { type BrandColors, brandContrastIssues, isCurrencyCode } from "../../domain/branding-rules";
import { changeSet, isEmptyChange } from "../../domain/change-set";
import { HEX_COLOR } from "../../domain/contrast";
import { mediaUrl, tenantMediaKey } from "../../domain/media";
import { type Tenant, toTenant } from "../../domain/tenant";
import { isTimeZone } from "../../domain/time";
import { AppError } from "../../errors";
import { deleteReplacedImage, imageBody, readImageUpload, storeImage } from "../image-upload";
import { adminRouter } from "../router";
import { staffAuditInsert } from "./audit";

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
	})
	.refine(SOME_FIELD.check, SOME_FIELD.message)
	.openapi("TenantSettingsPatch");

function toSettings(t: Tenant): z.infer<typeof SettingsSchema> {
	return {
		slug: t.slug,
		name: t.name,
		logoUrl: t.logoUrl,
		colors: { primary: t.colorPrimary, accent: t.colorAccent, text: t.colorText },
		supportPhone: t.supportPhone,
		supportEmail: t.supportEmail,
		timezone: t.timezone,
		currency: t.currency,
		jobKinds: t.settings.jobKinds,
		allowSelfSignup: t.settings.allowSelfSignup,
		sendCeilingPerHour: t.settings.sendCeilingPerHour,
	};
}

/** The tenant's settings: admins only. The portal reads them fresh on its next load. */
/** Admins only (a dispatcher gets 403), mounted at its prefix so the check covers nothing else. */
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
			const input = c.req.valid("json");
			const current = toSettings(tenant);
			const colors: BrandColors = { ...current.colors, ...stripUndefined(input.colors ?? {}) };
			const changedColors = new Set(
				(Object.keys(colors) as Array<keyof BrandColors>).filter((k) => colors[k] !== current.colors[k]),
			);
			const issues = brandContrastIssues(colors, changedColors);
			if (issues.length) {
				throw new AppError(
					400,
					"validation_failed",
					`Check these fields: ${issues.map((i) => i.field).join(", ")}.`,
					issues,
				);
			}
			const next = {
				...current,
				...stripUndefined({
					name: input.name,
					supportPhone: input.supportPhone,
					supportEmail: input.supportEmail === undefined ? undefined : (input.supportEmail?.email ?? null),
					timezone: input.timezone,
					currency: input.currency,
					jobKinds: input.jobKinds,
					allowSelfSignup: input.allowSelfSignup,
					sendCeilingPerHour: input.sendCeilingPerHour,
				}),
				colors,
			};
			const change = changeSet(current, next);
			if (isEmptyChange(change)) return c.json(current, 200);
			const [updated] = await db.batch([
				db
					.update(tenants)
					.set({
						name: next.name,
						colorPrimary: colors.primary,
						colorAccent: colors.accent,
						colorText: colors.text,
						supportPhone: next.supportPhone,
						supportEmail: next.supportEmail,
						timezone: next.timezone,
						currency: next.currency,
						settings: {
							...tenant.settings,
							jobKinds: next.jobKinds,
							allowSelfSignup: next.allowSelfSignup,
							sendCeilingPerHour: next.sendCeilingPerHour,
						},
						updatedAt: Date.now(),
					})
					.where(eq(tenants.id, tenant.id))
					.returning(),
				staffAuditInsert(c, {
					action: "settings.updated",
					targetType: "tenant",
					targetId: tenant.id,
					data: change,
				}),
			]);
			const row = updated[0];
			return c.json(row ? toSettings(toTenant(row)) : current, 200);
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
			const key = await storeImage(c.env, tenant.id, ["logo"], image);
			const logoUrl = mediaUrl(key);
			const [updated] = await db.batch([
				db
					.update(tenants)
					.set({ logoUrl, updatedAt: Date.now() })
					.where(eq(tenants.id, tenant.id))
					.returning(),
				staffAuditInsert(c, {
					action: "settings.logo_changed",
					targetType: "tenant",
					targetId: tenant.id,
					data: { before: tenant.logoUrl, after: logoUrl, bytes: image.bytes.byteLength },
				}),
			]);
			deleteReplacedImage(c, tenantMediaKey(tenant.logoUrl, tenant.id));
			const row = updated[0];
			return c.json(toSettings(row ? toTenant(row) : { ...tenant, logoUrl }), 200);
		},
	);

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
