import { useMemo } from "preact/hooks";
import { EstimateLines } from "../estimates/EstimateLines";
import type { EstimateLine } from "../estimates/estimateTypes";
import { TotalsTable } from "../estimates/TotalsTable";
import { t } from "../i18n/i18n";
import { formatCalendarDay, formatDate } from "../tenantTime";
import { Card } from "../ui/Card";
import type { AnyInvoice } from "./invoiceTypes";
import { PaymentsList } from "./PaymentsList";
import "../estimates/estimates.css";
import "./invoices.css";

type Props = { invoice: AnyInvoice; from: string; timeZone: string; idPrefix: string };

/** An invoice's lines in the shape the estimate's line table draws (none optional). */
const asDocumentLines = (invoice: AnyInvoice): EstimateLine[] =>
	invoice.lines.map((line, seq) => ({
		id: line.id,
		seq,
		description: line.description,
		quantity: line.quantity,
		unitPriceMinor: line.unitPriceMinor,
		totalMinor: line.amountMinor,
		optional: false,
	}));

/**
 * The invoice as both audiences read it, laid out like its PDF: who it is for and from, its dates,
 * the lines, the totals down to the balance, notes and terms, then the payments received.
 */
export function InvoiceDocument({ invoice, from, timeZone, idPrefix }: Props) {
	const lines = useMemo(() => asDocumentLines(invoice), [invoice]);
	const forWhom = [invoice.accountName, invoice.locationName].filter(Boolean);
	return (
		<Card as="section" padding="lg" class="est-document inv-document" aria-labelledby={`${idPrefix}-doc`}>
			<h2 id={`${idPrefix}-doc`} class="est-document-title">
				{invoice.jobNumber
					? t("invoice.doc.forJob", { number: invoice.jobNumber })
					: t("invoice.doc.heading")}
			</h2>
			<dl class="est-parties">
				<div>
					<dt>{t("invoice.doc.for")}</dt>
					<dd>{forWhom.join(" · ")}</dd>
				</div>
				<div>
					<dt>{t("invoice.doc.from")}</dt>
					<dd>{from}</dd>
				</div>
				<div>
					<dt>{t("invoice.doc.dated")}</dt>
					<dd>{formatDate(invoice.sharedAt ?? invoice.createdAt, timeZone)}</dd>
				</div>
				<div>
					<dt>{t("invoice.doc.due")}</dt>
					<dd>{formatCalendarDay(invoice.dueAt)}</dd>
				</div>
				{invoice.estimateNumber ? (
					<div>
						<dt>{t("invoice.doc.estimate")}</dt>
						<dd>{t("estimate.title", { number: invoice.estimateNumber })}</dd>
					</div>
				) : null}
			</dl>
			<EstimateLines lines={lines} currency={invoice.currency} idPrefix={idPrefix} />
			<TotalsTable
				totals={invoice}
				currency={invoice.currency}
				settlement={invoice.status === "void" ? undefined : invoice}
			/>
			{invoice.notes ? (
				<section class="est-prose" aria-labelledby={`${idPrefix}-notes`}>
					<h3 id={`${idPrefix}-notes`}>{t("estimate.doc.notes")}</h3>
					<p>{invoice.notes}</p>
				</section>
			) : null}
			{invoice.terms ? (
				<section class="est-prose" aria-labelledby={`${idPrefix}-terms`}>
					<h3 id={`${idPrefix}-terms`}>{t("estimate.doc.terms")}</h3>
					<p>{invoice.terms}</p>
				</section>
			) : null}
			<section class="inv-payments" aria-labelledby={`${idPrefix}-payments`}>
				<h3 id={`${idPrefix}-payments`}>{t("invoice.payments.heading")}</h3>
				<PaymentsList payments={invoice.payments} currency={invoice.currency} timeZone={timeZone} />
			</section>
		</Card>
	);
}
