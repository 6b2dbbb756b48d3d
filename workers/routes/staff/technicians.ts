import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { technicians } from "../../../schema/tables/staff";
import type { AppEnv } from "../../app-env";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import { IdParam, jsonAnswer, jsonBody, NameField, PhoneField, SOME_FIELD } from "../../contracts/staff";
import { TechnicianSchema } from "../../contracts/staff-team";
import { changeSet, isEmptyChange } from "../../domain/change-set";
import { newId } from "../../domain/ids";
import { mediaUrl, tenantMediaKey } from "../../domain/media";
import { deleteSubjectSessionsStatement } from "../../domain/sessions";
import {
	TECHNICIAN_PHOTO_MAX_BYTES,
	type TechnicianRow,
	toTechnicianProfile,
} from "../../domain/technician-profiles";
import { AppError, notFound } from "../../errors";
import { readSignedIn } from "../../middleware/signed-in-read";
import { deleteReplacedImage, imageBody, readImageUpload, storeImage } from "../image-upload";
import { createRouter } from "../router";
import { staffAuditInsert } from "./audit";
import { insertPerson } from "./new-person";

const tags = ["technicians"];

/** A bio as typed; an empty one is no bio. */
const BioField = z
	.string()
	.trim()
	.max(1000, "A bio has at most 1,000 characters.")
	.nullable()
	.transform((v) => v || null);

const NewTechnicianBody = z
	.object({ name: NameField, email: EmailField, phone: PhoneField.optional(), bio: BioField.optional() })
	.openapi("NewTechnician");

const TechnicianPatchBody = z
	.object({
		name: NameField.optional(),
		phone: PhoneField.optional(),
		bio: BioField.optional(),
		active: z.boolean().optional(),
	})
	.refine(SOME_FIELD.check, SOME_FIELD.message)
	.openapi("TechnicianPatch");

const technicianAnswer = { 200: jsonAnswer("The technician", TechnicianSchema) };

async function loadTechnician(c: Context<AppEnv>, id: string): Promise<TechnicianRow> {
	const row = await c.var.db
		.select()
		.from(technicians)
		.where(and(eq(technicians.tenantId, c.var.tenant.id), eq(technicians.id, id)))
		.get();
	if (!row) throw notFound("That technician");
	return row;
}

const thisTechnician = (tenantId: string, id: string) =>
	and(eq(technicians.tenantId, tenantId), eq(technicians.id, id));

