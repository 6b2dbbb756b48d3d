import { z } from "@hono/zod-openapi";
import { staffRoles } from "../../schema/tables/staff";
import { Instant } from "./staff";

/** What a staff member may do: dispatch, or dispatch and run the settings and the team. */
export const StaffRoleField = z.enum(staffRoles);

/** A dispatcher or admin of the tenant (`/api/d/:slug/staff`). */
export const StaffMemberSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		email: z.string(),
		role: StaffRoleField,
		active: z.boolean(),
		lastSignInAt: Instant.nullable(),
	})
	.openapi("StaffMember");

/** A technician as the dispatcher console manages them (`/api/d/:slug/technicians`). */
export const TechnicianSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		email: z.string(),
		phone: z.string().nullable(),
		photoUrl: z.string().nullable(),
		bio: z.string().nullable(),
		bioApproved: z.boolean(),
		bioApprovedAt: Instant.nullable(),
		active: z.boolean(),
	})
	.openapi("Technician");
