/**
 * Throwaway-mailbox services: a sign-up from one is refused, since its owner cannot be reached
 * again. A small list of the most used, not a complete one; the per-domain limit does the rest.
 */
const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set([
	"mailinator.com",
	"guerrillamail.com",
	"guerrillamail.net",
	"sharklasers.com",
	"10minutemail.com",
	"10minutemail.net",
	"temp-mail.org",
	"tempmail.com",
	"tempmailo.com",
	"throwawaymail.com",
	"yopmail.com",
	"yopmail.net",
	"trashmail.com",
	"getnada.com",
	"maildrop.cc",
	"dispostable.com",
	"fakeinbox.com",
	"mintemail.com",
	"mohmal.com",
	"emailondeck.com",
	"spamgourmet.com",
	"mailnesia.com",
	"discard.email",
	"moakt.com",
	"burnermail.io",
]);

/**
 * Mailbox providers shared by millions: counting sign-ups per domain there would let a few
 * strangers lock everyone else out, so those are counted per address instead.
 */
const SHARED_MAIL_DOMAINS: ReadonlySet<string> = new Set([
	"gmail.com",
	"googlemail.com",
	"outlook.com",
	"hotmail.com",
	"live.com",
	"yahoo.com",
	"icloud.com",
	"me.com",
	"aol.com",
	"proton.me",
	"protonmail.com",
	"gmx.com",
	"gmx.net",
]);

/** The domain of a normalized address. */
export const emailDomainOf = (emailNormalized: string) =>
	emailNormalized.slice(emailNormalized.lastIndexOf("@") + 1);

/** Whether the domain, or one it is a subdomain of, is a throwaway-mailbox service. */
export function isDisposableDomain(domain: string): boolean {
	const labels = domain.split(".");
	for (let i = 0; i < labels.length - 1; i++) {
		if (DISPOSABLE_DOMAINS.has(labels.slice(i).join("."))) return true;
	}
	return false;
}

export const isSharedMailDomain = (domain: string) => SHARED_MAIL_DOMAINS.has(domain);
