import { escapeHtml } from "../../email/templates/layout";

/** No scripts: two forms posting back to this origin. */
export const PAY_PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export type PayPageInput = {
	checkoutId: string;
	tenantName: string;
	colors: { primary: string; text: string };
	invoiceNumber: number;
	/** Formatted in the invoice's currency: exactly what the payer is charged. */
	amount: string;
	status: string;
	/** Set when the last attempt did not go through: what the webhook answered. */
	problem?: string;
};

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * The local payment provider's checkout, branded like the tenant: the invoice, the exact amount,
 * Pay and Decline. Only an open checkout offers the buttons.
 */
export function renderPayPage(p: PayPageInput): string {
	const primary = HEX.test(p.colors.primary) ? p.colors.primary : "#1f2933";
	const onPrimary = HEX.test(p.colors.text) ? p.colors.text : "#ffffff";
	const action = (what: "pay" | "decline") => `/dev/pay/${encodeURIComponent(p.checkoutId)}/${what}`;
	const open = p.status === "open" || p.status === "creating";
	const body = open
		? `<form method="post" action="${escapeHtml(action("pay"))}"><button type="submit" class="pay">Pay ${escapeHtml(p.amount)}</button></form>
<form method="post" action="${escapeHtml(action("decline"))}"><button type="submit" class="decline">Decline</button></form>`
		: `<p role="status">This checkout is ${escapeHtml(p.status)}; there is nothing left to pay here.</p>`;
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay invoice #${p.invoiceNumber} – ${escapeHtml(p.tenantName)} (local payments)</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1f2933; }
header { background: ${primary}; color: ${onPrimary}; padding: 1rem 1.5rem; font-size: 1.25rem; font-weight: 700; }
main { max-width: 28rem; margin: 2rem auto; background: #fff; border-radius: 8px; padding: 1.5rem; }
.amount { font-size: 2rem; font-weight: 700; margin: 0.25rem 0 1.5rem; }
form { margin: 0 0 0.75rem; }
button { width: 100%; font: inherit; font-size: 1.1rem; padding: 0.85rem; border-radius: 6px; cursor: pointer; }
.pay { background: ${primary}; color: ${onPrimary}; border: 0; font-weight: 700; }
.decline { background: #fff; color: #1f2933; border: 1px solid #9aa5b1; }
.note { color: #52606d; font-size: 0.9rem; }
.problem { color: #b42318; }
</style>
</head>
<body>
<header>${escapeHtml(p.tenantName)}</header>
<main>
<h1>Invoice #${p.invoiceNumber}</h1>
<p>Amount to pay</p>
<p class="amount">${escapeHtml(p.amount)}</p>
${p.problem ? `<p class="problem" role="alert">${escapeHtml(p.problem)}</p>` : ""}
${body}
<p class="note">Local payment provider: this page exists only in development. Pay and Decline send a webhook signed as Stripe signs it to this app's payment endpoint; nothing is charged.</p>
</main>
</body>
</html>`;
}
