import { emailText } from "../messages";
import {
	type EmailBranding,
	escapeHtml,
	type RenderedEmail,
	renderButton,
	renderEmailLayout,
	renderParagraph,
} from "./layout";

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
	const details = [
		[t("email.estimate.total"), input.total] as const,
		...(input.expires ? [[t("email.estimate.expires"), input.expires] as const] : []),
	];
	const rows = details
		.map(
			([label, value]) =>
				`<tr><td style="padding:4px 16px 4px 0;color:#52606d;vertical-align:top;">${escapeHtml(label)}</td><td style="padding:4px 0;font-weight:bold;">${escapeHtml(value)}</td></tr>`,
		)
		.join("");
	const view = t("email.estimate.view", { number });
	const bodyHtml = [
		renderParagraph(intro),
		`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 24px;font-size:15px;">${rows}</table>`,
		renderButton({ href: input.link, label: view, colors: input.colors }),
		renderParagraph(t("email.estimate.howTo"), "color:#52606d;font-size:14px;"),
	].join("\n");
	const text = [
		intro,
		"",
		...details.map(([label, value]) => `${label}: ${value}`),
		"",
		`${view}: ${input.link}`,
		"",
		t("email.estimate.howTo"),
		"",
	].join("\n");
	return {
		subject,
		text,
		html: renderEmailLayout({ ...input, tenantName: tenant, title: subject, bodyHtml, preheader: intro }),
	};
}
