import type { Tenant } from "../domain/tenant/tenant";
import type { EmailBranding } from "./templates/layout";

/** The tenant's look for an email; a relative logo path becomes absolute on the app's origin. */
export function emailBrandingOf(tenant: Tenant, origin: string): Omit<EmailBranding, "locale"> {
	return {
		tenantName: tenant.name,
		logoUrl: tenant.logoUrl ? new URL(tenant.logoUrl, origin).toString() : null,
		logoSize: tenant.settings.logoSize,
		colors: { primary: tenant.colorPrimary, text: tenant.colorText },
	};
}
