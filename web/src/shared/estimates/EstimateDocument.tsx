import type { ComponentChildren } from "preact";
import { t } from "../i18n/i18n";
import { formatCalendarDay, formatDate } from "../tenantTime";
import { Card } from "../ui/Card";
import { EstimateLines, type LineMark } from "./EstimateLines";
import type { AnyEstimate, EstimateLine } from "./estimateTypes";
import { liveTotals } from "./liveTotals";
import { TotalsTable } from "./TotalsTable";
import "./estimates.css";

type Props = {
	estimate: AnyEstimate;
	/** Who it is from: the tenant. */
	from: string;
	timeZone: string;
	/** The optional lines counted in the totals. */
	selected: ReadonlySet<string>;
	/** Given: the reader ticks optional lines in and out. */
	onToggle?: (lineId: string, on: boolean) => void;
	marks?: ReadonlyMap<string, LineMark>;
	renderExtra?: (line: EstimateLine) => ComponentChildren;
	idPrefix: string;
};

/**
 * The current version as the customer reads it, laid out like the PDF: who it is for and from,
 * its dates, the lines, the totals (with the ticked optional lines, computed as the server does),
 * then notes and terms.
 */
export function EstimateDocument({
	estimate,
	from,
	timeZone,
	selected,
	onToggle,
	marks,
	renderExtra,
	idPrefix,
}: Props) {
	const totals = liveTotals(
		estimate.lines,
		{ discountMinor: estimate.discountMinor, taxRateBps: estimate.taxRateBps },
		selected,
	);
	const forWhom = [estimate.account.name, estimate.contact?.name, estimate.location?.name].filter(Boolean);
	return (
		<Card as="section" padding="lg" class="est-document" aria-labelledby={`${idPrefix}-doc`}>
			<h2 id={`${idPrefix}-doc`} class="est-document-title">
				{estimate.title}
			</h2>
			<dl class="est-parties">
				<div>
					<dt>{t("estimate.doc.for")}</dt>
					<dd>{forWhom.join(" · ")}</dd>
				</div>
				<div>
					<dt>{t("estimate.doc.from")}</dt>
					<dd>{from}</dd>
				</div>
				<div>
					<dt>{t("estimate.doc.dated")}</dt>
					<dd>{formatDate(estimate.sentAt ?? estimate.createdAt, timeZone)}</dd>
				</div>
				<div>
					<dt>{t("estimate.doc.validUntil")}</dt>
					<dd>{estimate.expiresOn ? formatCalendarDay(estimate.expiresOn) : t("estimate.doc.noExpiry")}</dd>
				</div>
			</dl>
			<EstimateLines
				lines={estimate.lines}
				currency={estimate.currency}
				selected={selected}
				onToggle={onToggle}
				marks={marks}
				renderExtra={renderExtra}
				idPrefix={idPrefix}
			/>
			<TotalsTable
				totals={totals}
				currency={estimate.currency}
				optionalLeftOutMinor={totals.optionalMinor}
				live={Boolean(onToggle)}
			/>
			{estimate.notes ? (
				<section class="est-prose" aria-labelledby={`${idPrefix}-notes`}>
					<h3 id={`${idPrefix}-notes`}>{t("estimate.doc.notes")}</h3>
					<p>{estimate.notes}</p>
				</section>
			) : null}
			{estimate.terms ? (
				<section class="est-prose" aria-labelledby={`${idPrefix}-terms`}>
					<h3 id={`${idPrefix}-terms`}>{t("estimate.doc.terms")}</h3>
					<p>{estimate.terms}</p>
				</section>
			) : null}
		</Card>
	);
}
