import type { SendLimit } from "../sign-in/send-limits";
import { isSharedMailDomain } from "./disposable-domains";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SIGN_UP_IP_HOURLY = { max: 5, windowMs: HOUR };
export const SIGN_UP_IP_DAILY = { max: 20, windowMs: DAY };
export const SIGN_UP_DOMAIN_DAILY = { max: 3, windowMs: DAY };

/**
 * Where sign-ups are counted: the platform's `TenantGate` instance (see `platformGate`), so the
 * same sliding-window ledger that limits sign-in emails limits these too. Per IP, and per email
 * domain — per address for the big shared mailbox providers, where a domain limit would let
 * strangers lock everyone else out.
 */
export function signUpLimitsFor(input: { ip: string; emailNormalized: string; domain: string }): SendLimit[] {
	const who = isSharedMailDomain(input.domain)
		? `address:${input.emailNormalized}`
		: `domain:${input.domain}`;
	return [
		{ bucket: `sign-up-ip:${input.ip}`, ...SIGN_UP_IP_HOURLY },
		{ bucket: `sign-up-ip:${input.ip}`, ...SIGN_UP_IP_DAILY },
		{ bucket: `sign-up-${who}`, ...SIGN_UP_DOMAIN_DAILY },
	];
}
