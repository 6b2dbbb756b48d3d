import { useEffect, useState } from "preact/hooks";
import { TextField } from "../fields";
import { t } from "../i18n/i18n";

type Props = {
	/** Prefix of the two inputs' ids. */
	id: string;
	from: string;
	to: string;
	onFrom: (value: string) => void;
	onTo: (value: string) => void;
	fromLabel: string;
	toLabel: string;
	/** Fold on a phone (the default); off where the page already folds its filters. */
	foldable?: boolean;
};

const WIDE = "(min-width: 40rem)";

/** Whether the screen is wide enough to show filters in full; follows the window as it resizes. */
function useWide(): boolean {
	const [wide, setWide] = useState(() => typeof matchMedia === "function" && matchMedia(WIDE).matches);
	useEffect(() => {
		if (typeof matchMedia !== "function") return;
		const query = matchMedia(WIDE);
		const follow = () => setWide(query.matches);
		query.addEventListener("change", follow);
		return () => query.removeEventListener("change", follow);
	}, []);
	return wide;
}

/**
 * A from–to pair of date fields. On a wide screen both show; on a phone they fold under
 * "Dates" (open when a date is set), so the list starts near the top instead of below a form.
 */
export function DateRangeFields(props: Props) {
	return props.foldable === false ? <DatePair {...props} /> : <FoldingDates {...props} />;
}

function FoldingDates(props: Props) {
	const { from, to } = props;
	const wide = useWide();
	const [opened, setOpened] = useState(Boolean(from || to));
	const open = wide || opened || Boolean(from || to);
	return (
		<details
			class="date-range"
			open={open}
			onToggle={(e) => setOpened((e.currentTarget as HTMLDetailsElement).open)}
		>
			<summary>{from || to ? t("filters.dates.set") : t("filters.dates")}</summary>
			<DatePair {...props} />
		</details>
	);
}

function DatePair({ id, from, to, onFrom, onTo, fromLabel, toLabel }: Props) {
	return (
		<div class="field-pair">
			<TextField
				id={`${id}-from`}
				label={fromLabel}
				type="date"
				value={from}
				max={to || undefined}
				onInput={(e) => onFrom(e.currentTarget.value)}
			/>
			<TextField
				id={`${id}-to`}
				label={toLabel}
				type="date"
				value={to}
				min={from || undefined}
				onInput={(e) => onTo(e.currentTarget.value)}
			/>
		</div>
	);
}
