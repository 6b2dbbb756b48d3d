import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

export type JoinRequestEmailInput = EmailBranding & {
	/** Who asks to join, as they typed it. */
	name: string;
	email: string;
	account: string;
	/** The account's page in the portal, where the admin approves or declines. */
	link: string;
};

const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();

/** To an account's admins: someone of the account's email domain asks to join it. */
export function joinRequestEmail(input: JoinRequestEmailInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = oneLine(input.tenantName);
	const account = oneLine(input.account);
	const name = oneLine(input.name);
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: t("email.joinRequest.subject", { name, account }),
		intro: t("email.joinRequest.intro", { name, account, tenant }),
		details: [
			{ label: t("email.joinRequest.name"), value: name, strong: true },
			{ label: t("email.invite.address"), value: oneLine(input.email) },
		],
		action: { label: t("email.joinRequest.review"), href: input.link },
		hint: t("email.joinRequest.hint"),
	});
}
