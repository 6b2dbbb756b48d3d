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
	/** Where the link leads, e.g. "customer portal", "dispatch console", "technician app". */
	audienceLabel: string;
	expiresInMinutes: number;
};

/** The magic-link email: a button for the link and the 6-digit code for phones and mail scanners. */
export function signInEmail(input: SignInEmailInput): RenderedEmail {
	// A line break in a subject would be a header injection waiting for a less careful transport.
	const tenantName = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const code = groupDigits(input.code);
	const minutes = `${input.expiresInMinutes} ${input.expiresInMinutes === 1 ? "minute" : "minutes"}`;
	const intro = `Use this link to sign in to the ${tenantName} ${input.audienceLabel}.`;
	const expiry = `The link and the code expire in ${minutes} and can be used once.`;
	const ignore = "If you didn't ask for this, ignore this email.";
	const subject = `Your sign-in link for ${tenantName}`;

	const bodyHtml = [
		renderParagraph(intro),
		renderButton({ href: input.link, label: `Sign in to ${tenantName}`, colors: input.colors }),
		renderParagraph("Or enter this code:", "margin-bottom:4px;"),
		`<p style="margin:0 0 24px;font-family:${MONOSPACE};font-size:32px;font-weight:bold;letter-spacing:4px;">${escapeHtml(code)}</p>`,
		renderParagraph(expiry),
		renderParagraph(ignore, "margin-bottom:0;color:#52606d;font-size:14px;"),
	].join("\n");

	const text = [
		intro,
		"",
		`Sign in to ${tenantName}:`,
		input.link,
		"",
		`Or enter this code: ${code}`,
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
			tenantName,
			logoUrl: input.logoUrl,
			colors: input.colors,
			title: subject,
			bodyHtml,
			preheader: `Sign in to ${tenantName}. The link expires in ${minutes}.`,
		}),
	};
}

/** `123456` → `123 456`, easier to read and to type from another screen. */
function groupDigits(code: string): string {
	return /^\d{6}$/.test(code) ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
