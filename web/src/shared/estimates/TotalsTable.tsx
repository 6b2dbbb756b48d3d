import { formatMoney, formatNumber } from "../i18n/format";
import { t } from "../i18n/i18n";
import type { EstimateTotals } from "./liveTotals";
import "./estimates.css";

type Props = {
	totals: Pick<EstimateTotals, "subtotalMinor" | "discountMinor" | "taxRateBps" | "taxMinor" | "totalMinor">;
	currency: string;
	/** What the optional items not ticked would add (shown as a note under the total). */
	optionalLeftOutMinor?: number;
	/** Read out when the figures change (someone ticks an item or types a price). */
	live?: boolean;
	/** The table's name for screen readers. */
	label?: string;
	/** An invoice: what was paid against the total (a deposit carried over, payments) and what is left. */
	settlement?: { depositAppliedMinor: number; paidMinor: number; balanceMinor: number };
};

/** "8.875 %": a rate in basis points, in the language shown. */
export const taxRateText = (bps: number) =>
	formatNumber(bps / 10_000, { style: "percent", maximumFractionDigits: 3 });

/**
 * Subtotal, discount, tax and the total, right-aligned with tabular figures, the total set apart;
 * on an invoice then the deposit and payments received and the balance due, set apart too.
 */
export function TotalsTable({
	totals,
	currency,
	optionalLeftOutMinor = 0,
	live = false,
	label,
	settlement,
}: Props) {
	const money = (minor: number) => formatMoney(minor, currency);
	return (
		<div class="est-totals-wrap">
			<table class="est-totals" aria-label={label ?? t("estimate.totals.label")}>
				<tbody>
					<tr>
						<th scope="row">{t("estimate.totals.subtotal")}</th>
						<td>{money(totals.subtotalMinor)}</td>
					</tr>
					{totals.discountMinor > 0 ? (
						<tr>
							<th scope="row">{t("estimate.totals.discount")}</th>
							<td>−{money(totals.discountMinor)}</td>
						</tr>
					) : null}
					<tr>
						<th scope="row">{t("estimate.totals.tax", { rate: taxRateText(totals.taxRateBps) })}</th>
						<td>{money(totals.taxMinor)}</td>
					</tr>
					<tr class="est-totals-total">
						<th scope="row">{t("estimate.totals.total")}</th>
						<td>
							<span aria-live={live ? "polite" : undefined} aria-atomic="true">
								{money(totals.totalMinor)}
							</span>
						</td>
					</tr>
					{settlement && settlement.depositAppliedMinor > 0 ? (
						<tr>
							<th scope="row">{t("invoice.totals.depositApplied")}</th>
							<td>−{money(settlement.depositAppliedMinor)}</td>
						</tr>
					) : null}
					{settlement && settlement.paidMinor > 0 ? (
						<tr>
							<th scope="row">{t("invoice.totals.paid")}</th>
							<td>−{money(settlement.paidMinor)}</td>
						</tr>
					) : null}
					{settlement ? (
						<tr class="est-totals-total est-totals-balance">
							<th scope="row">{t("invoice.totals.balance")}</th>
							<td>{money(settlement.balanceMinor)}</td>
						</tr>
					) : null}
				</tbody>
			</table>
			{optionalLeftOutMinor > 0 ? (
				<p class="est-totals-note">
					{t("estimate.totals.optionalLeftOut", { amount: money(optionalLeftOutMinor) })}
				</p>
			) : null}
		</div>
	);
}
