import { DEFAULT_LOCALE, type Locale, locales } from "../../schema/locales";

export { DEFAULT_LOCALE, type Locale, locales };

export const isLocale = (value: unknown): value is Locale =>
	typeof value === "string" && (locales as readonly string[]).includes(value);

/**
 * The first language we speak among `wanted`, best first: the person's stored choice, then what
 * their browser asks for ("es-MX" is Spanish), then `fallback`, the tenant's default.
 * The same rule picks a page's language in the browser and an email's in the Worker.
 */
export function negotiateLocale(wanted: Iterable<string | null | undefined>, fallback: Locale): Locale {
	for (const tag of wanted) {
		const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
		if (isLocale(language)) return language;
	}
	return fallback;
}
