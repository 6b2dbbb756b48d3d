import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

export type InvoiceSharedInput = EmailBranding & {
	number: number;
	/** The balance already formatted in the currency and the email's language. */
	balance: string;
	/** The due date, formatted. */
	due: string;
	link: string;
};

/** Sent when an invoice is shared to the portal: its balance, its due date, and a link straight to it. */
export function invoiceSharedEmail(input: InvoiceSharedInput): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = input.tenantName.replace(/[\r\n]+/g, " ").trim();
	const { number } = input;
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: t("email.invoice.subject", { number, tenant }),
		intro: t("email.invoice.intro", { tenant }),
		details: [
			{ label: t("email.invoice.balance"), value: input.balance, strong: true },
			{ label: t("email.invoice.due"), value: input.due },
		],
		action: { label: t("email.invoice.view", { number }), href: input.link },
		hint: t("email.invoice.howTo"),
	});
}
