import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

export type EstimateSharedInput = EmailBranding & {
	number: number;
	version: number;
	title: string;
	/** The total already formatted in the currency and the email's language. */
	total: string;
	/** The last valid day, formatted; null when it does not expire. */
	expires: string | null;
	link: string;
};

/** Sent when an estimate is shared to the portal: what it is, its total, and a link straight to it. */
export function estimateSharedEmail(input: EstimateSharedInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const title = input.title.replace(/[\r\n]+/g, " ").trim();
	const { number, version } = input;
	const subject = t("email.estimate.subject", { number, tenant, version });
	const intro = t("email.estimate.intro", { tenant, title, version });
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject,
		intro,
		details: [
			{ label: t("email.estimate.total"), value: input.total, strong: true },
			...(input.expires ? [{ label: t("email.estimate.expires"), value: input.expires }] : []),
		],
		action: { label: t("email.estimate.view", { number }), href: input.link },
		hint: t("email.estimate.howTo"),
	});
}
