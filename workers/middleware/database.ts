import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { readUnsubscribeToken } from "../domain/notifications/unsubscribe-token";
import { checkoutOnShard, trackingLinkOnShard } from "../domain/shards/locate";
import { unsubscribeSecret } from "../queues/notification-queue";
import { openShard, shardBinding, shardOfSlug, shardOfTenant, shardWhere } from "../shards";
import { type D1Usage, emptyD1Usage, meteredD1, reportD1Usage, wantsD1Usage } from "./d1-metrics";
import { bindServices } from "./services";

/** Paths that name their tenant by slug: the audiences' APIs, branding, the web app manifests. */
const SLUG_IN_PATH = [
	/^\/api\/(?:c|d|t|v1)\/([^/]+)/,
	/^\/api\/tenants\/([^/]+)/,
	/^\/(?:c|t)\/([^/]+)\/manifest\.webmanifest$/,
];
const TRACKING_TOKEN = /^\/api\/track\/([^/]+)/;
const UNSUBSCRIBE_TOKEN = /^\/api\/unsubscribe\/([^/]+)/;
const DEV_CHECKOUT = /^\/dev\/pay\/([^/]+)/;

const decoded = (part: string) => {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
};

/**
 * The shard this request's tenant is on, found from its path once: a slug through the directory
 * (cached in the isolate), a tracking link or a local checkout by looking for it on each shard,
 * an unsubscribe link by the tenant its token names. Everything else (sign-up, the payment
 * webhook, the dev pages) starts on shard 0; a route that learns its tenant later moves with
 * `useShard`.
 */
async function shardOfRequest(c: Context<AppEnv>): Promise<number> {
	const path = c.req.path;
	for (const pattern of SLUG_IN_PATH) {
		const slug = path.match(pattern)?.[1];
		if (slug) return shardOfSlug(c.env, decoded(slug));
	}
	const tracking = path.match(TRACKING_TOKEN)?.[1];
	if (tracking) return (await shardWhere(c.env, (db) => trackingLinkOnShard(db, decoded(tracking)))) ?? 0;
	const checkout = path.match(DEV_CHECKOUT)?.[1];
	if (checkout) return (await shardWhere(c.env, (db) => checkoutOnShard(db, decoded(checkout)))) ?? 0;
	const unsubscribe = path.match(UNSUBSCRIBE_TOKEN)?.[1];
	if (unsubscribe) {
		const subject = await readUnsubscribeToken(unsubscribeSecret(c.env), decoded(unsubscribe)).catch(
			() => null,
		);
		if (subject) return shardOfTenant(c.env, subject.tenantId);
	}
	return 0;
}

/**
 * D1 read replication: every request's queries go through one session (`withSession`), so a
 * replica near the reader may answer. The newest bookmark the browser has seen comes back in
 * this cookie (or an API client's `x-d1-bookmark` header) and anchors the next request's session,
 * so nobody reads older data than they have already seen, their own writes included.
 */
export const BOOKMARK_COOKIE = "__Host-d1-bookmark";
export const BOOKMARK_HEADER = "x-d1-bookmark";

/** "<shard>:<bookmark>"; a bookmark of another shard than the request's is no constraint on it. */
function incomingBookmark(c: Context<AppEnv>, shard: number): string | null {
	const value = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE);
	if (!value || value.length > 200) return null;
	const at = value.indexOf(":");
	if (at < 0 || value.slice(0, at) !== String(shard)) return null;
	const bookmark = value.slice(at + 1);
	return /^[0-9a-f-]{8,150}$/i.test(bookmark) ? bookmark : null;
}

type Opened = {
	shard: number;
	session: D1DatabaseSession;
	since: string | null;
	/** A bookmark reached by a write made elsewhere for this request (the tenant's gate). */
	written?: string;
};

const opened = new WeakMap<Context<AppEnv>, Opened>();
const metered = new WeakMap<Context<AppEnv>, D1Usage>();

/** Puts the client of `shard` on `c.var.db`: a session anchored at the request's bookmark. */
function openOn(c: Context<AppEnv>, shard: number): void {
	const binding = shardBinding(c.env, shard);
	if (!binding) throw new Error(`No D1 binding DB_${shard}.`);
	const since = incomingBookmark(c, shard);
	const reads = c.req.method === "GET" || c.req.method === "HEAD";
	// A change starts at the primary; a read anywhere at least as new as what this browser saw.
	const session = binding.withSession(since ?? (reads ? "first-unconstrained" : "first-primary"));
	const usage = metered.get(c);
	const client = usage ? meteredD1(session, usage).binding : session;
	opened.set(c, { shard, session, since });
	c.set("shard", shard);
	c.set("db", openShard(c.env, shard, client));
}

/**
 * For a route that learns its tenant only from the body (a payment event, a sign-up link): the
 * rest of the request reads and writes `shard`, its email and live channels included.
 */
export function useShard(c: Context<AppEnv>, shard: number): void {
	if (c.var.shard === shard) return;
	openOn(c, shard);
	bindServices(c);
}

/**
 * For a write this request had made on its shard outside its session (the booking the tenant's
 * gate writes): the answer carries the later of the two bookmarks, so the next read sees it.
 */
export function noteBookmark(c: Context<AppEnv>, bookmark: string | null): void {
	const state = opened.get(c);
	if (state && bookmark && (!state.written || bookmark > state.written)) state.written = bookmark;
}

/** Hands the session's newest bookmark back to the browser (cookie) and to API clients (header). */
function keepBookmark(c: Context<AppEnv>): void {
	const state = opened.get(c);
	const own = state?.session.getBookmark() ?? null;
	const bookmark = state?.written && (!own || state.written > own) ? state.written : own;
	if (!state || !bookmark || (state.since && bookmark <= state.since)) return;
	const value = `${state.shard}:${bookmark}`;
	try {
		c.res.headers.set(BOOKMARK_HEADER, value);
		setCookie(c, BOOKMARK_COOKIE, value, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
	} catch {
		// Immutable headers (a WebSocket upgrade's answer): the next request starts unanchored.
	}
}

/**
 * Puts a drizzle client for this request's tenant's shard on `c.var.db`. In development a
 * request may ask (`X-Bench-D1: 1`) for what it cost in D1, answered in headers.
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
	const usage = wantsD1Usage(c) ? emptyD1Usage() : undefined;
	if (usage) metered.set(c, usage);
	openOn(c, await shardOfRequest(c));
	await next();
	keepBookmark(c);
	if (usage) reportD1Usage(c, usage);
});
