import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Audience } from "../../schema/tables/auth";
import type { AppEnv, PendingSignIn } from "../app-env";
import type { Me } from "../domain/sign-in/audiences";
import {
	forgetSignIn,
	type RecentSignIn,
	recallSignIn,
	sameIdentity,
	sameSignIn,
} from "../domain/sign-in/recent-sign-ins";
import {
	findTenantWithSignIn,
	type TenantWithSignIn,
	tenantWithSignInQuery,
	toTenantWithSignIn,
} from "../domain/sign-in/signed-in";
import type { Tenant } from "../domain/tenant/tenant";
import { checkCustomerRule } from "./customer-rules";
import { admitSession, requireSession, signedOutAnswer } from "./session";
import { cookieSessionHash, noPortal, portalSlug, resolveTenantFor } from "./tenant";
import { countTenantRequest } from "./usage";

/** Who a read is built for. */
export type SignedInReader = { tenant: Tenant; me: Me };

/**
 * `resolveTenant` + `requireSession(audience)` for a GET whose handler reads through
 * `readSignedIn`. When this session was checked recently in this isolate, the check is not
 * run here: `c.var.tenant` and `c.var.me` are provisionally who the session was then, and
 * `readSignedIn` checks the session afresh in the same D1 round trip as its reads. Anything
 * else (other methods, upgrades, no recent check) is checked here first, as usual.
 */
export function requireSessionForRead(audience: Audience) {
	const checkNow = requireSession(audience);
	const resolveTenant = resolveTenantFor(audience);
	return createMiddleware<AppEnv>(async (c, next) => {
		const pending = await deferrableCheck(c, audience);
		c.set("pendingSignIn", pending);
		if (!pending) {
			await resolveTenant(c, async () => {
				await checkNow(c, next);
			});
			return;
		}
		c.header("Cache-Control", "no-store");
		c.set("tenant", pending.speculated.tenant);
		c.set("me", pending.speculated.me);
		c.set("session", pending.speculated.session);
		countTenantRequest(c, pending.speculated.tenant.id);
		await next();
		// A handler that answered without `readSignedIn`: check now, and answer the error instead.
		if (!pending.verified) {
			pending.verified = true;
			const fresh = await decide(
				c,
				pending,
				await findTenantWithSignIn(c.var.db, pending.slug, pending.sessionHash, pending.speculated.audience),
			);
			// An error answer stands; an answer read for someone the session no longer is does not.
			if (c.res.ok && !sameIdentity(fresh, pending.speculated)) throw new SignInChanged(c.req.raw);
		}
	});
}

/**
 * Checks a deferred session now (once), so a decision that cannot wait for the list's round
 * trip (a refusal by role) is made for who the session is now. Nothing when none is pending.
 */
export async function verifyPendingSignIn(c: Context<AppEnv>): Promise<void> {
	const pending = c.var.pendingSignIn;
	if (!pending || pending.verified) return;
	pending.verified = true;
	await decide(
		c,
		pending,
		await findTenantWithSignIn(c.var.db, pending.slug, pending.sessionHash, pending.speculated.audience),
	);
}

/** Requests answered again after `SignInChanged`: their session is checked first this time. */
const checkFirst = new WeakSet<Request>();

/**
 * A read answered for someone the session no longer is (their role changed since the last
 * request, say): the answer is discarded and the request answered again from the start,
 * with the session checked first — see `answerAgain`.
 */
export class SignInChanged extends Error {
	constructor(readonly request: Request) {
		super("the session's person changed while the request was answered");
		this.name = "SignInChanged";
	}
}

/** Answers a request again through `fetch` (the app's), its session checked before anything is read. */
export function answerAgain(
	fetch: (request: Request) => Response | Promise<Response>,
	err: SignInChanged,
): Response | Promise<Response> {
	checkFirst.add(err.request);
	return fetch(err.request);
}

async function deferrableCheck(c: Context<AppEnv>, audience: Audience): Promise<PendingSignIn | null> {
	if (c.req.method !== "GET" || c.req.header("Upgrade") || checkFirst.has(c.req.raw)) return null;
	const slug = portalSlug(c);
	const sessionHash = await cookieSessionHash(c);
	const speculated = sessionHash && recallSignIn(sessionHash, slug, audience);
	if (!sessionHash || !speculated) return null;
	return { slug, sessionHash, speculated, verified: false };
}

/** Applies a fresh session check exactly as `resolveTenant` + `requireSession` would. */
async function decide(
	c: Context<AppEnv>,
	pending: PendingSignIn,
	found: TenantWithSignIn | undefined,
): Promise<RecentSignIn> {
	if (!found) {
		forgetSignIn(pending.sessionHash);
		throw noPortal();
	}
	c.set("tenant", found.tenant);
	c.set("signIn", found.signIn);
	if (!found.signIn) {
		forgetSignIn(pending.sessionHash);
		throw await signedOutAnswer(c);
	}
	const { audience } = pending.speculated;
	const me = await admitSession(c, audience, found.signIn);
	return { tenant: found.tenant, audience, me, session: found.signIn.session };
}

type Reads = readonly [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/**
 * Runs a signed-in list's reads, built by `build` for the signed-in tenant and person, in one
 * `db.batch`. When the session check was deferred, it is the batch's first statement: the
 * reads are built for who the session was last time and answered only when the fresh check
 * admits the same tenant and person; a changed one is read again for who they are now, and a
 * dead session gets its usual 401/403 without its list.
 */
export async function readSignedIn<T extends Reads>(
	c: Context<AppEnv>,
	build: (reader: SignedInReader) => T,
): Promise<BatchResponse<T>> {
	const { db } = c.var;
	const pending = c.var.pendingSignIn;
	if (!pending || pending.verified) return db.batch(build({ tenant: c.var.tenant, me: c.var.me }));
	pending.verified = true;
	const reads = build(pending.speculated);
	const [authRows, ...rows] = await db.batch([
		tenantWithSignInQuery(db, pending.slug, pending.sessionHash, pending.speculated.audience),
		...reads,
	] as const);
	const fresh = await decide(c, pending, toTenantWithSignIn(authRows[0]));
	if (sameSignIn(fresh, pending.speculated)) return rows as unknown as BatchResponse<T>;
	// Another role now: what they may do is decided again, for who they are.
	if (fresh.audience === "customer") checkCustomerRule(c);
	return db.batch(build(fresh));
}
