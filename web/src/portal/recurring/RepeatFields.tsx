import { t } from "../../shared/i18n/i18n";
import { WEEKDAY_CODES, type WeekdayCode, weekdayName } from "./recurringApi";

/** What the booking form's "Repeat" section holds. */
export type RepeatDraft = {
	on: boolean;
	every: "weekday" | "week" | "month";
	days: WeekdayCode[];
	dayOfMonth: number;
	time: string;
	startsOn: string;
};

/** "Repeat on a schedule" from a past job opens the booking form with the section ticked (`on`). */
export const newRepeatDraft = (on: boolean, startsOn: string, time: string): RepeatDraft => ({
	on,
	every: "weekday",
	days: ["MO"],
	dayOfMonth: 1,
	time,
	startsOn,
});

/** The `repeat` of `POST /recurring` for the draft. */
export function repeatBody(r: RepeatDraft) {
	if (r.every === "weekday") return { every: "weekday" as const, time: r.time };
	if (r.every === "week") return { every: "week" as const, days: r.days, time: r.time };
	return { every: "month" as const, dayOfMonth: r.dayOfMonth, time: r.time };
}

type Props = {
	idPrefix: string;
	value: RepeatDraft;
	disabled: boolean;
	errors: Partial<Record<string, string>>;
	onChange: (next: RepeatDraft) => void;
};

/** "Repeat this booking": every weekday, some days of each week, or one day of each month. */
export function RepeatFields({ idPrefix, value, disabled, errors, onChange }: Props) {
	const id = (name: string) => `${idPrefix}-repeat-${name}`;
	const set = (change: Partial<RepeatDraft>) => onChange({ ...value, ...change });
	const error = (field: string) =>
		errors[field] ? (
			<p class="field-error" id={id(`${field}-error`)}>
				{errors[field]}
			</p>
		) : null;
	return (
		<fieldset class="booking-section repeat-fields">
			<legend>{t("portal.recurring.legend")}</legend>
			<label class="check">
				<input
					type="checkbox"
					checked={value.on}
					disabled={disabled}
					onChange={(e) => set({ on: e.currentTarget.checked })}
				/>
				{t("portal.recurring.repeatThis")}
			</label>
			{value.on ? (
				<div class="repeat-details">
					<fieldset>
						<legend>{t("portal.recurring.how")}</legend>
						{(["weekday", "week", "month"] as const).map((every) => (
							<label class="check" key={every}>
								<input
									type="radio"
									name={id("every")}
									checked={value.every === every}
									disabled={disabled}
									onChange={() => set({ every })}
								/>
								{every === "weekday"
									? t("portal.recurring.choice.weekday")
									: every === "week"
										? t("portal.recurring.choice.week")
										: t("portal.recurring.choice.month")}
							</label>
						))}
					</fieldset>
					{value.every === "week" ? (
						<fieldset aria-describedby={errors["repeat.days"] ? id("repeat.days-error") : undefined}>
							<legend>{t("portal.recurring.days")}</legend>
							<div class="repeat-days">
								{WEEKDAY_CODES.map((code) => (
									<label class="check" key={code}>
										<input
											type="checkbox"
											checked={value.days.includes(code)}
											disabled={disabled}
											onChange={(e) =>
												set({
													days: e.currentTarget.checked
														? WEEKDAY_CODES.filter((d) => d === code || value.days.includes(d))
														: value.days.filter((d) => d !== code),
												})
											}
										/>
										{weekdayName(code)}
									</label>
								))}
							</div>
							{error("repeat.days")}
						</fieldset>
					) : null}
					{value.every === "month" ? (
						<div class="field">
							<label for={id("day")}>{t("portal.recurring.dayOfMonth")}</label>
							<input
								id={id("day")}
								type="number"
								min={1}
								max={28}
								value={value.dayOfMonth}
								disabled={disabled}
								onInput={(e) => set({ dayOfMonth: Number(e.currentTarget.value) })}
							/>
							{error("repeat.dayOfMonth")}
						</div>
					) : null}
					<div class="field">
						<label for={id("time")}>{t("portal.recurring.time")}</label>
						<input
							id={id("time")}
							type="time"
							value={value.time}
							disabled={disabled}
							required
							onInput={(e) => set({ time: e.currentTarget.value })}
						/>
						{error("repeat.time")}
					</div>
					<div class="field">
						<label for={id("starts")}>{t("portal.recurring.startsOn")}</label>
						<input
							id={id("starts")}
							type="date"
							value={value.startsOn}
							disabled={disabled}
							required
							onInput={(e) => set({ startsOn: e.currentTarget.value })}
						/>
						{error("startsOn")}
					</div>
				</div>
			) : null}
		</fieldset>
	);
}
