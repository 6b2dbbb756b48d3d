import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { type StaffRole, staff } from "../../../schema/tables/staff";
import type { Db } from "../../db";
import { AppError, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { changeSet, isEmptyChange } from "../change-set";
import { newId } from "../ids";
import type { LiveChannels } from "../live/live-jobs";
import { announceAccessEnded, endSubjectSessionsStatements } from "../sign-in/access-ended";
import { iso } from "../time";
import { insertPerson } from "./new-person";

type StaffRow = typeof staff.$inferSelect;

/** A dispatcher or admin as the team settings list them. */
export const toStaffMember = (s: StaffRow) => ({
	id: s.id,
	name: s.name,
	email: s.email,
	role: s.role,
	active: s.disabledAt === null,
	lastSignInAt: iso(s.lastSignInAt),
});

const lastAdmin = () =>
	new AppError(409, "conflict", "This is the last admin. Make someone else an admin first.");

/** The tenant's other active admins than `id`. */
const otherActiveAdmins = (tenantId: string, id: string) =>
	and(eq(staff.tenantId, tenantId), eq(staff.role, "admin"), isNull(staff.disabledAt), ne(staff.id, id));

/** Whether another active admin than `id` exists, inside the statement that needs it. */
const anotherActiveAdmin = (tenantId: string, id: string) =>
	sql`EXISTS (SELECT 1 FROM ${staff} WHERE ${otherActiveAdmins(tenantId, id)})`;

/** The tenant's dispatchers and admins, by name. */
export async function listStaff(db: Db, tenantId: string): Promise<StaffRow[]> {
	return db.select().from(staff).where(eq(staff.tenantId, tenantId)).orderBy(staff.name, staff.id);
}

/** Adds a staff member, who signs in at /d/{slug} with this email; 409 when the email is taken. */
export async function addStaffMember(
	db: Db,
	actor: Actor,
	input: { name: string; email: { email: string; normalized: string }; role: StaffRole },
	now = Date.now(),
): Promise<StaffRow> {
	const row: StaffRow = {
		id: newId("stf"),
		tenantId: actor.tenantId,
		name: input.name,
		locale: null,
		email: input.email.email,
		emailNormalized: input.email.normalized,
		role: input.role,
		notifyPrefs: {},
		disabledAt: null,
		lastSignInAt: null,
		createdAt: now,
	};
	await insertPerson(
		db,
		actor,
		"A staff member",
		db.insert(staff).values(row),
		{
			action: "staff.added",
			targetType: "staff",
			targetId: row.id,
			data: { email: row.emailNormalized, role: row.role },
		},
		now,
	);
	return row;
}

/**
 * Changes a staff member's name or role, or deactivates or reactivates them. Deactivating ends
 * their sessions with the change and closes their open boards. The last active admin can be
 * neither demoted nor deactivated (409), checked again inside the write so two admins demoting
 * each other at once cannot both succeed. An empty change writes nothing.
 */
export async function changeStaffMember(
	deps: { db: Db; live: LiveChannels },
	actor: Actor,
	id: string,
	input: { name?: string; role?: StaffRole; active?: boolean },
	now = Date.now(),
): Promise<StaffRow> {
	const { db, live } = deps;
	const { tenantId } = actor;
	const current = await db
		.select()
		.from(staff)
		.where(and(eq(staff.tenantId, tenantId), eq(staff.id, id)))
		.get();
	if (!current) throw notFound("That staff member");
	const active = current.disabledAt === null;
	const change = changeSet({ name: current.name, role: current.role, active }, input);
	if (isEmptyChange(change)) return current;
	const role: StaffRole = input.role ?? current.role;
	const willBeActive = input.active ?? active;
	const losesAdmin = current.role === "admin" && active && (role !== "admin" || !willBeActive);
	const deactivated = active && !willBeActive;
	if (losesAdmin) {
		const other = await db
			.select({ id: staff.id })
			.from(staff)
			.where(otherActiveAdmins(tenantId, id))
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
				disabledAt: willBeActive ? null : (current.disabledAt ?? now),
			})
			.where(
				and(
					eq(staff.tenantId, tenantId),
					eq(staff.id, id),
					losesAdmin ? anotherActiveAdmin(tenantId, id) : undefined,
				),
			)
			.returning(),
		auditBy(
			db,
			actor,
			{
				action: deactivated ? "staff.deactivated" : "staff.updated",
				targetType: "staff",
				targetId: id,
				data: change,
			},
			now,
		),
		...endSubjectSessionsStatements(
			db,
			{ tenantId, audience: "staff", subjectId: deactivated ? id : "" },
			"access_removed",
			now,
		),
	]);
	const row = updated[0];
	// Lost the race above: the audit entry stays as a record of the refused attempt.
	if (!row) throw lastAdmin();
	if (deactivated) {
		await announceAccessEnded(live.accessGate(tenantId), {
			audience: "staff",
			personId: id,
			reason: "access_removed",
		});
		await live.closeStaffSockets(tenantId, `staff:${id}`, "access ended");
	}
	return row;
}
