import { FileDown } from "lucide";
import { formatMoney } from "../i18n/format";
import { t } from "../i18n/i18n";
import type { PdfLink } from "../pdfLink";
import { formatDateTime } from "../tenantTime";
import { Icon } from "../ui/Icon";
import { ChangeList } from "./ChangeList";
import { EstimateLines } from "./EstimateLines";
import type { EstimateVersion } from "./estimateTypes";
import { TotalsTable } from "./TotalsTable";
import "./estimates.css";

type Props = {
	versions: readonly EstimateVersion[];
	current: number;
	currency: string;
	timeZone: string;
	/** The PDF of one version: where, and the file name it saves under. */
	pdfLink: (version: number) => PdfLink;
	/** The version the reader saw last, marked as such. */
	lastSeenVersion?: number | null;
	idPrefix: string;
};

/** Every version, newest first: when, by whom, its total, what it changed; older ones open to their lines. */
export function VersionHistory({
	versions,
	current,
	currency,
	timeZone,
	pdfLink,
	lastSeenVersion,
	idPrefix,
}: Props) {
	const ordered = [...versions].sort((a, b) => b.version - a.version);
	return (
		<ol class="est-versions">
			{ordered.map((v) => (
				<li key={v.version} class={v.version === current ? "est-version est-version-current" : "est-version"}>
					<div class="est-version-head">
						<p class="est-version-title">
							<strong>{t("estimate.versions.version", { version: v.version })}</strong>
							{v.version === current ? <span class="est-tag">{t("estimate.versions.current")}</span> : null}
							{lastSeenVersion === v.version && v.version !== current ? (
								<span class="est-tag est-tag-muted">{t("estimate.versions.lastSeen")}</span>
							) : null}
						</p>
						<p class="est-version-total">{formatMoney(v.totals.totalMinor, currency)}</p>
					</div>
					<p class="est-version-meta">
						<time dateTime={v.createdAt}>{formatDateTime(v.createdAt, timeZone)}</time>
						{v.createdBy ? ` · ${v.createdBy}` : ""}
					</p>
					{v.changes ? <ChangeList changes={v.changes} currency={currency} /> : null}
					<p class="est-version-actions">
						<a class="est-pdf-link" {...pdfLink(v.version)}>
							<Icon icon={FileDown} size={16} />
							<span>{t("estimate.versions.pdf", { version: v.version })}</span>
						</a>
					</p>
					{v.version === current ? null : (
						<details class="est-version-details">
							<summary>{t("estimate.versions.showLines", { version: v.version })}</summary>
							<EstimateLines lines={v.lines} currency={currency} idPrefix={`${idPrefix}-v${v.version}`} />
							<TotalsTable
								totals={v.totals}
								currency={currency}
								label={t("estimate.versions.totalsOf", { version: v.version })}
							/>
						</details>
					)}
				</li>
			))}
		</ol>
	);
}
