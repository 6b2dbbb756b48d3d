import type { z } from "zod";
import type { StaffMemberSchema } from "../../../../workers/contracts/staff-team";
import type { SettingsSchema } from "../../../../workers/contracts/tenant";

/**
 * The tenant's settings as `GET /api/d/:slug/settings` answers and `PATCH` takes them (any
 * subset): its public branding, without what only the portal needs, and what only staff see.
 */
export type TenantSettingsView = z.infer<typeof SettingsSchema>;

/** A dispatcher or admin, as `/api/d/:slug/staff` answers. */
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const LOGO_MAX_BYTES = 512 * 1024;

/** The form field an issue names: the field itself, or the colour inside `colors`. */
export function settingsFieldFor<F extends string>(fields: readonly F[]) {
	return (issue: string): F | undefined =>
		fields.find((f) => f === issue) ??
		fields.find((f) => f === `colors.${issue.replace(/^color(s?)\.?/i, "").toLowerCase()}`);
}
