import type { Locale } from "../../../schema/locales";
import { emailText } from "../messages";
import { type RenderedEmail, renderButton, renderEmailLayout, renderParagraph } from "./layout";

/** The platform's own look: a sign-up email is sent before the fleet has any branding. */
export const PLATFORM_BRANDING = {
	tenantName: "Fleet Portal",
	logoUrl: null,
	colors: { primary: "#1f2933", text: "#ffffff" },
} as const;

export type SignUpEmailInput = {
	locale: Locale;
	company: string;
	/** The portal address the fleet asked for, `https://…/c/acme`. */
	address: string;
	link: string;
	expiresInMinutes: number;
};

/** The sign-up confirmation: one button to the page whose Continue spends the link. */
export function signUpEmail(input: SignUpEmailInput): RenderedEmail {
	const t = emailText(input.locale);
	// The company's name is typed by a stranger: no line breaks into a subject.
	const company = input.company.replace(/[\r\n]+/g, " ").trim();
	const minutes = input.expiresInMinutes;
	const subject = t("email.signUp.subject", { company });
	const intro = t("email.signUp.intro", { company, address: input.address });
	const expiry = t("email.signUp.expiry", { minutes, company });
	const ignore = t("email.signUp.ignore");
	const colors = PLATFORM_BRANDING.colors;
	const bodyHtml = [
		renderParagraph(intro),
		renderButton({ href: input.link, label: t("email.signUp.button"), colors }),
		renderParagraph(expiry),
		renderParagraph(ignore, "margin-bottom:0;color:#52606d;font-size:14px;"),
	].join("\n");
	const text = [intro, "", t("email.signUp.buttonText"), input.link, "", expiry, "", ignore, ""].join("\n");
	return {
		subject,
		text,
		html: renderEmailLayout({
			...PLATFORM_BRANDING,
			locale: input.locale,
			title: subject,
			bodyHtml,
			preheader: t("email.signUp.preheader", { company, minutes }),
		}),
	};
}
