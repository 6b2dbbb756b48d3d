import { and, count, eq, lt, sql } from "drizzle-orm";
import { shardDirectory } from "../../../schema/tables/shards";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";

/**
 * The tenant directory: which shard each tenant is on. Every function here takes shard 0's
 * client (the directory's home). A tenant without a row is on shard 0.
 */

export type DirectoryEntry = { slug: string; tenantId: string; shard: number };

const entryColumns = {
	slug: shardDirectory.slug,
	tenantId: shardDirectory.tenantId,
	shard: shardDirectory.shard,
};

export async function directoryEntryOfSlug(directory: Db, slug: string): Promise<DirectoryEntry | undefined> {
	return directory.select(entryColumns).from(shardDirectory).where(eq(shardDirectory.slug, slug)).get();
}

export async function directoryEntryOfTenant(
	directory: Db,
	tenantId: string,
): Promise<DirectoryEntry | undefined> {
	return directory
		.select(entryColumns)
		.from(shardDirectory)
		.where(eq(shardDirectory.tenantId, tenantId))
		.get();
}

/** The directory row of a new tenant, to run inside the batch that writes the tenant when both are on shard 0. */
export function directoryInsert(directory: Db, entry: DirectoryEntry, now: number) {
	return directory.insert(shardDirectory).values({ ...entry, createdAt: now });
}

/**
 * Claims `slug` for a tenant about to be written on another shard: one statement, so two
 * sign-ups racing for a slug cannot both win, and none wins over a shard-0 tenant the directory
 * does not list. False when the slug is someone's already.
 */
export async function claimSlug(directory: Db, entry: DirectoryEntry, now: number): Promise<boolean> {
	const result = await directory.run(sql`
		INSERT OR IGNORE INTO ${shardDirectory} (slug, tenant_id, shard, created_at)
		SELECT ${entry.slug}, ${entry.tenantId}, ${entry.shard}, ${now}
		WHERE NOT EXISTS (SELECT 1 FROM ${tenants} WHERE ${tenants.slug} = ${entry.slug})`);
	return (result.meta.changes ?? 0) > 0;
}

/** Gives a claimed slug back (the tenant's own batch failed). */
export async function releaseSlug(directory: Db, entry: DirectoryEntry): Promise<void> {
	await directory
		.delete(shardDirectory)
		.where(and(eq(shardDirectory.slug, entry.slug), eq(shardDirectory.tenantId, entry.tenantId)));
}

/** A claim older than this whose tenant was never written (the isolate died between the two) is void. */
export const STALE_CLAIM_MS = 60_000;

/** Drops the claim on `slug` by `tenantId` if it is stale; true when it was dropped. */
export async function dropStaleClaim(directory: Db, entry: DirectoryEntry, now: number): Promise<boolean> {
	const result = await directory
		.delete(shardDirectory)
		.where(
			and(
				eq(shardDirectory.slug, entry.slug),
				eq(shardDirectory.tenantId, entry.tenantId),
				lt(shardDirectory.createdAt, now - STALE_CLAIM_MS),
			),
		)
		.run();
	return (result.meta.changes ?? 0) > 0;
}

/**
 * Where a new tenant goes: the open shard with the fewest tenants in the directory (ties to the
 * lowest number), so a shard just added fills first. One indexed count per sign-up.
 */
export async function leastFullShard(directory: Db, open: readonly number[]): Promise<number> {
	if (open.length <= 1) return open[0] ?? 0;
	const rows = await directory
		.select({ shard: shardDirectory.shard, tenants: count() })
		.from(shardDirectory)
		.groupBy(shardDirectory.shard);
	const tenantsOn = new Map(rows.map((r) => [r.shard, r.tenants]));
	let best = open[0] ?? 0;
	for (const shard of open) if ((tenantsOn.get(shard) ?? 0) < (tenantsOn.get(best) ?? 0)) best = shard;
	return best;
}

/** Points a tenant at another shard (the last step of a move: see the README's "Scaling"). */
export async function setTenantShard(directory: Db, entry: DirectoryEntry, now: number): Promise<void> {
	await directory
		.insert(shardDirectory)
		.values({ ...entry, createdAt: now })
		.onConflictDoUpdate({
			target: shardDirectory.slug,
			set: { shard: entry.shard, tenantId: entry.tenantId },
		});
}