export const staffTechnicianRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/technicians",
			tags,
			summary: "Every technician, active or not",
			request: { params: SlugParam },
			responses: {
				200: jsonAnswer("The technicians", z.array(TechnicianSchema)),
				...errorResponses(401, 403, 404),
			},
		}),
		async (c) => {
			const [rows] = await readSignedIn(
				c,
				({ tenant }) =>
					[
						c.var.db
							.select()
							.from(technicians)
							.where(eq(technicians.tenantId, tenant.id))
							.orderBy(asc(technicians.name), asc(technicians.id)),
					] as const,
			);
			return c.json(rows.map(toTechnicianProfile), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/technicians",
			tags,
			summary: "Add a technician; they sign in at /t/{slug} with this email",
			request: { params: SlugParam, body: jsonBody(NewTechnicianBody) },
			responses: {
				201: jsonAnswer("Created", TechnicianSchema),
				...errorResponses(400, 401, 403, 404, 409),
			},
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const input = c.req.valid("json");
			const row: TechnicianRow = {
				id: newId("tec"),
				tenantId: tenant.id,
				name: input.name,
				email: input.email.email,
				emailNormalized: input.email.normalized,
				phone: input.phone ?? null,
				photoUrl: null,
				bio: input.bio ?? null,
				bioApprovedAt: null,
				bioApprovedBy: null,
				active: true,
				lastSignInAt: null,
				createdAt: Date.now(),
			};
			await insertPerson(c, "A technician", db.insert(technicians).values(row), {
				action: "technician.created",
				targetType: "technician",
				targetId: row.id,
				data: { name: row.name, email: row.emailNormalized },
			});
			return c.json(toTechnicianProfile(row), 201);
		},
	)
	.openapi(
		createRoute({
			method: "patch",
			path: "/technicians/{id}",
			tags,
			summary: "Change a technician; a changed bio needs approval again",
			description:
				"Changing the bio clears its approval, so customers never see a bio no dispatcher approved. Deactivating ends the technician's sessions.",
			request: { params: IdParam, body: jsonBody(TechnicianPatchBody) },
			responses: { ...technicianAnswer, ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const { id } = c.req.valid("param");
			const input = c.req.valid("json");
			const current = await loadTechnician(c, id);
			const change = changeSet(current, input);
			if (isEmptyChange(change)) return c.json(toTechnicianProfile(current), 200);
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
					.where(thisTechnician(tenant.id, id))
					.returning(),
				staffAuditInsert(c, {
					action: "technician.updated",
					targetType: "technician",
					targetId: id,
					data: { ...change, bioApprovalCleared: bioChanged && current.bioApprovedAt !== null },
				}),
				// A deactivated technician's sessions end with the change, not at their next request.
				deleteSubjectSessionsStatement(db, {
					tenantId: tenant.id,
					audience: "technician",
					subjectId: deactivated ? id : "",
				}),
			]);
			const row = updated[0];
			if (!row) throw notFound("That technician");
			return c.json(toTechnicianProfile(row), 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/technicians/{id}/approve-bio",
			tags,
			summary: "Approve the technician's current bio for customers to see",
			request: { params: IdParam },
			responses: { ...technicianAnswer, ...errorResponses(400, 401, 403, 404) },
		}),
		async (c) => {
			const { db, tenant, me } = c.var;
			const { id } = c.req.valid("param");
			const current = await loadTechnician(c, id);
			if (!current.bio) throw new AppError(400, "bad_request", "This technician has no bio to approve.");
			const [updated] = await db.batch([
				db
					.update(technicians)
					.set({ bioApprovedAt: Date.now(), bioApprovedBy: me.id })
					// Approves the bio the dispatcher saw; a bio changed meanwhile stays unapproved.
					.where(and(thisTechnician(tenant.id, id), eq(technicians.bio, current.bio)))
					.returning(),
				staffAuditInsert(c, {
					action: "technician.bio_approved",
					targetType: "technician",
					targetId: id,
					data: { bio: current.bio },
				}),
			]);
			const row = updated[0];
			if (!row)
				throw new AppError(409, "conflict", "The bio changed meanwhile. Read it again before approving.");
			return c.json(toTechnicianProfile(row), 200);
		},
	)
	.openapi(
		createRoute({
			method: "put",
			path: "/technicians/{id}/photo",
			tags,
			summary: "Upload the technician's photo (PNG, JPEG or WebP, at most 2 MB)",
			request: { params: IdParam, body: imageBody(TECHNICIAN_PHOTO_MAX_BYTES) },
			responses: {
				...technicianAnswer,
				...errorResponses(400, 401, 403, 404),
				413: { description: "The image is larger than 2 MB" },
				415: { description: "Not a PNG, JPEG or WebP image" },
			},
		}),
		async (c) => {
			const { db, tenant } = c.var;
			const { id } = c.req.valid("param");
			const current = await loadTechnician(c, id);
			const image = await readImageUpload(c, TECHNICIAN_PHOTO_MAX_BYTES);
			const key = await storeImage(c.env, tenant.id, ["technicians", id], image);
			const photoUrl = mediaUrl(key);
			const [updated] = await db.batch([
				db.update(technicians).set({ photoUrl }).where(thisTechnician(tenant.id, id)).returning(),
				staffAuditInsert(c, {
					action: "technician.photo_changed",
					targetType: "technician",
					targetId: id,
					data: { before: current.photoUrl, after: photoUrl, bytes: image.bytes.byteLength },
				}),
			]);
			const row = updated[0];
			if (!row) throw notFound("That technician");
			deleteReplacedImage(c, tenantMediaKey(current.photoUrl, tenant.id));
			return c.json(toTechnicianProfile(row), 200);
		},
	);
