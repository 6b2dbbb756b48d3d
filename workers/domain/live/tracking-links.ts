import { and, desc, eq, gt, isNull, type SQL } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import { jobStops, jobs, trackingLinks } from "../../../schema/tables/jobs";
import { staff, technicians } from "../../../schema/tables/staff";
import { tenants } from "../../../schema/tables/tenants";
import type { Db } from "../../db";
import { type Actor, auditBy } from "../activity/actor";
import { newId } from "../ids";
import { newSecret, sha256Hex } from "../secrets";
import { publicBranding, toTenant } from "../tenant/tenant";
import { openTenant } from "../tenant/tenant-status";
import { type LiveChannels, trackingTag } from "./live-jobs";

/** A share link lives at most this long, and never past the end of its job. */
export const TRACKING_LINK_TTL_MS = 24 * 3_600_000;
const ENDED = new Set(["completed", "cancelled"]);

export async function createTrackingLink(
	db: Db,
	input: { tenantId: string; jobId: string; createdByType: "contact" | "staff"; createdById: string },
	now = Date.now(),
) {
	const token = newSecret();
	const id = newId("trk");
	const expiresAt = now + TRACKING_LINK_TTL_MS;
	await db
		.insert(trackingLinks)
		.values({ id, ...input, tokenHash: await sha256Hex(token), expiresAt, createdAt: now });
	return { id, token, expiresAt };
}

/**
 * The job a tracking token shows, or undefined when the token is unknown, revoked, expired,
 * or its job has ended. Only what the live view needs: no history, no account data.
 */
export async function resolveTrackingToken(db: Db, token: string, now = Date.now()) {
	if (token.length < 20 || token.length > 128) return undefined;
	const row = await db
		.select({
			linkId: trackingLinks.id,
			tenantId: jobs.tenantId,
			jobId: jobs.id,
			number: jobs.number,
			kind: jobs.kind,
			status: jobs.status,
			pausedMessage: jobs.pausedMessage,
			tenantSlug: tenants.slug,
			technicianName: technicians.name,
			technicianPhotoUrl: technicians.photoUrl,
			technicianBio: technicians.bio,
			technicianBioApprovedAt: technicians.bioApprovedAt,
		})
		.from(trackingLinks)
		.innerJoin(jobs, and(eq(jobs.tenantId, trackingLinks.tenantId), eq(jobs.id, trackingLinks.jobId)))
		.innerJoin(tenants, and(eq(tenants.id, jobs.tenantId), openTenant()))
		.leftJoin(
			technicians,
			and(eq(technicians.tenantId, jobs.tenantId), eq(technicians.id, jobs.technicianId)),
		)
		.where(
			and(
				eq(trackingLinks.tokenHash, await sha256Hex(token)),
				isNull(trackingLinks.revokedAt),
				gt(trackingLinks.expiresAt, now),
			),
		)
		.get();
	if (!row || ENDED.has(row.status)) return undefined;
	const destination = await db
		.select({ line1: jobStops.line1, city: jobStops.city })
		.from(jobStops)
		.where(and(eq(jobStops.tenantId, row.tenantId), eq(jobStops.jobId, row.jobId)))
		.orderBy(jobStops.seq)
		.limit(1)
		.get();
	return {
		linkId: row.linkId,
		tenantId: row.tenantId,
		tenantSlug: row.tenantSlug,
		jobId: row.jobId,
		view: {
			number: row.number,
			kind: row.kind,
			status: row.status,
			pausedMessage: row.status === "paused" ? row.pausedMessage : null,
			destination: destination ?? null,
			technician: row.technicianName
				? {
						name: row.technicianName,
						photoUrl: row.technicianPhotoUrl,
						bio: row.technicianBioApprovedAt ? row.technicianBio : null,
					}
				: null,
		},
	};
}

/** Revokes a link of the tenant; the job it showed, or undefined when there is no such live link there. */
export async function revokeTrackingLink(
	db: Db,
	tenantId: string,
	linkId: string,
	now = Date.now(),
): Promise<{ jobId: string } | undefined> {
	const row = await db
		.update(trackingLinks)
		.set({ revokedAt: now })
		.where(
			and(
				eq(trackingLinks.tenantId, tenantId),
				eq(trackingLinks.id, linkId),
				isNull(trackingLinks.revokedAt),
			),
		)
		.returning({ jobId: trackingLinks.jobId })
		.get();
	return row;
}

