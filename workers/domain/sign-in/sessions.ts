import { and, eq } from "drizzle-orm";
import { type Audience, sessions } from "../../../schema/tables/auth";
import type { Db } from "../../db";
import { newSecret, sha256Hex } from "../secrets";

export const SESSION_COOKIE = "__Host-session";
export const SESSION_IDLE_MS = 14 * 24 * 3_600_000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3_600_000;
/** lastSeenAt is refreshed at most this often, so reads do not turn into writes. */
export const SESSION_TOUCH_INTERVAL_MS = 3_600_000;

export type Session = typeof sessions.$inferSelect;

/** Starts a session; the id goes in the cookie, only its hash in the database. */
export async function createSession(
	db: Db,
	input: {
		tenantId: string;
		audience: Audience;
		subjectId: string;
		ip: string | null;
		userAgent: string | null;
	},
	now = Date.now(),
): Promise<{ id: string; session: Session }> {
	const id = newSecret();
	const session: Session = {
		idHash: await sha256Hex(id),
		...input,
		createdAt: now,
		lastSeenAt: now,
		expiresAt: now + SESSION_ABSOLUTE_MS,
	};
	await db.insert(sessions).values(session);
	return { id, session };
}

/** Why a session can no longer be used, or null while it is alive. */
export function sessionEndReason(session: Session, now: number): "idle" | "expired" | null {
	if (now >= session.expiresAt) return "expired";
	if (now - session.lastSeenAt >= SESSION_IDLE_MS) return "idle";
	return null;
}

export function deleteSessionStatement(db: Db, idHash: string) {
	return db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Every session of one person in one tenant and audience: "sign out everywhere", or a block. */
export function deleteSubjectSessionsStatement(
	db: Db,
	who: { tenantId: string; audience: Audience; subjectId: string },
) {
	return db
		.delete(sessions)
		.where(
			and(
				eq(sessions.tenantId, who.tenantId),
				eq(sessions.audience, who.audience),
				eq(sessions.subjectId, who.subjectId),
			),
		);
}
