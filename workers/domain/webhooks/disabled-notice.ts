import { and, eq, isNull } from "drizzle-orm";
import { staff } from "../../../schema/tables/staff";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { emailBrandingOf } from "../../email/branding";
import { webhookDisabledEmail } from "../../email/templates/webhook-disabled";
import type { SendEmail } from "../../email/types";
import { toTenant } from "../tenant/tenant";
import { DISABLE_AFTER_FAILING_MS } from "./schedule";

/** Emails each admin of the tenant that an endpoint was disabled, once per endpoint and disabling. */
export async function sendEndpointDisabledNotice(
	deps: { db: Db; sendEmail: SendEmail; origin: string | null },
	endpoint: { id: string; tenantId: string; url: string },
	failingSince: number,
) {
	const { db, sendEmail } = deps;
	const [row, admins] = await Promise.all([
		db.select().from(tenants).where(eq(tenants.id, endpoint.tenantId)).get(),
		db
			.select({ id: staff.id, email: staff.email, locale: staff.locale })
			.from(staff)
			.where(and(eq(staff.tenantId, endpoint.tenantId), eq(staff.role, "admin"), isNull(staff.disabledAt))),
	]);
	if (!row || !deps.origin) return;
	const tenant = toTenant(row);
	for (const admin of admins) {
		const locale = admin.locale ?? tenant.settings.defaultLocale;
		await sendEmail({
			tenantId: tenant.id,
			to: admin.email,
			...webhookDisabledEmail({
				...emailBrandingOf(tenant, deps.origin),
				locale,
				url: endpoint.url,
				days: Math.round(DISABLE_AFTER_FAILING_MS / 86_400_000),
				failingSince: new Intl.DateTimeFormat(locale, {
					timeZone: tenant.timezone,
					dateStyle: "long",
					timeStyle: "short",
				}).format(failingSince),
				link: `${deps.origin}/d/${tenant.slug}/settings/api`,
			}),
			idempotencyKey: `webhook-disabled/${endpoint.id}/${failingSince}/${admin.id}`,
		});
	}
}
