import { eq } from "drizzle-orm";
import type { Locale } from "../../../schema/locales";
import type { ProofRules } from "../../../schema/proof-values";
import type { JobKind } from "../../../schema/tables/jobs";
import type { NotifyStage } from "../../../schema/tables/notifications";
import { type CustomerChangeCutoff, tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { changeSet, isEmptyChange } from "../change-set";
import { type BrandColors, brandContrastIssues } from "./branding-rules";
import { imageSize, type MediaStore, mediaUrl, tenantMediaKey, type UploadedImage } from "./media";
import { type Tenant, toTenant } from "./tenant";
import type { PaymentSettings, SurveySettings } from "./tenant-settings";

/** The tenant's settings as admins see and change them. */
export function toSettings(t: Tenant) {
	return {
		slug: t.slug,
		name: t.name,
		logoUrl: t.logoUrl,
		logoSize: t.settings.logoSize,
		colors: { primary: t.colorPrimary, accent: t.colorAccent, text: t.colorText },
		supportPhone: t.supportPhone,
		supportEmail: t.supportEmail,
		timezone: t.timezone,
		currency: t.currency,
		jobKinds: t.settings.jobKinds,
		allowSelfSignup: t.settings.allowSelfSignup,
		sendCeilingPerHour: t.settings.sendCeilingPerHour,
		defaultLocale: t.settings.defaultLocale,
		taxRateBps: t.settings.taxRateBps,
		payments: t.settings.payments,
		invoiceDueDays: t.settings.invoiceDueDays,
		invoiceTermsDefault: t.settings.invoiceTermsDefault,
		customerChangeCutoff: t.settings.customerChangeCutoff,
		survey: t.settings.survey,
		allowJoinRequests: t.settings.allowJoinRequests,
		notifyStages: t.settings.notifyStages,
		arrivingSoonMinutes: t.settings.arrivingSoonMinutes,
		proofRules: t.settings.proofRules,
	};
}

export type TenantSettingsView = ReturnType<typeof toSettings>;

/** A change to the settings, as validated: only the fields sent change. */
export type SettingsChange = {
	name?: string;
	colors?: Partial<BrandColors>;
	supportPhone?: string | null;
	supportEmail?: { email: string } | null;
	timezone?: string;
	currency?: string;
	jobKinds?: JobKind[];
	allowSelfSignup?: boolean;
	sendCeilingPerHour?: number;
	defaultLocale?: Locale;
	taxRateBps?: number;
	payments?: Partial<PaymentSettings>;
	invoiceDueDays?: number;
	invoiceTermsDefault?: string | null;
	customerChangeCutoff?: CustomerChangeCutoff;
	survey?: Partial<SurveySettings>;
	allowJoinRequests?: boolean;
	notifyStages?: Partial<Record<NotifyStage, boolean>>;
	arrivingSoonMinutes?: number;
	proofRules?: Partial<Record<JobKind, Partial<ProofRules>>>;
};

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Changes the tenant's settings, with the audit entry of what changed; the portal reads them
 * fresh on its next load. Colours are judged for WCAG AA contrast as the front end pairs them,
 * only the pairs with a changed colour (400 naming the field). An empty change writes nothing.
 */
export async function changeTenantSettings(
	db: Db,
	actor: Actor,
	tenant: Tenant,
	input: SettingsChange,
	now = Date.now(),
): Promise<TenantSettingsView> {
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
			defaultLocale: input.defaultLocale,
			taxRateBps: input.taxRateBps,
			invoiceDueDays: input.invoiceDueDays,
			invoiceTermsDefault: input.invoiceTermsDefault,
			customerChangeCutoff: input.customerChangeCutoff,
			allowJoinRequests: input.allowJoinRequests,
			arrivingSoonMinutes: input.arrivingSoonMinutes,
		}),
		notifyStages: { ...current.notifyStages, ...stripUndefined(input.notifyStages ?? {}) },
		payments: { ...current.payments, ...stripUndefined(input.payments ?? {}) },
		survey: { ...current.survey, ...stripUndefined(input.survey ?? {}) },
		proofRules: {
			pickup_delivery: { ...current.proofRules.pickup_delivery, ...input.proofRules?.pickup_delivery },
			service_call: { ...current.proofRules.service_call, ...input.proofRules?.service_call },
		},
		colors,
	};
	const change = changeSet(current, next);
	if (isEmptyChange(change)) return current;
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
					defaultLocale: next.defaultLocale,
					taxRateBps: next.taxRateBps,
					payments: next.payments,
					invoiceDueDays: next.invoiceDueDays,
					invoiceTermsDefault: next.invoiceTermsDefault,
					customerChangeCutoff: next.customerChangeCutoff,
					survey: next.survey,
					allowJoinRequests: next.allowJoinRequests,
					notifyStages: next.notifyStages,
					arrivingSoonMinutes: next.arrivingSoonMinutes,
					proofRules: next.proofRules,
				},
				updatedAt: now,
			})
			.where(eq(tenants.id, tenant.id))
			.returning(),
		auditBy(
			db,
			actor,
			{ action: "settings.updated", targetType: "tenant", targetId: tenant.id, data: change },
			now,
		),
	]);
	const row = updated[0];
	return row ? toSettings(toTenant(row)) : current;
}

/** Replaces the tenant's logo; the replaced image is discarded after. */
export async function changeTenantLogo(
	deps: { db: Db; media: MediaStore },
	actor: Actor,
	tenant: Tenant,
	image: UploadedImage,
	now = Date.now(),
): Promise<TenantSettingsView> {
	const { db, media } = deps;
	const logoUrl = mediaUrl(await media.store(tenant.id, ["logo"], image));
	const settings = { ...tenant.settings, logoSize: imageSize(image) };
	const [updated] = await db.batch([
		db
			.update(tenants)
			.set({ logoUrl, settings, updatedAt: now })
			.where(eq(tenants.id, tenant.id))
			.returning(),
		auditBy(
			db,
			actor,
			{
				action: "settings.logo_changed",
				targetType: "tenant",
				targetId: tenant.id,
				data: { before: tenant.logoUrl, after: logoUrl, bytes: image.bytes.byteLength },
			},
			now,
		),
	]);
	media.discard(tenantMediaKey(tenant.logoUrl, tenant.id));
	const row = updated[0];
	return toSettings(row ? toTenant(row) : { ...tenant, logoUrl, settings });
}
