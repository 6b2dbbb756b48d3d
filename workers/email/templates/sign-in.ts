import type { Audience } from "../../../schema/tables/auth";
import { emailText } from "../messages";
import {
	type EmailBranding,
	escapeHtml,
	MONOSPACE,
	type RenderedEmail,
	renderButton,
	renderEmailLayout,
	renderParagraph,
} from "./layout";

export type SignInEmailInput = EmailBranding & {
	link: string;
	code: string;
	/** Which app the link opens: the customer portal, the dispatch console or the technician app. */
	audience: Audience;
	expiresInMinutes: number;
};

/** The magic-link email: a button for the link and the 6-digit code for phones and mail scanners. */
export function signInEmail(input: SignInEmailInput): RenderedEmail {
	const t = emailText(input.locale);
	// A line break in a subject would be a header injection waiting for a less careful transport.
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const code = groupDigits(input.code);
	const minutes = input.expiresInMinutes;
	const intro = t("email.signIn.intro", { tenant, audience: input.audience });
	const expiry = t("email.signIn.expiry", { minutes });
	const ignore = t("email.signIn.ignore");
	const subject = t("email.signIn.subject", { tenant });

	const bodyHtml = [
		renderParagraph(intro),
		renderButton({ href: input.link, label: t("email.signIn.button", { tenant }), colors: input.colors }),
		renderParagraph(t("email.signIn.codeLead"), "margin-bottom:4px;"),
		`<p style="margin:0 0 24px;font-family:${MONOSPACE};font-size:32px;font-weight:bold;letter-spacing:4px;">${escapeHtml(code)}</p>`,
		renderParagraph(expiry),
		renderParagraph(ignore, "margin-bottom:0;color:#52606d;font-size:14px;"),
	].join("\n");

	const text = [
		intro,
		"",
		t("email.signIn.buttonText", { tenant }),
		input.link,
		"",
		t("email.signIn.codeText", { code }),
		"",
		expiry,
		"",
		ignore,
		"",
	].join("\n");

	return {
		subject,
		text,
		html: renderEmailLayout({
			locale: input.locale,
			tenantName: tenant,
			logoUrl: input.logoUrl,
			logoSize: input.logoSize,
			colors: input.colors,
			title: subject,
			bodyHtml,
			preheader: t("email.signIn.preheader", { tenant, minutes }),
		}),
	};
}

/** `123456` → `123 456`, easier to read and to type from another screen. */
function groupDigits(code: string): string {
	return /^\d{6}$/.test(code) ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
