import type { OnlinePaymentMethod } from "../../../schema/invoice-values";
import { DEFAULT_LOCALE, type Locale } from "../../../schema/locales";
import type { ProofRules } from "../../../schema/proof-values";
import type { JobKind } from "../../../schema/tables/jobs";
import { type NotifyStage, notifyStages } from "../../../schema/tables/notifications";
import type { SurveyType } from "../../../schema/tables/surveys";
import type {
	CustomerChangeCutoff,
	PaymentSettingsJson,
	SurveySettingsJson,
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
	survey: SurveySettings;
	/** Whether people of an account's email domain may ask to join it; off unless set. */
	allowJoinRequests: boolean;
	/** Requests each API key may make per minute (counted in the tenant's gate). */
	apiRequestsPerMinute: number;
	/** Which stages the tenant emails at all (every stage on unless turned off). */
	notifyStages: Record<NotifyStage, boolean>;
	/** "Arriving soon" goes once, when the ETA first drops under this many minutes (default 10). */
	arrivingSoonMinutes: number;
	/** What completing a job of each kind asks for. */
	proofRules: Record<JobKind, ProofRules>;
};

/** The survey after a completed job, every default filled in. */
export type SurveySettings = {
	enabled: boolean;
	type: SurveyType;
	categories: string[];
	reviewUrl: string | null;
};

export const DEFAULT_SURVEY_CATEGORIES = ["punctuality", "communication", "quality", "value"];

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
		survey: resolveSurveySettings(stored.survey ?? {}),
		allowJoinRequests: stored.allowJoinRequests ?? false,
		apiRequestsPerMinute: stored.apiRequestsPerMinute ?? 120,
		notifyStages: Object.fromEntries(
			notifyStages.map((stage) => [stage, stored.notifyStages?.[stage] ?? true]),
		) as Record<NotifyStage, boolean>,
		arrivingSoonMinutes: stored.arrivingSoonMinutes ?? 10,
		proofRules: resolveProofRules(stored.proofRules ?? {}),
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

function resolveSurveySettings(stored: SurveySettingsJson): SurveySettings {
	return {
		enabled: stored.enabled ?? true,
		type: stored.type ?? "stars",
		categories: stored.categories ?? DEFAULT_SURVEY_CATEGORIES,
		reviewUrl: stored.reviewUrl ?? null,
	};
}

/** Every item optional and no photos needed unless the tenant asked for them. */
const OPTIONAL_PROOF: ProofRules = {
	recipientName: "optional",
	signature: "optional",
	note: "optional",
	workDone: "optional",
	parts: "optional",
	photosMin: 0,
};

function resolveProofRules(
	stored: NonNullable<TenantSettingsJson["proofRules"]>,
): Record<JobKind, ProofRules> {
	return {
		pickup_delivery: { ...OPTIONAL_PROOF, ...stored.pickup_delivery },
		service_call: { ...OPTIONAL_PROOF, ...stored.service_call },
	};
}
