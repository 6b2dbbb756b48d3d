import { createRoute, z } from "@hono/zod-openapi";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import { IdParam, jsonAnswer, jsonBody, NameField, SOME_FIELD } from "../../contracts/staff";
import { StaffMemberSchema, StaffRoleField } from "../../contracts/staff-team";
import { addStaffMember, changeStaffMember, listStaff, toStaffMember } from "../../domain/team/staff-team";
import { requestActor } from "../actor";
import { adminRouter } from "../router";

const tags = ["settings"];

/**
 * Staff and their roles: admins only (a dispatcher gets 403), mounted at its prefix so the check
 * covers nothing else. An admin can never remove the last admin.
 */
export const staffTeamRoutes = adminRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/",
			tags,
			summary: "Dispatchers and admins",
			request: { params: SlugParam },
			responses: {
				200: jsonAnswer("The staff", z.array(StaffMemberSchema)),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const rows = await listStaff(c.var.db, c.var.tenant.id);
			return c.json(rows.map(toStaffMember), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/",
			tags,
			summary: "Add a staff member; they sign in at /d/{slug} with this email",
			request: {
				params: SlugParam,
				body: jsonBody(
					z
						.object({ name: NameField, email: EmailField, role: StaffRoleField.default("dispatcher") })
						.openapi("NewStaffMember"),
				),
			},
			responses: { 201: jsonAnswer("Added", StaffMemberSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const row = await addStaffMember(c.var.db, requestActor(c), c.req.valid("json"));
			return c.json(toStaffMember(row), 201);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/{id}",
			tags,
			summary: "Change a staff member's name or role, deactivate or reactivate them",
			description:
				"Deactivating ends their sessions and closes their open boards at once. Demoting or deactivating the last active admin is 409.",
			request: {
				params: IdParam,
				body: jsonBody(
					z
						.object({
							name: NameField.optional(),
							role: StaffRoleField.optional(),
							active: z.boolean().optional(),
						})
						.refine(SOME_FIELD.check, SOME_FIELD.message)
						.openapi("StaffMemberPatch"),
				),
			},
			responses: {
				200: jsonAnswer("The staff member", StaffMemberSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { db, live } = c.var;
			const row = await changeStaffMember(
				{ db, live },
				requestActor(c),
				c.req.valid("param").id,
				c.req.valid("json"),
			);
			return c.json(toStaffMember(row), 200);
		},
	);
