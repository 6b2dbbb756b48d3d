import { and, eq, isNull, sql } from "drizzle-orm";
import type { Locale } from "../../../schema/locales";
import { signInTokens } from "../../../schema/tables/auth";
import { tenantSignUps } from "../../../schema/tables/platform";
import { shardDirectory } from "../../../schema/tables/shards";
import { staff } from "../../../schema/tables/staff";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { signUpEmail } from "../../email/templates/sign-up";
import type { SendEmail } from "../../email/types";
import { AppError, fieldInvalid } from "../../errors";
import { auditInsert, recordAudit } from "../activity/audit";
import { newId } from "../ids";
import type { RequestMeta } from "../request-meta";
import { sha256Hex } from "../secrets";
import {
	claimSlug,
	type DirectoryEntry,
	directoryEntryOfSlug,
	directoryInsert,
	dropStaleClaim,
	leastFullShard,
	releaseSlug,
} from "../shards/directory";
import type { SendGate, StartedSession } from "../sign-in/sign-in";
import { signInWithLink } from "../sign-in/sign-in";
import { SIGN_IN_TTL_MS, signInInsert } from "../sign-in/sign-in-tokens";
import { type Tenant, toTenant } from "../tenant/tenant";
import { openTenant } from "../tenant/tenant-status";
import { isUniqueViolation } from "../unique-violation";
import { emailDomainOf, isDisposableDomain } from "./disposable-domains";
import { type NewFleet, newTenantRow } from "./new-tenant";
import { signUpLimitsFor } from "./sign-up-limits";

export type SignUpInput = NewFleet & { email: { email: string; normalized: string } };

/** The shards a sign-up may place its tenant on (workers/shards.ts): `db` is shard 0, the directory's home. */
export type SignUpShards = {
	open: (shard: number) => Db;
	/** The shards open to new tenants; the least full of them is taken. */
	placeable: readonly number[];
	/** Told where the new tenant went (the isolate's directory cache). */
	placed?: (entry: DirectoryEntry) => void;
};

export type SignUpDeps = {
	/** Shard 0: the directory, where slugs are unique across shards. */
	db: Db;
	shards: SignUpShards;
	/** The platform's limit counter (a `TenantGate` addressed by a platform name). */
	gate: SendGate;
	sendEmail: SendEmail;
	meta: RequestMeta;
	/** Where the emailed link points; null (unconfigured outside development) sends nothing. */
	origin: string | null;
};

export const slugTaken = () =>
	new AppError(409, "slug_taken", "This address is taken. Choose another.", [
		{ path: ["slug"], field: "slug", message: "This address is taken. Choose another." },
	]);

/** The page the sign-up link opens; the token rides in the fragment, as a sign-in link's does. */
export const signUpLink = (origin: string, token: string) => `${origin}/start/confirm#token=${token}`;

/** "morgan.lee@acme.example" → "Morgan Lee": a name for the owner until they change it. */
function ownerName(emailNormalized: string): string {
	const local = emailNormalized.slice(0, emailNormalized.lastIndexOf("@"));
	const words = local.split(/[._+-]+/).filter(Boolean);
	const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
	return name.slice(0, 120) || "Owner";
}

/**
 * Starts a fleet: refuses throwaway mailboxes (400 naming `email`), counts the sign-up per IP and
 * per email domain (429), then places the tenant on the least full open shard and writes it (in
 * `trial`), its owner as admin, the sign-up and its link in one atomic batch there. The slug is
 * claimed in the directory on shard 0 — in that same batch when the tenant goes to shard 0,
 * by one conditional insert before it otherwise — so of racing sign-ups exactly one wins and the
 * others get 409 `slug_taken` (unless one is the same owner asking again before confirming: a
 * fresh link). Returns the email to send after the answer.
 */
export async function startSignUp(deps: SignUpDeps, input: SignUpInput): Promise<() => Promise<void>> {
	const { meta } = deps;
	const domain = emailDomainOf(input.email.normalized);
	if (isDisposableDomain(domain))
		throw fieldInvalid(["email"], "Use your work email: throwaway mailboxes are not accepted.");
	const claim = await deps.gate.claimSend(
		signUpLimitsFor({ ip: meta.ip, emailNormalized: input.email.normalized, domain }),
	);
	if (!claim.allowed)
		throw new AppError(
			429,
			"rate_limited",
			`Too many sign-ups. Try again in ${claim.retryAfterSeconds} seconds.`,
			undefined,
			{ "Retry-After": String(claim.retryAfterSeconds) },
		);

	return placeAndWrite(deps, input, domain, true);
}

