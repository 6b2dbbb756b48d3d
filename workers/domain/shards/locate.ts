import { eq } from "drizzle-orm";
import { signInTokens } from "../../../schema/tables/auth";
import { checkoutSessions } from "../../../schema/tables/invoices";
import { trackingLinks } from "../../../schema/tables/jobs";
import type { Db } from "../../db";
import { sha256Hex } from "../secrets";

/**
 * Looks for what a tenant-less address names, on one shard: asked of each shard in turn when
 * there are several (`shardWhere`), of none when there is one. One indexed read each.
 */

export async function trackingLinkOnShard(db: Db, token: string): Promise<boolean> {
	if (token.length < 20 || token.length > 128) return false;
	const row = await db
		.select({ id: trackingLinks.id })
		.from(trackingLinks)
		.where(eq(trackingLinks.tokenHash, await sha256Hex(token)))
		.get();
	return row !== undefined;
}

export async function checkoutOnShard(db: Db, checkoutId: string): Promise<boolean> {
	if (checkoutId.length > 64) return false;
	const row = await db
		.select({ id: checkoutSessions.id })
		.from(checkoutSessions)
		.where(eq(checkoutSessions.id, checkoutId))
		.get();
	return row !== undefined;
}

export async function signInTokenOnShard(db: Db, token: string): Promise<boolean> {
	if (token.length < 16 || token.length > 256) return false;
	const row = await db
		.select({ id: signInTokens.id })
		.from(signInTokens)
		.where(eq(signInTokens.tokenHash, await sha256Hex(token)))
		.get();
	return row !== undefined;
}
