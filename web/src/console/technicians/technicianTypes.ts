import type { z } from "zod";
import type { TechnicianSchema } from "../../../../workers/contracts/staff-team";

/** A technician as `/api/d/:slug/technicians` answers. */
export type Technician = z.infer<typeof TechnicianSchema>;

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
