import type { OnlinePaymentMethod } from "../../../schema/invoice-values";
import { DEFAULT_LOCALE, type Locale } from "../../../schema/locales";
import type { JobKind } from "../../../schema/tables/jobs";
import { type NotifyStage, notifyStages } from "../../../schema/tables/notifications";
import type {
	CustomerChangeCutoff,
	PaymentSettingsJson,
	TenantSettingsJson,
} from "../../../schema/tables/tenants";

/** How a tenant takes payments online, every default filled in. */
export type PaymentSettings = {
	methods: OnlinePaymentMethod[];
	allowPartial: boolean;
	allowDeposits: boolean;
	depositPercent: number;
	minPartialMinor: number;
	stripeAccountId: string | null;
};

export type TenantSettings = {
	allowSelfSignup: boolean;
	sendCeilingPerHour: number;
	jobKinds: JobKind[];
	tileUrl: string;
	defaultLocale: Locale;
	logoSize: { width: number; height: number } | null;
	/** Tax on estimates in basis points of the discounted subtotal; 0 unless set. */
	taxRateBps: number;
	payments: PaymentSettings;
	/** Days from an invoice's creation to its due date. */
	invoiceDueDays: number;
	invoiceTermsDefault: string | null;
	/** When an admin hid the console's first-run checklist; null while it shows. */
	firstRunDismissedAt: number | null;
	/** Until when customers change or cancel their bookings themselves; after it they ask. */
	customerChangeCutoff: CustomerChangeCutoff;
	/** Which stages the tenant emails at all (every stage on unless turned off). */
	notifyStages: Record<NotifyStage, boolean>;
	/** "Arriving soon" goes once, when the ETA first drops under this many minutes (default 10). */
	arrivingSoonMinutes: number;
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
		payments: resolvePaymentSettings(stored.payments ?? {}),
		invoiceDueDays: stored.invoiceDueDays ?? 14,
		invoiceTermsDefault: stored.invoiceTermsDefault ?? null,
		firstRunDismissedAt: stored.firstRunDismissedAt ?? null,
		customerChangeCutoff: stored.customerChangeCutoff ?? "en_route",
		notifyStages: Object.fromEntries(
			notifyStages.map((stage) => [stage, stored.notifyStages?.[stage] ?? true]),
		) as Record<NotifyStage, boolean>,
		arrivingSoonMinutes: stored.arrivingSoonMinutes ?? 10,
	};
}

function resolvePaymentSettings(stored: PaymentSettingsJson): PaymentSettings {
	return {
		methods: stored.methods?.length ? stored.methods : ["card"],
		allowPartial: stored.allowPartial ?? true,
		allowDeposits: stored.allowDeposits ?? true,
		depositPercent: stored.depositPercent ?? 30,
		minPartialMinor: stored.minPartialMinor ?? 100,
		stripeAccountId: stored.stripeAccountId ?? null,
	};
}
