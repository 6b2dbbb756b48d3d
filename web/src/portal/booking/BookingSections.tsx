import { t } from "../../shared/i18n/i18n";
import type { StopKind } from "../customerApi";
import { BookingDetails } from "./BookingDetails";
import type { BookingDraft } from "./bookingDraft";
import { StopFields } from "./StopFields";

/** A stop's fieldset legend, also naming it in the error summary ("Pickup: …"). */
export const stopLegend = (kind: StopKind): string => t("portal.stop.kind", { kind });

/** The stops a draft of its kind has, in the order the form shows them. */
export const draftStops = (draft: BookingDraft): readonly StopKind[] =>
	draft.kind === "pickup_delivery" ? ["pickup", "dropoff"] : ["service"];

type Props = Pick<
	Parameters<typeof StopFields>[0],
	"idPrefix" | "choices" | "errors" | "readOnly" | "saveLabel"
> & {
	draft: BookingDraft;
	timeZone: string;
	onChange: (draft: BookingDraft) => void;
};

/** Everything a booking asks after its kind: the kind's stops, then when and what. */
export function BookingSections({ draft, timeZone, onChange, ...common }: Props) {
	return (
		<>
			{draftStops(draft).map((stopKind) => (
				<StopFields
					key={stopKind}
					{...common}
					stopKind={stopKind}
					legend={stopLegend(stopKind)}
					instructionsLabel={t("portal.stopFields.instructions", { kind: stopKind })}
					stop={draft[stopKind]}
					onChange={(stop) => onChange({ ...draft, [stopKind]: stop })}
				/>
			))}
			<BookingDetails
				idPrefix={common.idPrefix}
				draft={draft}
				timeZone={timeZone}
				errors={common.errors}
				readOnly={common.readOnly}
				onChange={onChange}
			/>
		</>
	);
}
