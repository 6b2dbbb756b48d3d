import { DEFAULT_LOCALE, type Locale } from "../../../schema/locales";
import type { JobKind } from "../../../schema/tables/jobs";
import type { TenantSettingsJson } from "../../../schema/tables/tenants";

export type TenantSettings = {
	allowSelfSignup: boolean;
	sendCeilingPerHour: number;
	jobKinds: JobKind[];
	tileUrl: string;
	defaultLocale: Locale;
	logoSize: { width: number; height: number } | null;
	/** Tax on estimates in basis points of the discounted subtotal; 0 unless set. */
	taxRateBps: number;
	/** When an admin hid the console's first-run checklist; null while it shows. */
	firstRunDismissedAt: number | null;
};

export const DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/** A tenant's settings with every default filled in. */
export function resolveTenantSettings(stored: TenantSettingsJson): TenantSettings {
	return {
		allowSelfSignup: stored.allowSelfSignup ?? false,
		sendCeilingPerHour: stored.sendCeilingPerHour ?? 500,
		jobKinds: stored.jobKinds?.length ? stored.jobKinds : ["pickup_delivery"],
		tileUrl: stored.tileUrl ?? DEFAULT_TILE_URL,
		defaultLocale: stored.defaultLocale ?? DEFAULT_LOCALE,
		logoSize: stored.logoSize ?? null,
		taxRateBps: stored.taxRateBps ?? 0,
		firstRunDismissedAt: stored.firstRunDismissedAt ?? null,
	};
}
