import { and, eq, lt, ne, sql } from "drizzle-orm";
import { type AccessEndReason, endedSessions } from "../../../schema/tables/access";
import { type Audience, sessions } from "../../../schema/tables/auth";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "./sessions";

export type { AccessEndReason } from "../../../schema/tables/access";

/** What the tenant's `TenantGate` does for an "access ended" push: tell every open page of the person. */
export interface AccessGate {
	/** Sends `frame` to every access socket tagged `tag` but those tagged `exceptTag`, then closes them. */
	endAccess(tag: string, frame: string, exceptTag?: string): Promise<number>;
}

/** The tag of a person's access sockets in their tenant's gate. */
export const accessTag = (audience: Audience, personId: string) => `person:${audience}:${personId}`;

/** The frame every open page of the person gets: which reason, for the page to put in words. */
export type AccessEndedFrame = { type: "access_ended"; reason: AccessEndReason };

/**
 * Tells every page the person has open, at once, that their access ended and why: each app
 * keeps a light hibernatable WebSocket to the tenant's gate, tagged by person; each gets the
 * reason and is closed. `exceptSessionHash` spares the browser that did it (sign out everywhere).
 * Call it after the write that ended the sessions: a block, a removal, a deactivation.
 */
export async function announceAccessEnded(
	gate: AccessGate,
	notice: { audience: Audience; personId: string; reason: AccessEndReason; exceptSessionHash?: string },
): Promise<number> {
	const frame: AccessEndedFrame = { type: "access_ended", reason: notice.reason };
	return gate
		.endAccess(
			accessTag(notice.audience, notice.personId),
			JSON.stringify(frame),
			notice.exceptSessionHash ? `session:${notice.exceptSessionHash}` : undefined,
		)
		.catch((err: unknown) => {
			// The sessions are already gone: the next request is told with the 401's reason.
			console.error(JSON.stringify({ msg: "access-ended push failed", err: String(err) }));
			return 0;
		});
}

/**
 * Ends every session of one person in one tenant and audience for `reason`, as statements for
 * the batch that decides it: each session's hash is kept with the reason (so that browser's
 * next request is told why), then the sessions are deleted; tombstones older than any session
 * could live are dropped on the way.
 */
export function endSubjectSessionsStatements(
	db: Db,
	who: { tenantId: string; audience: Audience; subjectId: string },
	reason: AccessEndReason,
	now = Date.now(),
	/** A session ended by its own browser (it signed out everywhere): not told, it knows. */
	exceptIdHash?: string,
) {
	const told = exceptIdHash ? ne(sessions.idHash, exceptIdHash) : undefined;
	const theirs = and(
		eq(sessions.tenantId, who.tenantId),
		eq(sessions.audience, who.audience),
		eq(sessions.subjectId, who.subjectId),
	);
	return [
		db.delete(endedSessions).where(lt(endedSessions.createdAt, now - SESSION_ABSOLUTE_MS)),
		db
			.insert(endedSessions)
			.select(
				db
					.select({
						idHash: sessions.idHash,
						tenantId: sessions.tenantId,
						audience: sessions.audience,
						subjectId: sessions.subjectId,
						reason: sql<AccessEndReason>`${reason}`.as("reason"),
						createdAt: sql<number>`${now}`.as("created_at"),
					})
					.from(sessions)
					.where(and(theirs, told)),
			)
			.onConflictDoNothing(),
		db.delete(sessions).where(theirs),
	] as const;
}

/** Why the session a browser's cookie names was ended, if someone ended it. */
export async function endedSessionReason(
	db: Db,
	tenantId: string,
	idHash: string,
): Promise<AccessEndReason | undefined> {
	const row = await db
		.select({ reason: endedSessions.reason })
		.from(endedSessions)
		.where(and(eq(endedSessions.idHash, idHash), eq(endedSessions.tenantId, tenantId)))
		.get();
	return row?.reason;
}

/** How to reach the tenant, for the notice: "call Acme Courier on +1 212 555 0100". */
function reachThem(tenant: { name: string; supportPhone: string | null; supportEmail: string | null }) {
	if (tenant.supportPhone) return `call ${tenant.name} on ${tenant.supportPhone}`;
	if (tenant.supportEmail) return `write to ${tenant.name} at ${tenant.supportEmail}`;
	return `contact ${tenant.name}`;
}

/** The 401 of a browser whose session someone ended: the reason as its code, and what to do. */
export function accessEnded(
	reason: AccessEndReason,
	tenant: { name: string; supportPhone: string | null; supportEmail: string | null },
): AppError {
	const message = {
		access_removed: `Your access was removed — ${reachThem(tenant)}.`,
		blocked: `Your access to ${tenant.name} was turned off — ${reachThem(tenant)}.`,
		signed_out: "You were signed out on every device. Sign in again to go on.",
	}[reason];
	// The cookie goes with the answer: told once, the browser's next page is the sign-in form.
	return new AppError(401, reason, message, undefined, {
		"Set-Cookie": `${SESSION_COOKIE}=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax`,
	});
}
