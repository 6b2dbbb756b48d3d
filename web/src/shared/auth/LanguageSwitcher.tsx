import { useId, useState } from "preact/hooks";
import { locales } from "../../../../schema/locales";
import { chooseLocale, type Locale, t, wantedLocale } from "../i18n/i18n";
import "./language.css";
import { type Area, useSession } from "./session";

/** Each language by its own name, so someone who cannot read the current one still finds theirs. */
const NATIVE_NAME: Record<Locale, string> = { en: "English", es: "Español" };

type Props = { area: Area; slug: string };

/**
 * The page's language: remembered on this device, and once signed in stored as the person's
 * choice, which their emails follow too.
 */
export function LanguageSwitcher({ area, slug }: Props) {
	const session = useSession(area, slug);
	const [error, setError] = useState<string>();
	const signedIn = session.state.status === "signed-in";

	async function saved(locale: Locale) {
		setError(undefined);
		if (!signedIn) return;
		try {
			await session.saveLocale(locale);
		} catch {
			setError(t("language.notSaved"));
		}
	}

	return <LanguagePicker onChosen={saved} error={error} />;
}

/** The language select alone, remembered on this device: for pages outside any tenant (`/start`). */
export function LanguagePicker({
	onChosen,
	error,
}: {
	onChosen?: (locale: Locale) => void | Promise<void>;
	error?: string;
}) {
	const id = useId();
	return (
		<div class="language-switcher">
			<label for={`${id}-language`}>{t("language.label")}</label>
			<select
				id={`${id}-language`}
				value={wantedLocale.value}
				onChange={(e) => {
					const value = e.currentTarget.value;
					const locale = locales.find((l) => l === value);
					if (!locale) return;
					chooseLocale(locale);
					void onChosen?.(locale);
				}}
			>
				{locales.map((locale) => (
					<option key={locale} value={locale} lang={locale}>
						{NATIVE_NAME[locale]}
					</option>
				))}
			</select>
			{error ? (
				<p class="notice notice-error" role="alert">
					{error}
				</p>
			) : null}
		</div>
	);
}