async function placeAndWrite(
	deps: SignUpDeps,
	input: SignUpInput,
	domain: string,
	mayRetry: boolean,
): Promise<() => Promise<void>> {
	const { db: directory, meta, shards } = deps;
	const now = Date.now();
	const tenantId = newId("ten");
	const ownerId = newId("stf");
	const shard = await leastFullShard(directory, shards.placeable);
	const db = shard === 0 ? directory : shards.open(shard);
	const entry: DirectoryEntry = { slug: input.slug, tenantId, shard };
	const taken = () => signUpAgain(deps, input, domain, mayRetry, now);
	if (shard !== 0 && !(await claimSlug(directory, entry, now))) return taken();
	const signIn = await signInInsert(
		db,
		{ tenantId, audience: "staff", emailNormalized: input.email.normalized, subjectId: ownerId, ip: meta.ip },
		now,
	);
	try {
		await db.batch([
			db.insert(tenants).values(newTenantRow(tenantId, input, now)),
			...(shard === 0 ? [directoryInsert(directory, entry, now)] : []),
			db.insert(staff).values({
				id: ownerId,
				tenantId,
				name: ownerName(input.email.normalized),
				email: input.email.email,
				emailNormalized: input.email.normalized,
				role: "admin",
				locale: input.locale,
				createdAt: now,
			}),
			signIn.insert,
			db.insert(tenantSignUps).values({
				tenantId,
				emailNormalized: input.email.normalized,
				emailDomain: domain,
				signInTokenId: signIn.id,
				ip: meta.ip,
				createdAt: now,
			}),
			auditInsert(
				db,
				{
					tenantId,
					actorType: "anonymous",
					action: "tenant.signed_up",
					data: { slug: input.slug, email: input.email.normalized, kind: input.kind },
					...meta,
				},
				now,
			),
		]);
	} catch (err) {
		if (shard !== 0) await releaseSlug(directory, entry);
		if (!isUniqueViolation(err)) throw err;
		return taken();
	}
	shards.placed?.(entry);
	return sendSignUpEmail({ ...deps, db }, input, {
		tenantId,
		ownerId,
		signInId: signIn.id,
		token: signIn.token,
	});
}

/**
 * The slug is someone's: the same owner asking again for a fleet they never confirmed gets a
 * fresh link (theirs may have expired), on the shard the fleet is on; anyone else finds it taken.
 * A claim whose tenant was never written (the isolate died in between) is dropped once it is
 * stale, and the sign-up tried once more.
 */
async function signUpAgain(
	deps: SignUpDeps,
	input: SignUpInput,
	domain: string,
	mayRetry: boolean,
	now: number,
): Promise<() => Promise<void>> {
	const { db: directory, shards } = deps;
	const owner = await directoryEntryOfSlug(directory, input.slug);
	const ownerDb = owner && owner.shard !== 0 ? shards.open(owner.shard) : directory;
	if (owner && mayRetry) {
		const written = await ownerDb
			.select({ id: tenants.id })
			.from(tenants)
			.where(eq(tenants.id, owner.tenantId))
			.get();
		if (!written && (await dropStaleClaim(directory, owner, now)))
			return placeAndWrite(deps, input, domain, false);
	}
	const again = await renewSignUpLink(ownerDb, input, deps.meta, now);
	if (!again) throw slugTaken();
	return sendSignUpEmail({ ...deps, db: ownerDb }, input, again);
}

type PendingLink = { tenantId: string; ownerId: string; signInId: string; token: string };

/**
 * A new sign-up link for a tenant of this slug still unconfirmed by this very address; undefined
 * when the slug is someone else's or already confirmed. The newest link is the one that confirms.
 */
async function renewSignUpLink(
	db: Db,
	input: SignUpInput,
	meta: RequestMeta,
	now: number,
): Promise<PendingLink | undefined> {
	const pending = await db
		.select({ tenantId: tenants.id, ownerId: staff.id })
		.from(tenants)
		.innerJoin(tenantSignUps, eq(tenantSignUps.tenantId, tenants.id))
		.innerJoin(
			staff,
			and(eq(staff.tenantId, tenants.id), eq(staff.emailNormalized, tenantSignUps.emailNormalized)),
		)
		.where(
			and(
				eq(tenants.slug, input.slug),
				openTenant(),
				isNull(tenantSignUps.confirmedAt),
				eq(tenantSignUps.emailNormalized, input.email.normalized),
			),
		)
		.get();
	if (!pending) return undefined;
	const signIn = await signInInsert(
		db,
		{
			tenantId: pending.tenantId,
			audience: "staff",
			emailNormalized: input.email.normalized,
			subjectId: pending.ownerId,
			ip: meta.ip,
		},
		now,
	);
	await db.batch([
		signIn.insert,
		db
			.update(tenantSignUps)
			.set({ signInTokenId: signIn.id })
			.where(and(eq(tenantSignUps.tenantId, pending.tenantId), isNull(tenantSignUps.confirmedAt))),
	]);
	return { ...pending, signInId: signIn.id, token: signIn.token };
}

