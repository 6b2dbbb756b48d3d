/** One sliding-window limit on sign-in emails. */
export type SendLimit = { bucket: string; max: number; windowMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const EMAIL_SHORT_LIMIT = { max: 3, windowMs: 15 * MINUTE };
export const EMAIL_DAILY_LIMIT = { max: 10, windowMs: DAY };
export const IP_HOURLY_LIMIT = { max: 20, windowMs: HOUR };

/** The longest window any limit uses: events older than this can be forgotten. */
export const LONGEST_WINDOW_MS = DAY;

/**
 * The limits one send request counts against. Unknown and blocked addresses count
 * exactly like known ones, so a refusal never reveals whether an address exists.
 */
export function sendLimitsFor(input: {
	emailNormalized: string;
	ip: string;
	tenantCeilingPerHour: number;
}): SendLimit[] {
	return [
		{ bucket: `email:${input.emailNormalized}`, ...EMAIL_SHORT_LIMIT },
		{ bucket: `email:${input.emailNormalized}`, ...EMAIL_DAILY_LIMIT },
		{ bucket: `ip:${input.ip}`, ...IP_HOURLY_LIMIT },
		{ bucket: "tenant", max: input.tenantCeilingPerHour, windowMs: HOUR },
	];
}

/**
 * Given the times of earlier sends in a limit's bucket, how long until one more is allowed
 * (0 when it is allowed now). Times are epoch ms; `recent` holds those inside the window.
 */
export function waitBeforeNextSend(limit: SendLimit, recent: number[], now: number): number {
	if (recent.length < limit.max) return 0;
	const sorted = [...recent].sort((a, b) => a - b);
	// The send that must fall out of the window before another fits.
	const blocking = sorted[sorted.length - limit.max] ?? now;
	return Math.max(0, blocking + limit.windowMs - now);
}

/**
 * The limit a portal invitation counts against: the tenant's hourly ceiling, shared with
 * sign-in emails, so invitations can never push a tenant past what it may send.
 */
export function inviteLimitsFor(input: { tenantCeilingPerHour: number }): SendLimit[] {
	return [{ bucket: "tenant", max: input.tenantCeilingPerHour, windowMs: HOUR }];
}
