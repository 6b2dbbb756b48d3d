import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide";
import { useLayoutEffect, useRef } from "preact/hooks";
import { parseQuantityMilli } from "../../../../workers/domain/estimates/quantity";
import { lineTotalMinor } from "../../../../workers/domain/estimates/totals";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Icon } from "../../shared/ui/Icon";
import { emptyLine, type LineDraft, parseMoneyMinor } from "./lineDraft";
import "./line-editor.css";

type Props = {
	idPrefix: string;
	lines: LineDraft[];
	currency: string;
	digits: number;
	errors: Record<string, string | undefined>;
	readOnly: boolean;
	onChange: (lines: LineDraft[]) => void;
	/** Estimates: each line can be marked optional, for the customer to tick. */
	optionalLines?: boolean;
};

/** A line's fields as the API names them in its issues (`lines.2.unitPriceMinor`). */
const LINE_FIELDS = ["description", "quantity", "unitPriceMinor", "optional"] as const;

/** The element id of one line's control: the error summary links to it. */
export const lineFieldId = (idPrefix: string, index: number, field: string) =>
	`${idPrefix}-line-${index}-${field}`;

/** A line's amount as it will print, or "—" while a figure is missing. */
function amountText(line: LineDraft, currency: string, digits: number): string {
	const milli = parseQuantityMilli(line.quantity);
	const price = parseMoneyMinor(line.unitPrice, digits);
	if (milli === null || price === null) return "—";
	return formatMoney(lineTotalMinor({ quantityMilli: milli, unitPriceMinor: price }), currency);
}

/**
 * The lines of the estimate or invoice being written: description, quantity, unit price (and, on
 * an estimate, whether it is optional), each with its amount; lines are added, removed and moved
 * up or down, and focus follows a moved line.
 */