/** The work after the answer: the sign-up email, sent as the platform, and its audit entry. */
function sendSignUpEmail(deps: SignUpDeps, input: SignUpInput, link: PendingLink): () => Promise<void> {
	const { db, meta } = deps;
	const { tenantId, ownerId } = link;
	return async () => {
		const origin = deps.origin;
		if (!origin) {
			await recordAudit(db, {
				tenantId,
				actorType: "anonymous",
				action: "tenant.sign_up_not_sent",
				data: { reason: "app_origin_not_configured" },
				...meta,
			});
			return;
		}
		const message = signUpEmail({
			locale: input.locale,
			company: input.company,
			address: `${origin}/c/${input.slug}`,
			link: signUpLink(origin, link.token),
			expiresInMinutes: SIGN_IN_TTL_MS / 60_000,
		});
		// The platform sends it, not the fleet: it is not counted in the new tenant's usage.
		const { delivered } = await deps.sendEmail({
			tenantId: null,
			to: input.email.email,
			...message,
			idempotencyKey: `sign-up/${link.signInId}`,
		});
		await recordAudit(db, {
			tenantId,
			actorType: "anonymous",
			actorId: ownerId,
			action: delivered ? "tenant.sign_up_sent" : "tenant.sign_up_send_failed",
			data: { email: input.email.normalized },
			...meta,
		});
	};
}

export type ConfirmedSignUp = { tenant: Tenant; started: StartedSession };

/**
 * Consumes a sign-up link: the token is spent through the sign-in machinery (one conditional
 * UPDATE, so it works once), the owner gets a console session, and the tenant leaves trial.
 * 401 `invalid_link` when unknown, used, expired, or the tenant has been suspended since.
 */
export async function confirmSignUp(db: Db, meta: RequestMeta, token: string): Promise<ConfirmedSignUp> {
	const found = await db
		.select({ tenant: tenants })
		.from(signInTokens)
		.innerJoin(tenantSignUps, eq(tenantSignUps.signInTokenId, signInTokens.id))
		.innerJoin(tenants, and(eq(tenants.id, tenantSignUps.tenantId), openTenant()))
		.where(eq(signInTokens.tokenHash, await sha256Hex(token)))
		.get();
	if (!found)
		throw new AppError(401, "invalid_link", "This sign-up link is invalid, already used or expired.");
	const tenant = toTenant(found.tenant);
	const started = await signInWithLink(db, meta, tenant, "staff", token);
	const now = Date.now();
	await db.batch([
		db
			.update(tenants)
			.set({ status: "active", updatedAt: now })
			.where(and(eq(tenants.id, tenant.id), eq(tenants.status, "trial"))),
		db
			.update(tenantSignUps)
			.set({ confirmedAt: now })
			.where(and(eq(tenantSignUps.tenantId, tenant.id), isNull(tenantSignUps.confirmedAt))),
		auditInsert(
			db,
			{
				tenantId: tenant.id,
				actorType: "staff",
				actorId: started.me.id,
				actorLabel: started.me.name,
				action: "tenant.confirmed",
				...meta,
			},
			now,
		),
	]);
	return { tenant: { ...tenant, status: "active" }, started };
}

/**
 * Whether a slug is free now (its shape already checked): neither in the directory nor a shard-0
 * tenant's (`db` is shard 0). A sign-up may still lose it to a faster one.
 */
export async function slugAvailable(db: Db, slug: string): Promise<boolean> {
	const row = await db.get<{ taken: number }>(sql`SELECT
		EXISTS (SELECT 1 FROM ${shardDirectory} WHERE ${shardDirectory.slug} = ${slug})
		OR EXISTS (SELECT 1 FROM ${tenants} WHERE ${tenants.slug} = ${slug}) AS taken`);
	return !row?.taken;
}

export type { Locale };
