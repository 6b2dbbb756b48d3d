import type { Locale } from "../../../schema/locales";
import type { JobKind } from "../../../schema/tables/jobs";
import type { TenantStatus } from "../../../schema/tables/tenants";
import type { BrandColors } from "../tenant/branding-rules";

export const fleetKinds = ["courier", "field_service"] as const;
export type FleetKind = (typeof fleetKinds)[number];

/**
 * What a new fleet starts with for its kind of work: the job kinds its customers book and
 * colours that pass the console's contrast check (white text on primary, primary and accent on
 * the white page — test/worker/start.test.ts holds them to it).
 */
export const FLEET_DEFAULTS: Record<FleetKind, { jobKinds: JobKind[]; colors: BrandColors }> = {
	courier: {
		jobKinds: ["pickup_delivery"],
		colors: { primary: "#1f4e79", accent: "#b45309", text: "#ffffff" },
	},
	field_service: {
		jobKinds: ["service_call"],
		colors: { primary: "#14532d", accent: "#0f766e", text: "#ffffff" },
	},
};

/**
 * Sign-in emails per hour a tenant may send while in trial: enough for its owner and a first
 * few colleagues and customers, too few for an unconfirmed sign-up to be worth using as a spam relay.
 */
export const TRIAL_SEND_CEILING_PER_HOUR = 10;

/** The send ceiling that holds now: the tenant's own, capped while it is in trial. */
export function sendCeilingOf(tenant: {
	status: TenantStatus;
	settings: { sendCeilingPerHour: number };
}): number {
	const own = tenant.settings.sendCeilingPerHour;
	return tenant.status === "trial" ? Math.min(own, TRIAL_SEND_CEILING_PER_HOUR) : own;
}

export type NewFleet = {
	company: string;
	slug: string;
	timezone: string;
	currency: string;
	kind: FleetKind;
	locale: Locale;
};

/** The row of a tenant born from a sign-up: in trial, no logo, no support contacts, no demo data. */
export function newTenantRow(id: string, fleet: NewFleet, now: number) {
	const defaults = FLEET_DEFAULTS[fleet.kind];
	return {
		id,
		slug: fleet.slug,
		name: fleet.company,
		colorPrimary: defaults.colors.primary,
		colorAccent: defaults.colors.accent,
		colorText: defaults.colors.text,
		timezone: fleet.timezone,
		currency: fleet.currency,
		settings: { jobKinds: defaults.jobKinds, defaultLocale: fleet.locale },
		status: "trial" as const,
		createdAt: now,
	};
}
