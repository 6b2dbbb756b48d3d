import { CircleAlert, CircleCheck, LoaderCircle } from "lucide";
import { useEffect } from "preact/hooks";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import type { CustomerInvoice } from "../../shared/invoices/invoiceTypes";
import { Icon } from "../../shared/ui/Icon";

/** How often the page asks again while a payment is processing. */
const POLL_MS = 2_000;

export type CheckoutOutcome = "processing" | "paid" | "declined";

/**
 * Where a checkout the customer came back from stands: only the provider's webhook makes it
 * `paid`, so the redirect alone is never "paid"; until then (or while it is not listed yet) it
 * is processing.
 */
export function checkoutOutcome(invoice: CustomerInvoice, checkoutId: string): CheckoutOutcome {
	const status = invoice.checkouts.find((c) => c.id === checkoutId)?.status;
	if (status === "paid") return "paid";
	if (status === "failed" || status === "expired") return "declined";
	return "processing";
}

type Props = { invoice: CustomerInvoice; checkoutId: string; reload: () => Promise<void> };

/** After the provider's page: "processing" (asking every 2 s) until settled, then paid or declined. */
export function CheckoutStatus({ invoice, checkoutId, reload }: Props) {
	const outcome = checkoutOutcome(invoice, checkoutId);

	useEffect(() => {
		if (outcome !== "processing") return;
		const timer = setTimeout(() => void reload(), POLL_MS);
		return () => clearTimeout(timer);
	}, [outcome, invoice]);

	if (outcome === "processing")
		return (
			<div class="notice checkout-notice checkout-processing" role="status">
				<Icon icon={LoaderCircle} size={20} class="checkout-spinner" />
				<p>
					<strong>{t("portal.checkout.processing")}</strong> {t("portal.checkout.processingHint")}
				</p>
			</div>
		);
	if (outcome === "paid")
		return (
			<div class="notice notice-ok checkout-notice" role="status">
				<Icon icon={CircleCheck} size={20} />
				<p>
					<strong>{t("portal.checkout.paid")}</strong>{" "}
					{t("portal.checkout.balance", { balance: formatMoney(invoice.balanceMinor, invoice.currency) })}
				</p>
			</div>
		);
	return (
		<div class="notice notice-error checkout-notice" role="alert">
			<Icon icon={CircleAlert} size={20} />
			<p>
				<strong>{t("portal.checkout.declined")}</strong> {t("portal.checkout.declinedHint")}
			</p>
		</div>
	);
}
