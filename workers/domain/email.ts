/** Longest address we accept (RFC 5321 path limit less the angle brackets). */
export const EMAIL_MAX_LENGTH = 254;

export type EmailParseResult =
	| { ok: true; email: string; normalized: string }
	| { ok: false; reason: string };

// After NFKC and lowercasing: one local part without quotes, spaces or separators,
// one domain of dot-separated labels with a letter TLD.
const ADDRESS_SHAPE =
	/^[a-z0-9.!#$%&'*+/=?^_`{|}~\u00a0-\uffff-]+@(?:[a-z0-9\u00a0-\uffff](?:[a-z0-9\u00a0-\uffff-]*[a-z0-9\u00a0-\uffff])?\.)+[a-z\u00a0-\uffff]{2,}$/u;

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * Parse an email as typed by a person. `email` keeps what was typed (trimmed);
 * `normalized` (NFKC, lowercase) is the form every match uses.
 */
export function parseEmail(input: string): EmailParseResult {
	const email = input.trim();
	if (email.length === 0) return { ok: false, reason: "Enter an email address." };
	if (email.length > EMAIL_MAX_LENGTH) {
		return { ok: false, reason: `An email address has at most ${EMAIL_MAX_LENGTH} characters.` };
	}
	if (CONTROL_CHARACTERS.test(email))
		return { ok: false, reason: "The address contains control characters." };
	// Checked before NFKC, which would fold these into their ASCII look-alikes.
	if (/[\uff20\ufe6b\uff0c\uff1b]/u.test(email)) {
		return { ok: false, reason: "Use a regular @ sign, not a full-width one." };
	}
	if (/[,;\s<>]/u.test(email)) return { ok: false, reason: "Enter one email address only." };
	if (email.includes('"')) return { ok: false, reason: "Quoted addresses are not supported." };
	const normalized = email.normalize("NFKC").toLowerCase();
	if ((normalized.match(/@/g) ?? []).length !== 1)
		return { ok: false, reason: "Enter one email address only." };
	if (normalized.length > EMAIL_MAX_LENGTH || !ADDRESS_SHAPE.test(normalized)) {
		return { ok: false, reason: "Enter a valid email address, like name@example.com." };
	}
	const local = normalized.slice(0, normalized.indexOf("@"));
	if (local.startsWith(".") || local.endsWith(".") || local.includes("..") || local.length > 64) {
		return { ok: false, reason: "Enter a valid email address, like name@example.com." };
	}
	return { ok: true, email, normalized };
}

/** The matching form of an email already accepted by `parseEmail`, or of a legacy typed value. */
export function normalizeEmail(input: string): string {
	return input.trim().normalize("NFKC").toLowerCase();
}
