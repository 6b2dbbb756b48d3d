import type { technicians } from "../../schema/tables/staff";

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
