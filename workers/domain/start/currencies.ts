/** The currencies a fleet may start with (ISO 4217); an admin can ask for others later. */
export const SIGN_UP_CURRENCIES = [
	"USD",
	"CAD",
	"MXN",
	"EUR",
	"GBP",
	"AUD",
	"NZD",
	"BRL",
	"COP",
	"CLP",
	"PEN",
	"ARS",
	"CHF",
	"SEK",
	"NOK",
	"DKK",
	"PLN",
	"JPY",
	"INR",
	"ZAR",
] as const;

/** Whether the runtime knows the IANA zone (`America/New_York`); `Intl` throws RangeError otherwise. */
export function isKnownTimeZone(zone: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
	try {
		new Intl.DateTimeFormat("en", { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
