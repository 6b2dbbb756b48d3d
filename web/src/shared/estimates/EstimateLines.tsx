import type { ComponentChildren } from "preact";
import { formatMoney, formatNumber } from "../i18n/format";
import { t } from "../i18n/i18n";
import "./estimates.css";
import type { EstimateLine } from "./estimateTypes";

/** How a line compares with the version the reader saw last. */
export type LineMark = "added" | "changed";

type Props = {
	lines: readonly EstimateLine[];
	currency: string;
	/** Ids of the optional lines that count in the total. */
	selected?: ReadonlySet<string>;
	/** Given: optional lines are checkboxes that tick in or out of the total. */
	onToggle?: (lineId: string, on: boolean) => void;
	toggleDisabled?: boolean;
	marks?: ReadonlyMap<string, LineMark>;
	/** Under a line's description: its actions and the comments pinned to it. */
	renderExtra?: (line: EstimateLine) => ComponentChildren;
	headingLevel?: 2 | 3;
	idPrefix: string;
};

const quantityText = (quantity: number) => formatNumber(quantity, { maximumFractionDigits: 3 });

function LineMarkTag({ mark }: { mark: LineMark | undefined }) {
	if (!mark) return null;
	return (
		<span class={`est-mark est-mark-${mark}`}>
			{mark === "added" ? t("estimate.lines.markAdded") : t("estimate.lines.markChanged")}
		</span>
	);
}

function Head() {
	return (
		<thead>
			<tr>
				<th scope="col">{t("estimate.lines.description")}</th>
				<th scope="col" class="est-num est-col-qty">
					{t("estimate.lines.quantity")}
				</th>
				<th scope="col" class="est-num est-col-unit">
					{t("estimate.lines.unitPrice")}
				</th>
				<th scope="col" class="est-num">
					{t("estimate.lines.amount")}
				</th>
			</tr>
		</thead>
	);
}

/**
 * The lines of a version as a document shows them: the required ones, then the optional ones
 * apart (checkboxes when the reader may tick them). On a phone quantity × price sits under the
 * description instead of in columns of its own.
 */
export function EstimateLines(props: Props) {
	const { lines, currency, selected, onToggle, marks, renderExtra, idPrefix } = props;
	const Heading = props.headingLevel === 2 ? "h2" : "h3";
	const money = (minor: number) => formatMoney(minor, currency);
	const ordered = [...lines].sort((a, b) => a.seq - b.seq);
	const required = ordered.filter((l) => !l.optional);
	const optional = ordered.filter((l) => l.optional);

	const figures = (line: EstimateLine, counted: boolean) => (
		<>
			<td class="est-num est-col-qty">{quantityText(line.quantity)}</td>
			<td class="est-num est-col-unit">{money(line.unitPriceMinor)}</td>
			<td class={counted ? "est-num est-amount" : "est-num est-amount est-amount-out"}>
				{line.optional ? `+${money(line.totalMinor)}` : money(line.totalMinor)}
			</td>
		</>
	);
	const meta = (line: EstimateLine) => (
		<span class="est-line-meta">
			{t("estimate.lines.times", {
				quantity: quantityText(line.quantity),
				price: money(line.unitPriceMinor),
			})}
		</span>
	);

	return (
		<div class="est-lines">
			{required.length ? (
				<table class="est-lines-table">
					<caption class="visually-hidden">{t("estimate.lines.caption")}</caption>
					<Head />
					<tbody>
						{required.map((line) => (
							<tr key={line.id} class={marks?.get(line.id) ? "est-line est-line-marked" : "est-line"}>
								<td class="est-line-what">
									<span class="est-line-description">{line.description}</span>
									<LineMarkTag mark={marks?.get(line.id)} />
									{meta(line)}
									{renderExtra?.(line)}
								</td>
								{figures(line, true)}
							</tr>
						))}
					</tbody>
				</table>
			) : null}
			{optional.length ? (
				<section class="est-optional" aria-labelledby={`${idPrefix}-optional`}>
					<Heading id={`${idPrefix}-optional`} class="est-optional-title">
						{t("estimate.lines.optionalTitle")}
					</Heading>
					<p class="est-optional-hint">
						{onToggle ? t("estimate.lines.optionalHintTick") : t("estimate.lines.optionalHint")}
					</p>
					<table class="est-lines-table est-lines-optional">
						<caption class="visually-hidden">{t("estimate.lines.optionalTitle")}</caption>
						<Head />
						<tbody>
							{optional.map((line) => {
								const on = selected?.has(line.id) ?? false;
								const box = `${idPrefix}-opt-${line.id}`;
								return (
									<tr
										key={line.id}
										class={[
											"est-line",
											on ? "est-line-on" : "",
											marks?.get(line.id) ? "est-line-marked" : "",
										].join(" ")}
									>
										<td class="est-line-what">
											{onToggle ? (
												<label class="est-check" for={box}>
													<input
														id={box}
														type="checkbox"
														checked={on}
														disabled={props.toggleDisabled}
														onChange={(e) => onToggle(line.id, e.currentTarget.checked)}
													/>
													<span class="est-line-description">{line.description}</span>
												</label>
											) : (
												<span class="est-line-description">{line.description}</span>
											)}
											<LineMarkTag mark={marks?.get(line.id)} />
											{meta(line)}
											{renderExtra?.(line)}
										</td>
										{figures(line, on)}
									</tr>
								);
							})}
						</tbody>
					</table>
				</section>
			) : null}
		</div>
	);
}
