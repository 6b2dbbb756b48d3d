import { t } from "../../shared/i18n/i18n";
import type { JobKind } from "../customerApi";

type Props = {
	idPrefix: string;
	legend: string;
	/** Extra classes for the fieldset. */
	class?: string;
	kinds: JobKind[];
	value: JobKind;
	disabled: boolean;
	onChange: (kind: JobKind) => void;
};

/** The choice of job kind, shown only when the tenant offers more than one. */
export function KindChoice({ idPrefix, legend, kinds, value, disabled, onChange, ...p }: Props) {
	if (kinds.length < 2) return null;
	return (
		<fieldset class={p.class ? `booking-section ${p.class}` : "booking-section"}>
			<legend>{legend}</legend>
			{kinds.map((kind) => (
				<label key={kind} class="check">
					<input
						type="radio"
						name={`${idPrefix}-kind`}
						checked={value === kind}
						disabled={disabled}
						onChange={() => onChange(kind)}
					/>
					{t("portal.book.kind", { kind })}
				</label>
			))}
		</fieldset>
	);
}
