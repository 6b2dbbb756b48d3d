import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { signInTokens } from "../../../schema/tables/auth";
import type { Db } from "../../db";
import { newId } from "../ids";
import { constantTimeEqual, newSecret, newSixDigitCode, sha256Hex } from "../secrets";
import type { Area } from "./audiences";

export const SIGN_IN_TTL_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;

export type SignInToken = typeof signInTokens.$inferSelect;

/** The page a link opens; the token rides in the fragment, which never reaches a server log. */
export function signInLink(origin: string, area: Area, slug: string, token: string): string {
	return `${origin}/${area}/${slug}/sign-in/verify#token=${token}`;
}

// The code is hashed with its row id so equal codes of two sign-ins never share a hash.
const codeHash = (rowId: string, code: string) => sha256Hex(`${rowId}:${code}`);

/**
 * A new sign-in (link token + 6-digit code) as an insert not yet run, for a caller that must write
 * it in one atomic batch with other rows (a self-serve sign-up); only the hashes are stored.
 */
export async function signInInsert(
	db: Db,
	input: Pick<SignInToken, "tenantId" | "audience" | "emailNormalized" | "subjectId" | "ip">,
	now = Date.now(),
	/** How long the link and code work: sign-in's 10 minutes, longer for an invitation. */
	ttlMs = SIGN_IN_TTL_MS,
) {
	const token = newSecret();
	const code = newSixDigitCode();
	const id = newId("sit");
	const insert = db.insert(signInTokens).values({
		id,
		...input,
		tokenHash: await sha256Hex(token),
		codeHash: await codeHash(id, code),
		expiresAt: now + ttlMs,
		createdAt: now,
	});
	return { id, token, code, insert };
}

/** Creates a sign-in (link token + 6-digit code); only their hashes are stored. */
export async function createSignIn(
	db: Db,
	input: Pick<SignInToken, "tenantId" | "audience" | "emailNormalized" | "subjectId" | "ip">,
	now = Date.now(),
	ttlMs = SIGN_IN_TTL_MS,
): Promise<{ id: string; token: string; code: string }> {
	const { insert, ...signIn } = await signInInsert(db, input, now, ttlMs);
	await insert;
	return signIn;
}

const usable = (now: number) =>
	and(isNull(signInTokens.consumedAt), isNull(signInTokens.voidedAt), gt(signInTokens.expiresAt, now));

/**
 * Consumes a link token in one conditional UPDATE, so of any number of racing
 * requests exactly one gets the row back. Wrong tenant or audience: not consumed.
 */
export async function consumeLinkToken(
	db: Db,
	where: { tenantId: string; audience: SignInToken["audience"]; token: string },
	now = Date.now(),
): Promise<SignInToken | undefined> {
	const tokenHash = await sha256Hex(where.token);
	return db
		.update(signInTokens)
		.set({ consumedAt: now })
		.where(
			and(
				eq(signInTokens.tokenHash, tokenHash),
				eq(signInTokens.tenantId, where.tenantId),
				eq(signInTokens.audience, where.audience),
				usable(now),
			),
		)
		.returning()
		.get();
}

export type CodeCheck = { ok: true; signIn: SignInToken } | { ok: false; voided: boolean };

/**
 * Checks a code against the newest usable sign-in for the address. A wrong code counts
 * one attempt; the fifth voids that sign-in. A right code consumes it atomically.
 */
export async function consumeCode(
	db: Db,
	where: { tenantId: string; audience: SignInToken["audience"]; emailNormalized: string; code: string },
	now = Date.now(),
): Promise<CodeCheck> {
	const latest = await db
		.select()
		.from(signInTokens)
		.where(
			and(
				eq(signInTokens.tenantId, where.tenantId),
				eq(signInTokens.audience, where.audience),
				eq(signInTokens.emailNormalized, where.emailNormalized),
				usable(now),
			),
		)
		.orderBy(desc(signInTokens.createdAt))
		.limit(1)
		.get();
	if (!latest) return { ok: false, voided: false };
	if (constantTimeEqual(await codeHash(latest.id, where.code), latest.codeHash)) {
		const signIn = await db
			.update(signInTokens)
			.set({ consumedAt: now })
			.where(and(eq(signInTokens.id, latest.id), usable(now)))
			.returning()
			.get();
		return signIn ? { ok: true, signIn } : { ok: false, voided: false };
	}
	const counted = await db
		.update(signInTokens)
		.set({
			failedCodeAttempts: sql`${signInTokens.failedCodeAttempts} + 1`,
			voidedAt: sql`CASE WHEN ${signInTokens.failedCodeAttempts} + 1 >= ${MAX_CODE_ATTEMPTS} THEN ${now} ELSE NULL END`,
		})
		.where(and(eq(signInTokens.id, latest.id), usable(now)))
		.returning({ voidedAt: signInTokens.voidedAt })
		.get();
	return { ok: false, voided: counted?.voidedAt != null };
}
