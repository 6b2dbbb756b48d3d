import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

export type PortalInviteInput = EmailBranding & {
	/** The contact's name, or "" when the import had none. */
	name: string;
	email: string;
	/** The portal's sign-in page with the address filled in: it signs no one in by itself. */
	link: string;
};

/** Invites an imported contact to the tenant's portal, where they sign in by link or code. */
export function portalInviteEmail(input: PortalInviteInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const name = input.name.replace(/[\r\n]+/g, " ").trim();
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: t("email.invite.subject", { tenant }),
		intro: name ? t("email.invite.introNamed", { tenant, name }) : t("email.invite.intro", { tenant }),
		details: [{ label: t("email.invite.address"), value: input.email, strong: true }],
		action: { label: t("email.invite.open", { tenant }), href: input.link },
		hint: t("email.invite.howTo"),
	});
}
