import { and, desc, eq, isNull } from "drizzle-orm";
import { type ApiScope, apiKeys } from "../../../schema/tables/integrations";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { newId } from "../ids";
import { newSecret, sha256Hex } from "../secrets";
import { toTenant } from "../tenant/tenant";
import { openTenant } from "../tenant/tenant-status";

/** `fp_live_` in production, `fp_test_` elsewhere: a leaked key says what it is and where it works. */
export const keyPrefix = (environment: string) => (environment === "production" ? "fp_live_" : "fp_test_");

const KEY_SHAPE = /^fp_(live|test)_[A-Za-z0-9_-]{43}$/;

/** How often the last-used time is written: not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiKeyView = {
	id: string;
	name: string;
	/** The key's first characters, to tell keys apart; never the key. */
	prefix: string;
	scopes: ApiScope[];
	createdAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A new key: answered once, stored only as its SHA-256. */
export async function createApiKey(
	db: Db,
	actor: Actor,
	input: { name: string; scopes: ApiScope[] },
	environment: string,
	now: number,
): Promise<{ id: string; key: string }> {
	const id = newId("key");
	const key = `${keyPrefix(environment)}${newSecret(32)}`;
	const scopes = [...new Set(input.scopes)];
	await db.batch([
		db.insert(apiKeys).values({
			id,
			tenantId: actor.tenantId,
			name: input.name,
			keyHash: await sha256Hex(key),
			prefix: key.slice(0, 12),
			scopes,
			createdBy: actor.id,
			createdAt: now,
		}),
		auditBy(
			db,
			actor,
			{ action: "api_key.created", targetType: "api_key", targetId: id, data: { name: input.name, scopes } },
			now,
		),
	]);
	return { id, key };
}

/** The tenant's keys, newest first, revoked ones included. */
export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeyView[]> {
	const rows = await db
		.select()
		.from(apiKeys)
		.where(eq(apiKeys.tenantId, tenantId))
		.orderBy(desc(apiKeys.createdAt));
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		prefix: r.prefix,
		scopes: r.scopes,
		createdAt: new Date(r.createdAt).toISOString(),
		lastUsedAt: iso(r.lastUsedAt),
		revokedAt: iso(r.revokedAt),
	}));
}

/** Revokes a key at once: its next request is 401. */
export async function revokeApiKey(db: Db, actor: Actor, id: string, now: number) {
	const row = await db
		.select({ id: apiKeys.id })
		.from(apiKeys)
		.where(and(eq(apiKeys.tenantId, actor.tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
		.get();
	if (!row) throw notFound("That API key");
	await db.batch([
		db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)),
		auditBy(db, actor, { action: "api_key.revoked", targetType: "api_key", targetId: id }, now),
	]);
}

export type KeyHolder = {
	key: { id: string; name: string; scopes: ApiScope[]; lastUsedAt: number | null };
	tenant: ReturnType<typeof toTenant>;
};

/**
 * The key a bearer token is, with its tenant, when it is a live key of the tenant at `slug`;
 * null otherwise (unknown, revoked, another tenant's, a suspended tenant) — all the same 401.
 */
export async function authenticateApiKey(db: Db, slug: string, token: string): Promise<KeyHolder | null> {
	if (!KEY_SHAPE.test(token)) return null;
	const row = await db
		.select({ key: apiKeys, tenant: tenants })
		.from(apiKeys)
		.innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
		.where(
			and(
				eq(apiKeys.keyHash, await sha256Hex(token)),
				isNull(apiKeys.revokedAt),
				eq(tenants.slug, slug),
				openTenant(),
			),
		)
		.get();
	if (!row) return null;
	const { id, name, scopes, lastUsedAt } = row.key;
	return { key: { id, name, scopes, lastUsedAt }, tenant: toTenant(row.tenant) };
}

/** Notes that the key was used, at most once a minute. */
export async function touchApiKey(db: Db, key: KeyHolder["key"], now: number) {
	if (key.lastUsedAt !== null && now - key.lastUsedAt < LAST_USED_RESOLUTION_MS) return;
	await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
}
