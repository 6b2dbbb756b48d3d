import type { Audience } from "../../../schema/tables/auth";
import { sameValue } from "../same-value";
import type { Tenant } from "../tenant/tenant";
import type { Me } from "./audiences";
import type { Session } from "./sessions";

/** Who a session was on its last request in this isolate, as read fresh from D1 then. */
export type RecentSignIn = { tenant: Tenant; audience: Audience; me: Me; session: Session };

const TTL_MS = 120_000;
const MAX_ENTRIES = 1_000;

/**
 * Per isolate, keyed by session hash. Never decides authorization: it only lets a list read be
 * sent in the same round trip as the session check, built for the identity seen last time, and
 * the fresh check in that round trip decides whether the list may be answered.
 */
const recent = new Map<string, RecentSignIn & { at: number }>();

/** The identity a session of this tenant and audience had on a recent request, if any. */
export function recallSignIn(
	sessionHash: string,
	slug: string,
	audience: Audience,
	now = Date.now(),
): RecentSignIn | undefined {
	const entry = recent.get(sessionHash);
	if (!entry) return undefined;
	if (now - entry.at > TTL_MS) {
		recent.delete(sessionHash);
		return undefined;
	}
	if (entry.tenant.slug !== slug || entry.audience !== audience) return undefined;
	return { tenant: entry.tenant, audience: entry.audience, me: entry.me, session: entry.session };
}

/** Records what a fresh session check found. */
export function rememberSignIn(sessionHash: string, signIn: RecentSignIn, now = Date.now()): void {
	recent.delete(sessionHash);
	if (recent.size >= MAX_ENTRIES) {
		// Maps keep insertion order: the first key is the least recently refreshed.
		const oldest = recent.keys().next().value;
		if (oldest !== undefined) recent.delete(oldest);
	}
	recent.set(sessionHash, { ...signIn, at: now });
}

export function forgetSignIn(sessionHash: string): void {
	recent.delete(sessionHash);
}

/** Whether a fresh check found the same tenant and person a read was built for (key order aside). */
export function sameSignIn(a: RecentSignIn, b: RecentSignIn): boolean {
	return a.audience === b.audience && sameValue(a.tenant, b.tenant) && sameValue(a.me, b.me);
}

/**
 * Whether a fresh check found the same person in the same tenant, whatever else of the tenant
 * changed (its branding, its settings): what an answer built without `readSignedIn` must hold.
 */
export function sameIdentity(a: RecentSignIn, b: RecentSignIn): boolean {
	return (
		a.audience === b.audience &&
		a.tenant.id === b.tenant.id &&
		a.tenant.slug === b.tenant.slug &&
		sameValue(a.me, b.me)
	);
}
