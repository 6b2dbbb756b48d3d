import { ArrowRight, Equal, FilePen, type IconNode, Minus, PenLine, Plus, Tag } from "lucide";
import type { ComponentChildren } from "preact";
import { formatMoney, formatNumber } from "../i18n/format";
import { t } from "../i18n/i18n";
import { Icon } from "../ui/Icon";
import type { LineMark } from "./EstimateLines";
import type { ChangeSummary } from "./estimateTypes";
import "./estimates.css";

type Props = { changes: ChangeSummary; currency: string };

/** Content fields the summary names, in the words of the page. */
const FIELD_KEYS = ["title", "discountMinor", "taxRateBps", "expiresAt", "notes", "terms"] as const;

function Change({ icon, tone, children }: { icon: IconNode; tone: string; children: ComponentChildren }) {
	return (
		<li class={`est-change est-change-${tone}`}>
			<span class="est-change-icon">
				<Icon icon={icon} size={14} />
			</span>
			<span>{children}</span>
		</li>
	);
}

/** Whether a summary says anything at all (a save may change nothing). */
export function hasChanges(c: ChangeSummary): boolean {
	return (
		c.added.length + c.removed.length + c.repriced.length + c.quantityChanged.length + c.edited.length > 0 ||
		c.fields.length > 0 ||
		c.totalsBefore.totalMinor !== c.totalsAfter.totalMinor
	);
}

/** The lines a summary touched, marked as the line table shows them. */
export function lineMarks(c: ChangeSummary | null | undefined): Map<string, LineMark> {
	const marks = new Map<string, LineMark>();
	if (!c) return marks;
	for (const l of [...c.repriced, ...c.quantityChanged, ...c.edited]) marks.set(l.lineId, "changed");
	for (const l of c.added) marks.set(l.lineId, "added");
	return marks;
}

/** What one version changed against another, line by line, then the total before and after. */
export function ChangeList({ changes, currency }: Props) {
	const money = (minor: number) => formatMoney(minor, currency);
	const qty = (n: number) => formatNumber(n, { maximumFractionDigits: 3 });
	const quoted = (text: string) => <q class="est-change-line">{text}</q>;
	const fields = FIELD_KEYS.filter((f) => changes.fields.includes(f));
	const { totalsBefore: before, totalsAfter: after } = changes;
	return (
		<ul class="est-changes">
			{changes.added.map((l) => (
				<Change key={`a-${l.lineId}`} icon={Plus} tone="added">
					{l.optional ? t("estimate.changes.addedOptional") : t("estimate.changes.added")}{" "}
					{quoted(l.description)} <span class="est-change-figure">{money(l.totalMinor)}</span>
				</Change>
			))}
			{changes.removed.map((l) => (
				<Change key={`r-${l.lineId}`} icon={Minus} tone="removed">
					{t("estimate.changes.removed")} {quoted(l.description)}{" "}
					<span class="est-change-figure">{money(l.totalMinor)}</span>
				</Change>
			))}
			{changes.repriced.map((l) => (
				<Change key={`p-${l.lineId}`} icon={Tag} tone="changed">
					{t("estimate.changes.repriced")} {quoted(l.description)}{" "}
					<span class="est-change-figure">
						<s>{money(l.fromMinor)}</s> <Icon icon={ArrowRight} size={12} />
						<span class="visually-hidden">{t("estimate.changes.to")}</span> {money(l.toMinor)}
					</span>
				</Change>
			))}
			{changes.quantityChanged.map((l) => (
				<Change key={`q-${l.lineId}`} icon={PenLine} tone="changed">
					{t("estimate.changes.quantity")} {quoted(l.description)}{" "}
					<span class="est-change-figure">
						<s>{qty(l.from)}</s> <Icon icon={ArrowRight} size={12} />
						<span class="visually-hidden">{t("estimate.changes.to")}</span> {qty(l.to)}
					</span>
				</Change>
			))}
			{changes.edited.map((l) => (
				<Change key={`e-${l.lineId}`} icon={FilePen} tone="changed">
					{l.fields.includes("optional")
						? t("estimate.changes.optionalFlag")
						: t("estimate.changes.reworded")}{" "}
					{quoted(l.description)}
				</Change>
			))}
			{fields.length ? (
				<Change icon={FilePen} tone="changed">
					{t("estimate.changes.fields", {
						fields: fields.map((f) => t("estimate.changes.field", { field: f })).join(", "),
					})}
				</Change>
			) : null}
			<Change icon={Equal} tone="total">
				{before.totalMinor === after.totalMinor ? (
					t("estimate.changes.totalSame", { total: money(after.totalMinor) })
				) : (
					<>
						{t("estimate.changes.total")}{" "}
						<span class="est-change-figure">
							<s>{money(before.totalMinor)}</s> <Icon icon={ArrowRight} size={12} />
							<span class="visually-hidden">{t("estimate.changes.to")}</span>{" "}
							<strong>{money(after.totalMinor)}</strong>
						</span>
					</>
				)}
			</Change>
		</ul>
	);
}
