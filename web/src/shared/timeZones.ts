/** Every IANA zone the browser knows, `current` first if the browser lacks it (UTC, an old zone). */
export function timeZoneChoices(current: string): string[] {
	const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
	return all.includes(current) ? all : [current, ...all];
}

/** The zone this browser is in, the one a person most likely works in. */
export function browserTimeZone(): string {
	try {
		return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
	} catch {
		return "UTC";
	}
}
