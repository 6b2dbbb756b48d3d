import type { ContactRole } from "../../../schema/tables/accounts";
import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

export type ColleagueInviteInput = EmailBranding & {
	/** Who invited them (an admin of the account), or "" when a join request was approved. */
	inviter: string;
	account: string;
	email: string;
	role: ContactRole;
	/** The sign-in link: its page asks for a click before it signs anyone in, so scanners use nothing. */
	link: string;
	expiresInDays: number;
};

const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

/** A colleague added to a customer account: a sign-in link to that account in the tenant's portal. */
export function colleagueInviteEmail(input: ColleagueInviteInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = oneLine(input.tenantName);
	const account = oneLine(input.account);
	const inviter = oneLine(input.inviter);
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: t("email.colleagueInvite.subject", { tenant, account }),
		intro: inviter
			? t("email.colleagueInvite.intro", { tenant, account, inviter, role: input.role })
			: t("email.colleagueInvite.introApproved", { tenant, account, role: input.role }),
		details: [{ label: t("email.invite.address"), value: input.email, strong: true }],
		action: { label: t("email.colleagueInvite.open", { tenant }), href: input.link },
		hint: t("email.colleagueInvite.expiry", { days: input.expiresInDays }),
	});
}
