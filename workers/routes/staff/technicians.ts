import { createRoute, z } from "@hono/zod-openapi";
import { EmailField, errorResponses, SlugParam } from "../../contracts/openapi";
import { IdParam, jsonAnswer, jsonBody, NameField, PhoneField, SOME_FIELD } from "../../contracts/staff";
import { TechnicianSchema } from "../../contracts/staff-team";
import {
	addTechnician,
	approveTechnicianBio,
	changeTechnician,
	changeTechnicianPhoto,
	TECHNICIAN_PHOTO_MAX_BYTES,
	technicianListRead,
	toTechnicianProfile,
} from "../../domain/team/technician-profiles";
import { readSignedIn } from "../../middleware/signed-in-read";
import { requestActor } from "../actor";
import { imageBody, mediaStore, readImageUpload } from "../image-upload";
import { createRouter } from "../router";

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
				({ tenant }) => [technicianListRead(c.var.db, tenant.id)] as const,
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
			const row = await addTechnician(c.var.db, requestActor(c), c.req.valid("json"));
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
			const { id } = c.req.valid("param");
			const row = await changeTechnician(
				{ db: c.var.db, live: c.var.live },
				requestActor(c),
				id,
				c.req.valid("json"),
			);
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
			const row = await approveTechnicianBio(c.var.db, requestActor(c), c.req.valid("param").id);
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
			const row = await changeTechnicianPhoto(
				{ db: c.var.db, media: mediaStore(c) },
				requestActor(c),
				c.req.valid("param").id,
				() => readImageUpload(c, TECHNICIAN_PHOTO_MAX_BYTES),
			);
			return c.json(toTechnicianProfile(row), 200);
		},
	);
