import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

/** To a tenant's admins: an endpoint failed for days and was turned off. */
export function webhookDisabledEmail(
	input: EmailBranding & { url: string; days: number; failingSince: string; link: string },
): RenderedEmail {
	const t = emailText(input.locale);
	const url = input.url.replace(/[\r\n]+/g, " ");
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: t("email.webhookDisabled.subject", { url }),
		intro: t("email.webhookDisabled.intro", { tenant, url, days: input.days }),
		details: [
			{ label: t("email.webhookDisabled.endpoint"), value: url, strong: true },
			{ label: t("email.webhookDisabled.failingSince"), value: input.failingSince },
		],
		action: { label: t("email.webhookDisabled.view"), href: input.link },
		hint: t("email.webhookDisabled.hint"),
	});
}
