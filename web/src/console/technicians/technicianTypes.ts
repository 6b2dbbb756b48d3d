import type { TechnicianProfile } from "../../../../workers/domain/technician-profiles";

/** A technician as `/api/d/:slug/technicians` answers. */
export type Technician = TechnicianProfile;

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
