import { CalendarClock, CircleCheck } from "lucide";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { InvoiceStatusChip } from "../../shared/invoices/InvoiceStatusChip";
import type { InvoiceSummary } from "../../shared/invoices/invoiceTypes";
import { formatCalendarDay } from "../../shared/tenantTime";
import { Icon } from "../../shared/ui/Icon";
import { invoicePagePath } from "./invoiceApi";

type Props = { invoice: InvoiceSummary; slug: string; headingLevel: 2 | 3 };

/** One invoice in a list: number (a link covering the card), status, job, what is left to pay and by when. */
export function InvoiceCard({ invoice, slug, headingLevel }: Props) {
	const Heading = headingLevel === 2 ? "h2" : "h3";
	const settled = invoice.status === "paid" || invoice.status === "void";
	const money = (minor: number) => formatMoney(minor, invoice.currency);
	return (
		<article class="estimate-card invoice-card ui-card ui-card-raised">
			<div class="estimate-card-head">
				<Heading class="estimate-card-title">
					<a class="estimate-card-link" href={invoicePagePath(slug, invoice.id)}>
						{t("invoice.title", { number: invoice.number })}
					</a>
				</Heading>
				<InvoiceStatusChip status={invoice.status} />
			</div>
			<p class="estimate-card-what">
				{[invoice.jobNumber ? t("invoice.job", { number: invoice.jobNumber }) : null, invoice.locationName]
					.filter(Boolean)
					.join(" · ") || invoice.accountName}
			</p>
			<dl class="invoice-card-figures">
				<div>
					<dt>{t("portal.invoices.amount")}</dt>
					<dd>{money(invoice.totalMinor)}</dd>
				</div>
				<div class="invoice-card-balance">
					<dt>{t("invoice.totals.balance")}</dt>
					<dd>{money(invoice.balanceMinor)}</dd>
				</div>
			</dl>
			<p class="estimate-card-line">
				<Icon icon={settled ? CircleCheck : CalendarClock} size={16} />
				<span>{t("portal.invoices.due", { date: formatCalendarDay(invoice.dueAt) })}</span>
			</p>
		</article>
	);
}
