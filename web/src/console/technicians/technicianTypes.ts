/** A technician as `/api/d/:slug/technicians` answers. */
export type Technician = {
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

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
