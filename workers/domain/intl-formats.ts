/**
 * `Intl` formatters kept per isolate. Making one costs far more than using it (the booking
 * profile spent about 3% of its CPU building date formatters), and the same few — a tenant's
 * zone in a handful of languages — are asked for on every request. Bounded: past the limit the
 * cache starts over.
 */
const LIMIT = 500;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
	const known = cache.get(key);
	if (known) return known;
	const made = make();
	if (cache.size >= LIMIT) cache.clear();
	cache.set(key, made);
	return made;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	return cached(
		dateFormats,
		`${locale}|${JSON.stringify(options)}`,
		() => new Intl.DateTimeFormat(locale, options),
	);
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	return cached(
		numberFormats,
		`${locale}|${JSON.stringify(options)}`,
		() => new Intl.NumberFormat(locale, options),
	);
}
