import { sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant } from "../columns";
import type { OnlinePaymentMethod } from "../invoice-values";
import type { Locale } from "../locales";
import type { ProofRules } from "../proof-values";
import type { NotifyStage } from "./notifications";

/** How the tenant takes payments online; absent keys take the defaults. */
export type PaymentSettingsJson = {
	methods?: OnlinePaymentMethod[];
	allowPartial?: boolean;
	allowDeposits?: boolean;
	/** The deposit asked on an approved estimate's invoice, in percent of its total. */
	depositPercent?: number;
	/** The smallest partial payment, in minor units. */
	minPartialMinor?: number;
	/** A Stripe Connect account (`acct_…`): payments are direct charges on it. */
	stripeAccountId?: string | null;
};

/** Tenant-wide settings; absent keys take the defaults in workers/domain/tenant-settings.ts. */
/**
 * Until when a customer changes or cancels a booking themselves: until a technician is en route
 * (the default), until one is assigned, or never (every change is a request to the dispatchers).
 */
export const customerChangeCutoffs = ["en_route", "assigned", "always_request"] as const;
export type CustomerChangeCutoff = (typeof customerChangeCutoffs)[number];

export type TenantSettingsJson = {
	allowSelfSignup?: boolean;
	sendCeilingPerHour?: number;
	jobKinds?: Array<"pickup_delivery" | "service_call">;
	tileUrl?: string;
	/** The language of people who chose none and whose browser asks for none we have. */
	defaultLocale?: Locale;
	/** The logo's pixel size, read from the uploaded file, so it keeps its aspect ratio before it loads. */
	logoSize?: { width: number; height: number } | null;
	/** Sales tax on estimates, in basis points of the discounted subtotal (8.875 % is 888). */
	taxRateBps?: number;
	payments?: PaymentSettingsJson;
	/** Days from an invoice's creation to its due date. */
	invoiceDueDays?: number;
	/** The terms a new invoice starts with. */
	invoiceTermsDefault?: string | null;
	/** When an admin hid the console's first-run checklist; the only part of it that is stored. */
	firstRunDismissedAt?: number | null;
	customerChangeCutoff?: CustomerChangeCutoff;
	/** What a technician must give to complete a job, per kind; unset items are optional. */
	proofRules?: Partial<Record<"pickup_delivery" | "service_call", Partial<ProofRules>>>;
	/** Which stages the tenant emails at all; absent keys mean "on". */
	notifyStages?: Partial<Record<NotifyStage, boolean>>;
	/** "Arriving soon" goes once, when the ETA first drops under this many minutes. */
	arrivingSoonMinutes?: number;
	/** Requests per minute each API key may make; 120 unless set. */
	apiRequestsPerMinute?: number;
	/** Whether someone whose email domain matches an account's may ask its admins to join. */
	allowJoinRequests?: boolean;
	survey?: SurveySettingsJson;
};

/** The survey after a completed job, as stored; every key has a default. */
export type SurveySettingsJson = {
	enabled?: boolean;
	type?: "stars" | "nps";
	/** What customers rate besides the overall score, in the order shown. */
	categories?: string[];
	/** A public review page offered after every answer alike (no review gating). */
	reviewUrl?: string | null;
};

/** `trial` from self-serve sign-up until the owner consumes the sign-up link; then `active`. */
export const tenantStatuses = ["trial", "active"] as const;
export type TenantStatus = (typeof tenantStatuses)[number];

export const tenants = sqliteTable(
	"tenants",
	{
		id: id(),
		slug: text("slug").notNull(),
		name: text("name").notNull(),
		logoUrl: text("logo_url"),
		colorPrimary: text("color_primary").notNull().default("#1f4e79"),
		colorAccent: text("color_accent").notNull().default("#f2a900"),
		colorText: text("color_text").notNull().default("#ffffff"),
		supportPhone: text("support_phone"),
		supportEmail: text("support_email"),
		timezone: text("timezone").notNull().default("UTC"),
		currency: text("currency").notNull().default("USD"),
		settings: text("settings", { mode: "json" }).$type<TenantSettingsJson>().notNull().default({}),
		status: text("status", { enum: tenantStatuses }).notNull().default("active"),
		/** Set by a platform operator (`npm run tenant -- suspend`): every audience then answers 404. */
		suspendedAt: instant("suspended_at"),
		createdAt: createdAt(),
		updatedAt: instant("updated_at"),
	},
	(t) => [uniqueIndex("tenants_slug_uq").on(t.slug)],
);
