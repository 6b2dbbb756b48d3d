import { formatMoney } from "../i18n/format";
import { t } from "../i18n/i18n";
import { formatDate } from "../tenantTime";
import type { InvoicePayment } from "./invoiceTypes";

type Props = { payments: readonly InvoicePayment[]; currency: string; timeZone: string };

/** Each payment received: when, how, how much and its reference; oldest first, like a statement. */
export function PaymentsList({ payments, currency, timeZone }: Props) {
	if (payments.length === 0) return <p class="muted">{t("invoice.payments.none")}</p>;
	const ordered = [...payments].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
	return (
		<div class="inv-table-wrap">
			<table class="inv-payments-table">
				<caption class="visually-hidden">{t("invoice.payments.heading")}</caption>
				<thead>
					<tr>
						<th scope="col">{t("invoice.payments.date")}</th>
						<th scope="col">{t("invoice.payments.method")}</th>
						<th scope="col" class="inv-col-reference">
							{t("invoice.payments.reference")}
						</th>
						<th scope="col" class="est-num">
							{t("invoice.payments.amount")}
						</th>
					</tr>
				</thead>
				<tbody>
					{ordered.map((p) => (
						<tr key={p.id}>
							<td>{formatDate(p.receivedAt, timeZone)}</td>
							<td>
								{t("invoice.method", { method: p.method })}
								{p.reference ? <span class="inv-reference-inline muted">{p.reference}</span> : null}
							</td>
							<td class="inv-col-reference">{p.reference ?? "—"}</td>
							<td class="est-num">{formatMoney(p.amountMinor, currency)}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}
