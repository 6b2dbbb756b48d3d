import { emailText } from "../messages";
import { type EmailBranding, type RenderedEmail, renderDetailsEmail } from "./layout";

/** What both notices of a payment show; amounts and the date already formatted for the reader. */
export type PaymentFacts = {
	number: number;
	amount: string;
	balance: string;
	paidOn: string;
	reference: string;
	link: string;
};

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ").trim();

function paymentDetails(t: ReturnType<typeof emailText>, p: PaymentFacts) {
	return [
		{ label: t("email.payment.amount"), value: p.amount, strong: true },
		{ label: t("email.payment.balance"), value: p.balance },
		{ label: t("email.payment.paidOn"), value: p.paidOn },
		{ label: t("email.payment.reference"), value: p.reference },
	];
}

/** The payer's receipt: what was paid, what remains, and a link to the invoice. */
export function paymentReceiptEmail(input: EmailBranding & PaymentFacts): RenderedEmail {
	const t = emailText(input.locale);
	const tenant = oneLine(input.tenantName);
	const { number, amount } = input;
	return renderDetailsEmail({
		...input,
		tenantName: tenant,
		subject: t("email.receipt.subject", { number, tenant }),
		intro: t("email.receipt.intro", { tenant, amount, number }),
		details: paymentDetails(t, input),
		action: { label: t("email.payment.view", { number }), href: input.link },
		hint: t("email.receipt.hint"),
	});
}

/** The dispatchers' notice of an invoice paid online, linking to it in the console. */
export function invoicePaidEmail(input: EmailBranding & PaymentFacts & { payer: string }): RenderedEmail {
	const t = emailText(input.locale);
	const { number, amount } = input;
	return renderDetailsEmail({
		...input,
		tenantName: oneLine(input.tenantName),
		subject: t("email.invoicePaid.subject", { number, amount }),
		intro: t("email.invoicePaid.intro", { payer: oneLine(input.payer), amount, number }),
		details: paymentDetails(t, input),
		action: { label: t("email.payment.view", { number }), href: input.link },
		hint: t("email.invoicePaid.hint"),
	});
}
