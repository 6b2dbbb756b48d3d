import { t } from "../i18n/i18n";

type Props = {
	name: string;
	legend: string;
	hint?: string;
	type: "stars" | "nps";
	range: { min: number; max: number };
	value: number | null;
	disabled: boolean;
	error?: string;
	/** A category's row: smaller, under the overall score. */
	compact?: boolean;
	onChange: (value: number) => void;
};

/**
 * One score as a group of native radios (arrow keys move, Space picks), each labelled with its
 * number: stars show filled up to the choice, NPS a row of 0–10 buttons.
 */
export function ScoreRadios({
	name,
	legend,
	hint,
	type,
	range,
	value,
	disabled,
	error,
	compact,
	onChange,
}: Props) {
	const hintId = `${name}-hint`;
	const errorId = `${name}-error`;
	const describedBy = [error ? errorId : "", hint ? hintId : ""].filter(Boolean).join(" ") || undefined;
	const scores = Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
	return (
		<fieldset
			class={["score-radios", `score-radios-${type}`, compact ? "score-radios-compact" : ""].join(" ")}
			aria-describedby={describedBy}
		>
			<legend>{legend}</legend>
			{hint ? (
				<p id={hintId} class="field-hint">
					{hint}
				</p>
			) : null}
			<div class="score-options">
				{scores.map((n) => (
					<label
						key={n}
						class={[
							"score-option",
							value === n ? "score-chosen" : "",
							type === "stars" && value !== null && n <= value ? "score-lit" : "",
						].join(" ")}
					>
						<input
							type="radio"
							class="score-input"
							name={name}
							value={String(n)}
							checked={value === n}
							disabled={disabled}
							aria-invalid={error ? "true" : undefined}
							onChange={() => onChange(n)}
						/>
						<span class="score-face" aria-hidden="true">
							{type === "stars" ? "★" : n}
						</span>
						<span class="visually-hidden">
							{type === "stars" ? t("survey.stars", { count: n }) : t("survey.points", { count: n })}
						</span>
					</label>
				))}
			</div>
			{error ? (
				<p id={errorId} class="field-error">
					{error}
				</p>
			) : null}
		</fieldset>
	);
}
