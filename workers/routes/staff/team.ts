import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { type StaffRole, staff, staffRoles } from "../../../schema/tables/staff";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import { IdParam, iso, jsonAnswer, jsonBody, NameField, SOME_FIELD } from "../../contracts/staff";
import { StaffMemberSchema } from "../../contracts/staff-team";
import { changeSet, isEmptyChange } from "../../domain/change-set";
import { newId } from "../../domain/ids";
import { deleteSubjectSessionsStatement } from "../../domain/sessions";
import { AppError, notFound } from "../../errors";
import { adminRouter } from "../router";
import { staffAuditInsert } from "./audit";
import { insertPerson } from "./new-person";

const tags = ["settings"];

type StaffRow = typeof staff.$inferSelect;

const toMember = (s: StaffRow) => ({
	id: s.id,
	name: s.name,
	email: s.email,
	role: s.role,
	active: s.disabledAt === null,
	lastSignInAt: iso(s.lastSignInAt),
});

const lastAdmin = () =>
	new AppError(409, "conflict", "This is the last admin. Make someone else an admin first.");

/** Whether another active admin than `id` exists, inside the statement that needs it. */
const anotherActiveAdmin = (tenantId: string, id: string) =>
	sql`EXISTS (SELECT 1 FROM ${staff} WHERE ${and(
		eq(staff.tenantId, tenantId),
		eq(staff.role, "admin"),
		isNull(staff.disabledAt),
		ne(staff.id, id),
	)})`;

/** Staff and their roles: admins only. An admin can never remove the last admin. */
/** Admins only (a dispatcher gets 403), mounted at its prefix so the check covers nothing else. */
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
			const rows = await c.var.db
				.select()
				.from(staff)
				.where(eq(staff.tenantId, c.var.tenant.id))
				.orderBy(staff.name, staff.id);
			return c.json(rows.map(toMember), 200);
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
						.object({ name: NameField, email: EmailField, role: z.enum(staffRoles).default("dispatcher") })
						.openapi("NewStaffMember"),
				),
			},
			responses: { 201: jsonAnswer("Added", StaffMemberSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const input = c.req.valid("json");
			const row: StaffRow = {
				id: newId("stf"),
				tenantId: tenant.id,
				name: input.name,
				email: input.email.email,
				emailNormalized: input.email.normalized,
				role: input.role,
				disabledAt: null,
				lastSignInAt: null,
				createdAt: Date.now(),
			};
			await insertPerson(c, "A staff member", db.insert(staff).values(row), {
				action: "staff.added",
				targetType: "staff",
				targetId: row.id,
				data: { email: row.emailNormalized, role: row.role },
			});
			return c.json(toMember(row), 201);
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
							role: z.enum(staffRoles).optional(),
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
			const { db, tenant } = c.var;
			const { id } = c.req.valid("param");
			const input = c.req.valid("json");
			const current = await db
				.select()
				.from(staff)
				.where(and(eq(staff.tenantId, tenant.id), eq(staff.id, id)))
				.get();
			if (!current) throw notFound("That staff member");
			const active = current.disabledAt === null;
			const change = changeSet({ name: current.name, role: current.role, active }, input);
			if (isEmptyChange(change)) return c.json(toMember(current), 200);
			const role: StaffRole = input.role ?? current.role;
			const willBeActive = input.active ?? active;
			const losesAdmin = current.role === "admin" && active && (role !== "admin" || !willBeActive);
			const deactivated = active && !willBeActive;
			if (losesAdmin) {
				const other = await db
					.select({ id: staff.id })
					.from(staff)
					.where(
						and(
							eq(staff.tenantId, tenant.id),
							eq(staff.role, "admin"),
							isNull(staff.disabledAt),
							ne(staff.id, id),
						),
					)
					.limit(1)
					.get();
				if (!other) throw lastAdmin();
			}
			const [updated] = await db.batch([
				db
					.update(staff)
					.set({
						name: input.name ?? current.name,
						role,
						disabledAt: willBeActive ? null : (current.disabledAt ?? Date.now()),
					})
					// Checked again inside the write, so two admins demoting each other at once cannot both succeed.
					.where(
						and(
							eq(staff.tenantId, tenant.id),
							eq(staff.id, id),
							losesAdmin ? anotherActiveAdmin(tenant.id, id) : undefined,
						),
					)
					.returning(),
				staffAuditInsert(c, {
					action: deactivated ? "staff.deactivated" : "staff.updated",
					targetType: "staff",
					targetId: id,
					data: change,
				}),
				deleteSubjectSessionsStatement(db, {
					tenantId: tenant.id,
					audience: "staff",
					subjectId: deactivated ? id : "",
				}),
			]);
			const row = updated[0];
			// Lost the race above: the audit entry stays as a record of the refused attempt.
			if (!row) throw lastAdmin();
			if (deactivated) await c.var.live.closeStaffSockets(tenant.id, `staff:${id}`, "access ended");
			return c.json(toMember(row), 200);
		},
	);