/** A job's link as its staff see it: when it was made, by whom, until when — never its token. */
export type TrackingLinkSummary = {
	id: string;
	createdAt: string;
	expiresAt: string;
	revokedAt: string | null;
	createdBy: { type: "contact" | "staff"; name?: string };
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every link of a tenant's job, live or not, newest first; undefined when the tenant has no such
 * job. Starts from the job so one query answers both "which job" and "which links".
 */
export async function listTrackingLinks(
	db: Db,
	tenantId: string,
	jobId: string,
): Promise<TrackingLinkSummary[] | undefined> {
	const rows = await db
		.select({
			id: trackingLinks.id,
			createdAt: trackingLinks.createdAt,
			expiresAt: trackingLinks.expiresAt,
			revokedAt: trackingLinks.revokedAt,
			createdByType: trackingLinks.createdByType,
			staffName: staff.name,
			contactName: contacts.name,
		})
		.from(jobs)
		.leftJoin(trackingLinks, and(eq(trackingLinks.tenantId, jobs.tenantId), eq(trackingLinks.jobId, jobs.id)))
		.leftJoin(
			staff,
			and(
				eq(trackingLinks.createdByType, "staff"),
				eq(staff.tenantId, jobs.tenantId),
				eq(staff.id, trackingLinks.createdById),
			),
		)
		.leftJoin(
			contacts,
			and(
				eq(trackingLinks.createdByType, "contact"),
				eq(contacts.tenantId, jobs.tenantId),
				eq(contacts.id, trackingLinks.createdById),
			),
		)
		.where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
		.orderBy(desc(trackingLinks.createdAt), desc(trackingLinks.id))
		.all();
	if (rows.length === 0) return undefined;
	return rows.flatMap((r) => {
		// A job without links still comes back once, with the link's columns empty.
		if (r.id === null || r.createdAt === null || r.expiresAt === null) return [];
		const type = r.createdByType === "contact" ? "contact" : "staff";
		const name = (type === "contact" ? r.contactName : r.staffName) || undefined;
		return [
			{
				id: r.id,
				createdAt: iso(r.createdAt),
				expiresAt: iso(r.expiresAt),
				revokedAt: r.revokedAt === null ? null : iso(r.revokedAt),
				createdBy: name ? { type, name } : { type },
			},
		];
	});
}

/**
 * Shares a job the actor may see (`mayShare`, within the tenant) as a new tracking link,
 * audited; undefined when the job is not one they may share. The token is returned once.
 */
export async function shareJob(db: Db, actor: Actor, jobId: string, mayShare?: SQL, now = Date.now()) {
	const job = await db
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, jobId), mayShare))
		.get();
	if (!job) return undefined;
	const createdByType = actor.type === "contact" ? "contact" : "staff";
	const link = await createTrackingLink(
		db,
		{ tenantId: actor.tenantId, jobId, createdByType, createdById: actor.id },
		now,
	);
	await auditBy(db, actor, {
		action: "tracking_link.created",
		targetType: "job",
		targetId: jobId,
		data: { linkId: link.id },
	});
	return link;
}

/** Revokes a link, audited; whoever watches through it loses the view now, not at their next reconnect. */
export async function revokeShare(
	db: Db,
	live: LiveChannels,
	actor: Actor,
	linkId: string,
): Promise<boolean> {
	const revoked = await revokeTrackingLink(db, actor.tenantId, linkId);
	if (!revoked) return false;
	await live.closeWatchers(revoked.jobId, trackingTag(linkId), "This tracking link was revoked.");
	await auditBy(db, actor, {
		action: "tracking_link.revoked",
		targetType: "tracking_link",
		targetId: linkId,
	});
	return true;
}

/** What an anonymous tracking link shows: the tenant's branding and the live job, nothing else. */
export async function trackedJob(db: Db, token: string) {
	const found = await resolveTrackingToken(db, token);
	if (!found) return undefined;
	const tenant = await db
		.select()
		.from(tenants)
		.where(and(eq(tenants.id, found.tenantId), openTenant()))
		.get();
	return tenant ? { branding: publicBranding(toTenant(tenant)), job: found.view } : undefined;
}
