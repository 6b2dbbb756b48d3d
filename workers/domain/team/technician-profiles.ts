import { and, asc, eq } from "drizzle-orm";
import { technicians } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { AppError, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { changeSet, isEmptyChange } from "../change-set";
import { newId } from "../ids";
import type { LiveChannels } from "../live/live-jobs";
import { announceAccessEnded, endSubjectSessionsStatements } from "../sign-in/access-ended";
import { type MediaStore, mediaUrl, tenantMediaKey, type UploadedImage } from "../tenant/media";
import { insertPerson } from "./new-person";

export type TechnicianRow = typeof technicians.$inferSelect;

/** A technician as the dispatcher console manages them; customers only ever see an approved bio. */
export type TechnicianProfile = {
	id: string;
	name: string;
	email: string;
	phone: string | null;
	photoUrl: string | null;
	bio: string | null;
	bioApproved: boolean;
	bioApprovedAt: string | null;
	active: boolean;
};

export function toTechnicianProfile(t: TechnicianRow): TechnicianProfile {
	return {
		id: t.id,
		name: t.name,
		email: t.email,
		phone: t.phone,
		photoUrl: t.photoUrl,
		bio: t.bio,
		bioApproved: t.bio !== null && t.bioApprovedAt !== null,
		bioApprovedAt: t.bioApprovedAt === null ? null : new Date(t.bioApprovedAt).toISOString(),
		active: t.active,
	};
}

/** Largest technician photo accepted. */
export const TECHNICIAN_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

const thisTechnician = (tenantId: string, id: string) =>
	and(eq(technicians.tenantId, tenantId), eq(technicians.id, id));

/** The read of every technician of the tenant, active or not, by name; for one `db.batch`. */
export function technicianListRead(db: Db, tenantId: string) {
	return db
		.select()
		.from(technicians)
		.where(eq(technicians.tenantId, tenantId))
		.orderBy(asc(technicians.name), asc(technicians.id));
}

/** One technician of the tenant; 404 for anyone else. */
async function loadTechnician(db: Db, tenantId: string, id: string): Promise<TechnicianRow> {
	const row = await db.select().from(technicians).where(thisTechnician(tenantId, id)).get();
	if (!row) throw notFound("That technician");
	return row;
}

/** Adds a technician, who signs in at /t/{slug} with this email; 409 when the email is taken. */
export async function addTechnician(
	db: Db,
	actor: Actor,
	input: {
		name: string;
		email: { email: string; normalized: string };
		phone?: string | null;
		bio?: string | null;
	},
	now = Date.now(),
): Promise<TechnicianRow> {
	const row: TechnicianRow = {
		id: newId("tec"),
		tenantId: actor.tenantId,
		name: input.name,
		locale: null,
		email: input.email.email,
		emailNormalized: input.email.normalized,
		phone: input.phone ?? null,
		photoUrl: null,
		bio: input.bio ?? null,
		bioApprovedAt: null,
		bioApprovedBy: null,
		active: true,
		lastSignInAt: null,
		createdAt: now,
	};
	await insertPerson(
		db,
		actor,
		"A technician",
		db.insert(technicians).values(row),
		{
			action: "technician.created",
			targetType: "technician",
			targetId: row.id,
			data: { name: row.name, email: row.emailNormalized },
		},
		now,
	);
	return row;
}

/**
 * Changes a technician. A changed bio clears its approval, so customers never see a bio no
 * dispatcher approved; deactivating ends the technician's sessions with the change, not at
 * their next request. An empty change writes nothing.
 */
export async function changeTechnician(
	deps: { db: Db; live: Pick<LiveChannels, "accessGate"> },
	actor: Actor,
	id: string,
	input: { name?: string; phone?: string | null; bio?: string | null; active?: boolean },
	now = Date.now(),
): Promise<TechnicianRow> {
	const { tenantId } = actor;
	const { db, live } = deps;
	const current = await loadTechnician(db, tenantId, id);
	const change = changeSet(current, input);
	if (isEmptyChange(change)) return current;
	const bioChanged = "bio" in change.after;
	const deactivated = change.after.active === false;
	const [updated] = await db.batch([
		db
			.update(technicians)
			.set({
				name: input.name,
				phone: input.phone,
				active: input.active,
				...(bioChanged ? { bio: input.bio, bioApprovedAt: null, bioApprovedBy: null } : {}),
			})
			.where(thisTechnician(tenantId, id))
			.returning(),
		auditBy(
			db,
			actor,
			{
				action: "technician.updated",
				targetType: "technician",
				targetId: id,
				data: { ...change, bioApprovalCleared: bioChanged && current.bioApprovedAt !== null },
			},
			now,
		),
		...endSubjectSessionsStatements(
			db,
			{ tenantId, audience: "technician", subjectId: deactivated ? id : "" },
			"access_removed",
			now,
		),
	]);
	const row = updated[0];
	if (!row) throw notFound("That technician");
	if (deactivated) {
		await announceAccessEnded(live.accessGate(tenantId), {
			audience: "technician",
			personId: id,
			reason: "access_removed",
		});
	}
	return row;
}

/**
 * Approves the technician's current bio for customers to see: the bio the dispatcher saw,
 * so one changed meanwhile stays unapproved (409). 400 when there is no bio.
 */
export async function approveTechnicianBio(
	db: Db,
	actor: Actor,
	id: string,
	now = Date.now(),
): Promise<TechnicianRow> {
	const current = await loadTechnician(db, actor.tenantId, id);
	if (!current.bio) throw new AppError(400, "bad_request", "This technician has no bio to approve.");
	const [updated] = await db.batch([
		db
			.update(technicians)
			.set({ bioApprovedAt: now, bioApprovedBy: actor.id })
			.where(and(thisTechnician(actor.tenantId, id), eq(technicians.bio, current.bio)))
			.returning(),
		auditBy(
			db,
			actor,
			{
				action: "technician.bio_approved",
				targetType: "technician",
				targetId: id,
				data: { bio: current.bio },
			},
			now,
		),
	]);
	const row = updated[0];
	if (!row) throw new AppError(409, "conflict", "The bio changed meanwhile. Read it again before approving.");
	return row;
}

/**
 * Replaces the technician's photo. `readImage` runs once the technician is known to be the
 * tenant's, so an unknown one is 404 whatever was sent; the replaced image is discarded after.
 */
export async function changeTechnicianPhoto(
	deps: { db: Db; media: MediaStore },
	actor: Actor,
	id: string,
	readImage: () => Promise<UploadedImage>,
	now = Date.now(),
): Promise<TechnicianRow> {
	const { db, media } = deps;
	const { tenantId } = actor;
	const current = await loadTechnician(db, tenantId, id);
	const image = await readImage();
	const photoUrl = mediaUrl(await media.store(tenantId, ["technicians", id], image));
	const [updated] = await db.batch([
		db.update(technicians).set({ photoUrl }).where(thisTechnician(tenantId, id)).returning(),
		auditBy(
			db,
			actor,
			{
				action: "technician.photo_changed",
				targetType: "technician",
				targetId: id,
				data: { before: current.photoUrl, after: photoUrl, bytes: image.bytes.byteLength },
			},
			now,
		),
	]);
	const row = updated[0];
	if (!row) throw notFound("That technician");
	media.discard(tenantMediaKey(current.photoUrl, tenantId));
	return row;
}
