import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Audience } from "../../schema/tables/auth";
import { tenants } from "../../schema/tables/tenants";
import type { AppEnv } from "../app-env";
import { sha256Hex } from "../domain/secrets";
import { SESSION_COOKIE } from "../domain/sign-in/sessions";
import { findTenantWithSignIn } from "../domain/sign-in/signed-in";
import { toTenant } from "../domain/tenant/tenant";
import { openTenant } from "../domain/tenant/tenant-status";
import { AppError } from "../errors";
import { countTenantRequest } from "./usage";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MAX_SESSION_ID_LENGTH = 128;

export const noPortal = () => new AppError(404, "not_found", "There is no portal at this address.");

/** The `:slug` of the request; a slug no portal could have is a 404. */
export function portalSlug(c: Context<AppEnv>): string {
	const slug = c.req.param("slug") ?? "";
	if (!SLUG.test(slug)) throw noPortal();
	return slug;
}

const MAX_REMEMBERED_HASHES = 1_000;
/**
 * Session id → its hash, per isolate: a signed-in person's every request hashes the same cookie,
 * and the digest was a twentieth of a cheap read's CPU (test/bench/profile.ts). Only a function
 * of its key, so it can never answer wrongly; the oldest entry makes room.
 */
const hashes = new Map<string, string>();

/** The hash of the session the request's cookie names, or null without a usable cookie. */
export async function cookieSessionHash(c: Context<AppEnv>): Promise<string | null> {
	const sessionId = getCookie(c, SESSION_COOKIE);
	if (!sessionId || sessionId.length > MAX_SESSION_ID_LENGTH) return null;
	const known = hashes.get(sessionId);
	if (known !== undefined) return known;
	const hash = await sha256Hex(sessionId);
	if (hashes.size >= MAX_REMEMBERED_HASHES) {
		const oldest = hashes.keys().next().value;
		if (oldest !== undefined) hashes.delete(oldest);
	}
	hashes.set(sessionId, hash);
	return hash;
}

/**
 * Resolves `:slug` to the tenant on `c.var.tenant`; an unknown or suspended slug is a 404. When the request
 * carries a session cookie, the same statement also reads that session and its person onto
 * `c.var.signIn` for `requireSession`, so a signed-in request costs one D1 round trip. Given the
 * audience its routes serve, it reads only that audience's person (a session of another
 * audience is refused for its audience alone); without one, whoever the session's person is.
 */
export const resolveTenantFor = (audience?: Audience) =>
	createMiddleware<AppEnv>(async (c, next) => {
		const slug = portalSlug(c);
		const { db } = c.var;
		const sessionHash = await cookieSessionHash(c);
		if (sessionHash) {
			const found = await findTenantWithSignIn(db, slug, sessionHash, audience);
			if (!found) throw noPortal();
			c.set("tenant", found.tenant);
			c.set("signIn", found.signIn);
		} else {
			const row = await db
				.select()
				.from(tenants)
				.where(and(eq(tenants.slug, slug), openTenant()))
				.get();
			if (!row) throw noPortal();
			c.set("tenant", toTenant(row));
			c.set("signIn", null);
		}
		countTenantRequest(c, c.var.tenant.id);
		await next();
	});

/** `resolveTenantFor` any audience: the public pages of a tenant (branding, manifest). */
export const resolveTenant = resolveTenantFor();
