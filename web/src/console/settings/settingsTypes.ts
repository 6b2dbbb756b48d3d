import type { JobKind } from "../../portal/customerApi";

/** The tenant's settings as `GET /api/d/:slug/settings` answers and `PATCH` takes them (any subset). */
export type TenantSettingsView = {
	name: string;
	logoUrl: string | null;
	colors: { primary: string; accent: string; text: string };
	supportPhone: string | null;
	supportEmail: string | null;
	timezone: string;
	currency: string;
	jobKinds: JobKind[];
	allowSelfSignup: boolean;
	sendCeilingPerHour: number;
};

export type StaffMember = {
	id: string;
	name: string;
	email: string;
	role: "dispatcher" | "admin";
	active?: boolean;
};

export const LOGO_MAX_BYTES = 512 * 1024;

/** The form field an issue names: the field itself, or the colour inside `colors`. */
export function settingsFieldFor<F extends string>(fields: readonly F[]) {
	return (issue: string): F | undefined =>
		fields.find((f) => f === issue) ??
		fields.find((f) => f === `colors.${issue.replace(/^color(s?)\.?/i, "").toLowerCase()}`);
}