export function LineEditor({
	idPrefix,
	lines,
	currency,
	digits,
	errors,
	readOnly,
	onChange,
	optionalLines = false,
}: Props) {
	const focusAfterMove = useRef<{ key: string; control: string } | null>(null);
	const listRef = useRef<HTMLOListElement>(null);

	// In the commit, not after paint: focus moved a frame later would land while the person (or a
	// test) is already typing in another field, and take the rest of their keystrokes with it.
	useLayoutEffect(() => {
		const wanted = focusAfterMove.current;
		if (!wanted) return;
		focusAfterMove.current = null;
		listRef.current
			?.querySelector<HTMLElement>(`[data-line="${wanted.key}"] [data-control="${wanted.control}"]`)
			?.focus();
	});

	const set = (index: number, change: Partial<LineDraft>) =>
		onChange(lines.map((l, i) => (i === index ? { ...l, ...change } : l)));

	function move(index: number, by: -1 | 1) {
		const target = index + by;
		const line = lines[index];
		const other = lines[target];
		if (!line || !other) return;
		const next = [...lines];
		next[index] = other;
		next[target] = line;
		// At the top or bottom the button it was moved with is disabled: keep focus on the other one.
		const edge = target === 0 || target === lines.length - 1;
		focusAfterMove.current = {
			key: line.key,
			control: edge ? (by < 0 ? "down" : "up") : by < 0 ? "up" : "down",
		};
		onChange(next);
	}

	function remove(index: number) {
		const next = lines.filter((_, i) => i !== index);
		const neighbour = next[Math.min(index, next.length - 1)];
		if (neighbour) focusAfterMove.current = { key: neighbour.key, control: "description" };
		onChange(next);
	}

	function add() {
		const line = emptyLine();
		focusAfterMove.current = { key: line.key, control: "description" };
		onChange([...lines, line]);
	}

	return (
		<div class="line-editor">
			<div class="line-editor-head" aria-hidden="true">
				<span>{t("lines.editor.description")}</span>
				<span>{t("lines.editor.quantity")}</span>
				<span>{t("lines.editor.unitPrice", { currency })}</span>
				<span>{t("lines.editor.amount")}</span>
				<span />
			</div>
			<ol class="line-editor-rows" ref={listRef}>
				{lines.map((line, i) => {
					const fid = (field: string) => lineFieldId(idPrefix, i, field);
					const error = (field: string) => errors[`lines.${i}.${field}`];
					const described = (field: string) => (error(field) ? `${fid(field)}-error` : undefined);
					const n = i + 1;
					return (
						<li key={line.key} class="line-row" data-line={line.key}>
							<div class="line-cell line-cell-description">
								<label class="line-label" for={fid("description")}>
									<span class="visually-hidden">{t("lines.editor.line", { n })} </span>
									<span class="line-label-text">{t("lines.editor.field", { field: "description" })}</span>
								</label>
								<input
									id={fid("description")}
									data-control="description"
									class="field-input"
									type="text"
									maxLength={500}
									readOnly={readOnly}
									value={line.description}
									aria-invalid={error("description") ? "true" : undefined}
									aria-describedby={described("description")}
									onInput={(e) => set(i, { description: e.currentTarget.value })}
								/>
								{optionalLines ? (
									<label class="check line-optional">
										<input
											type="checkbox"
											checked={line.optional}
											disabled={readOnly}
											onChange={(e) => set(i, { optional: e.currentTarget.checked })}
										/>
										{t("lines.editor.optional")}
									</label>
								) : null}
							</div>
							<div class="line-cell line-cell-qty">
								<label class="line-label" for={fid("quantity")}>
									<span class="visually-hidden">{t("lines.editor.line", { n })} </span>
									<span class="line-label-text">{t("lines.editor.field", { field: "quantity" })}</span>
								</label>
								<input
									id={fid("quantity")}
									class="field-input line-number"
									type="text"
									inputMode="decimal"
									autocomplete="off"
									readOnly={readOnly}
									value={line.quantity}
									aria-invalid={error("quantity") ? "true" : undefined}
									aria-describedby={described("quantity")}
									onInput={(e) => set(i, { quantity: e.currentTarget.value })}
								/>
							</div>
							<div class="line-cell line-cell-price">
								<label class="line-label" for={fid("unitPriceMinor")}>
									<span class="visually-hidden">{t("lines.editor.line", { n })} </span>
									<span class="line-label-text">{t("lines.editor.field", { field: "unitPriceMinor" })}</span>
								</label>
								<input
									id={fid("unitPriceMinor")}
									class="field-input line-number"
									type="text"
									inputMode="decimal"
									autocomplete="off"
									placeholder={digits ? `0.${"0".repeat(digits)}` : "0"}
									readOnly={readOnly}
									value={line.unitPrice}
									aria-invalid={error("unitPriceMinor") ? "true" : undefined}
									aria-describedby={described("unitPriceMinor")}
									onInput={(e) => set(i, { unitPrice: e.currentTarget.value })}
								/>
							</div>
							<p class="line-cell line-cell-amount">
								<span class="line-label">{t("lines.editor.amount")}</span>
								<span class={line.optional ? "line-amount line-amount-optional" : "line-amount"}>
									{amountText(line, currency, digits)}
								</span>
							</p>
							<div class="line-cell line-cell-actions">
								<button
									type="button"
									class="icon-button"
									data-control="up"
									aria-label={t("lines.editor.moveUp", { n })}
									disabled={readOnly || i === 0}
									onClick={() => move(i, -1)}
								>
									<Icon icon={ArrowUp} size={16} />
								</button>
								<button
									type="button"
									class="icon-button"
									data-control="down"
									aria-label={t("lines.editor.moveDown", { n })}
									disabled={readOnly || i === lines.length - 1}
									onClick={() => move(i, 1)}
								>
									<Icon icon={ArrowDown} size={16} />
								</button>
								<button
									type="button"
									class="icon-button icon-button-danger"
									data-control="remove"
									aria-label={t("lines.editor.remove", { n })}
									disabled={readOnly || lines.length === 1}
									onClick={() => remove(i)}
								>
									<Icon icon={Trash2} size={16} />
								</button>
							</div>
							{LINE_FIELDS.some((field) => error(field)) ? (
								<div class="line-errors">
									{LINE_FIELDS.map((field) =>
										error(field) ? (
											<p key={field} id={`${fid(field)}-error`} class="field-error">
												{error(field)}
											</p>
										) : null,
									)}
								</div>
							) : null}
						</li>
					);
				})}
			</ol>
			<Button variant="secondary" icon={Plus} disabled={readOnly} onClick={add}>
				{t("lines.editor.add")}
			</Button>
		</div>
	);
}
