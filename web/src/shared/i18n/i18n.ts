import { computed, effect, signal } from "@preact/signals";
import { DEFAULT_LOCALE, type Locale } from "../../../../schema/locales";
import { isLocale, negotiateLocale } from "../../../../workers/domain/locale";
import en from "./messages/compiled/en.js";
import type { MessageKey, MessageParams, Messages } from "./messages/compiled/messages";

export type { Locale, MessageKey };

/** English is the fallback, so it ships with the page; other languages load when first needed. */
const loaded: Partial<Record<Locale, Messages>> = { en };
const loaders: Record<Exclude<Locale, "en">, () => Promise<{ default: Messages }>> = {
	es: () => import("./messages/compiled/es.js"),
};

const CHOICE_KEY = "fleet-portal.locale";

function storedChoice(): Locale | null {
	try {
		const value = localStorage.getItem(CHOICE_KEY);
		return isLocale(value) ? value : null;
	} catch {
		return null; // storage refused (private mode): the choice lasts until the tab closes
	}
}

/** The signed-in person's stored choice (from `/me`). */
const preferred = signal<Locale | null>(null);
/** What was picked on this device, signed in or not. */
const chosen = signal<Locale | null>(storedChoice());
const tenantDefault = signal<Locale>(DEFAULT_LOCALE);

/** The language people should see: their choice, then their browser's, then the tenant's default. */
export const wantedLocale = computed(() =>
	negotiateLocale([preferred.value, chosen.value, ...navigator.languages], tenantDefault.value),
);

/** The language pages are shown in: the wanted one, once its catalog has arrived. */
const shown = signal<Locale>("en");

effect(() => {
	const want = wantedLocale.value;
	const ready = loaded[want];
	if (ready || want === "en") {
		shown.value = want;
		return;
	}
	loaders[want]()
		.then((module) => {
			loaded[want] = module.default;
			if (wantedLocale.peek() === want) shown.value = want;
		})
		.catch((err: unknown) => console.error("catalog failed to load", { locale: want, err: String(err) }));
});

effect(() => {
	document.documentElement.lang = shown.value;
});

type Args<K extends MessageKey> = MessageParams[K] extends undefined ? [] : [params: MessageParams[K]];

/**
 * A message in the language shown: `t("auth.email.heading", { tenant })`. Called while rendering,
 * it re-renders the component when the language changes. Keys are literals so
 * `scripts/check-messages.ts` can tell used keys from unused ones.
 */
export function t<K extends MessageKey>(key: K, ...args: Args<K>): string {
	const messages = loaded[shown.value] ?? en;
	return (messages[key] as (params: unknown) => string)(args[0]);
}

/** The language shown, for `Intl` formatters and `lang` attributes; subscribes like `t`. */
export const activeLocale = (): Locale => shown.value;

/** The tenant's default, from its branding. */
export function setTenantLocale(locale: Locale): void {
	tenantDefault.value = locale;
}

/** The signed-in person's stored choice; null when signed out or they chose none. */
export function setPreferredLocale(locale: Locale | null): void {
	preferred.value = locale;
}

/** A choice made with the language switcher: kept on this device, and wins over the browser's. */
export function chooseLocale(locale: Locale): void {
	chosen.value = locale;
	// A signed-in person changes their stored choice too (the switcher saves it).
	if (preferred.peek() !== null) preferred.value = locale;
	try {
		localStorage.setItem(CHOICE_KEY, locale);
	} catch {
		// Kept for this tab only.
	}
}

/** What was picked on this device, to store as a person's choice when they sign in. */
export const choiceOnThisDevice = (): Locale | null => chosen.peek();
