import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { endedSessions } from "../../schema/tables/access";
import type { Audience } from "../../schema/tables/auth";
import { sessions } from "../../schema/tables/auth";
import type { AppEnv } from "../app-env";
import { recordAudit } from "../domain/activity/audit";
import { accessEnded, endedSessionReason } from "../domain/sign-in/access-ended";
import type { Me } from "../domain/sign-in/audiences";
import { forgetSignIn, rememberSignIn } from "../domain/sign-in/recent-sign-ins";
import {
	deleteSessionStatement,
	SESSION_TOUCH_INTERVAL_MS,
	sessionEndReason,
} from "../domain/sign-in/sessions";
import { customerBlocked } from "../domain/sign-in/sign-in";
import type { SignIn } from "../domain/sign-in/signed-in";
import { AppError } from "../errors";
import { requestMeta } from "../request-meta";
import { cookieSessionHash } from "./tenant";

const pick = (s: { idHash: string; tenantId: string; audience: Audience; subjectId: string }) => ({
	idHash: s.idHash,
	tenantId: s.tenantId,
	audience: s.audience,
	subjectId: s.subjectId,
});

export const notSignedIn = () => new AppError(401, "unauthorized", "Please sign in.");

/**
 * The 401 of a request whose session is gone: when someone ended it (a block, a removal, sign
 * out everywhere), its code says why and its message what to do; otherwise "Please sign in."
 */
export async function signedOutAnswer(c: Context<AppEnv>): Promise<AppError> {
	const hash = await cookieSessionHash(c);
	const tenant = c.var.tenant;
	const reason = hash && tenant ? await endedSessionReason(c.var.db, tenant.id, hash) : undefined;
	return reason ? accessEnded(reason, tenant) : notSignedIn();
}

/**
 * Puts the session `resolveTenant` read onto `c.var.session` and its person onto `c.var.me`.
 * No or dead session, or one from another tenant: 401. Another audience's session: 403.
 * Answers of signed-in routes are never cached.
 */
export function requireSession(audience: Audience) {
	return createMiddleware<AppEnv>(async (c, next) => {
		c.header("Cache-Control", "no-store");
		const { signIn } = c.var;
		// resolveTenant read the session of this tenant that the cookie names, if any.
		if (signIn === undefined) throw new Error("requireSession must follow resolveTenant");
		await admitSession(c, audience, signIn);
		await next();
	});
}

/**
 * Decides on a session as just read from D1 (with `c.var.tenant` read in the same statement):
 * sets `c.var.session` and `c.var.me`, or ends a dead session (deleted, audited) and throws
 * 401, or 403 for a blocked customer or another audience's session.
 */
export async function admitSession(
	c: Context<AppEnv>,
	audience: Audience,
	signIn: SignIn | null,
): Promise<Me> {
	const { db, tenant } = c.var;
	if (!signIn) throw await signedOutAnswer(c);
	const { session } = signIn;
	if (session.audience !== audience) {
		throw new AppError(403, "forbidden", "This account cannot use this part of the site.");
	}
	const now = Date.now();
	const ended = sessionEndReason(session, now);
	const me = ended ? undefined : signIn.person;
	if (me === undefined || me === "blocked") {
		forgetSignIn(session.idHash);
		if (!ended) {
			// Refused for who they are now, not for time: the next request is told why.
			const reason = me === "blocked" ? "blocked" : "access_removed";
			await db
				.insert(endedSessions)
				.values({ ...pick(session), reason, createdAt: now })
				.onConflictDoNothing()
				.run();
		}
		await deleteSessionStatement(db, session.idHash).run();
		await recordAudit(db, {
			tenantId: tenant.id,
			actorType: audience === "customer" ? "contact" : audience,
			actorId: session.subjectId,
			action: "auth.session_ended",
			data: { reason: ended ?? (me === "blocked" ? "blocked" : "access_revoked") },
			...requestMeta(c),
		});
		if (me === "blocked") throw customerBlocked(tenant.name);
		throw ended ? notSignedIn() : accessEnded("access_removed", tenant);
	}
	// Idle-timeout bookkeeping off the answer's path, and at most once per interval.
	if (now - session.lastSeenAt > SESSION_TOUCH_INTERVAL_MS) {
		c.executionCtx.waitUntil(
			db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, session.idHash)).run(),
		);
	}
	c.set("session", session);
	c.set("me", me);
	rememberSignIn(session.idHash, { tenant, audience, me, session }, now);
	return me;
}
