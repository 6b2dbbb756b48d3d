import type { tenants } from "../../../schema/tables/tenants";
import { resolveTenantSettings, type TenantSettings } from "./tenant-settings";

export type TenantRow = typeof tenants.$inferSelect;
export type Tenant = Omit<TenantRow, "settings"> & { settings: TenantSettings };

export function toTenant(row: TenantRow): Tenant {
	return { ...row, settings: resolveTenantSettings(row.settings) };
}

/** What anyone may see of a tenant before signing in: the branding of its portal. */
export function publicBranding(tenant: Tenant) {
	return {
		slug: tenant.slug,
		name: tenant.name,
		logoUrl: tenant.logoUrl,
		logoSize: tenant.settings.logoSize,
		colors: { primary: tenant.colorPrimary, accent: tenant.colorAccent, text: tenant.colorText },
		supportPhone: tenant.supportPhone,
		supportEmail: tenant.supportEmail,
		timezone: tenant.timezone,
		currency: tenant.currency,
		jobKinds: tenant.settings.jobKinds,
		/** Map tiles for live views; pages still show markers and ETA when tiles fail to load. */
		tileUrl: tenant.settings.tileUrl,
		/** The language pages fall back to when neither the person nor their browser picks one. */
		locale: tenant.settings.defaultLocale,
		allowJoinRequests: tenant.settings.allowJoinRequests,
	};
}
