import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { requireLinkOrigin } from "../../app-origin";
import {
	ImportListSchema,
	ImportPreviewSchema,
	ImportSchema,
	InviteBody,
	MappingBody,
	PreviewQuery,
} from "../../contracts/customer-imports";
import { errorResponses, SlugParam } from "../../contracts/openapi";
import { IdParam, jsonAnswer, jsonBody } from "../../contracts/staff";
import {
	chooseMapping,
	commitImport,
	findImport,
	previewImport,
	recentImports,
	startImport,
} from "../../domain/imports/customer-imports";
import { importView } from "../../domain/imports/import-view";
import { requestInvites } from "../../domain/imports/invites";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, readSpreadsheet } from "../../domain/imports/spreadsheet";
import { AppError } from "../../errors";
import { importQueue } from "../../queues/import-queue";
import { requestActor } from "../actor";
import { readAtMost } from "../image-upload";
import { createRouter } from "../router";

const tags = ["customer imports"];

/** Room for the multipart envelope around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

const fileProblem = (status: 400 | 413, message: string) =>
	new AppError(status, status === 413 ? "payload_too_large" : "validation_failed", message, [
		{ path: ["file"], field: "file", message },
	]);

/** The uploaded file (`file` of a multipart form): 413 past the size limit, 400 naming `file` otherwise. */
async function readImportFile(c: Context<AppEnv>): Promise<{ fileName: string; bytes: Uint8Array }> {
	const tooLarge = () => fileProblem(413, "The file is larger than 5 MB; split it into smaller files.");
	const type = c.req.header("Content-Type") ?? "";
	if (!/^multipart\/form-data/i.test(type))
		throw fileProblem(400, "Send the file as a form field named file.");
	if (Number(c.req.header("Content-Length")) > IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
	const body = await readAtMost(c.req.raw.body, IMPORT_MAX_BYTES + MULTIPART_OVERHEAD);
	if (!body) throw tooLarge();
	let file: File | string | null;
	try {
		file = (await new Response(body, { headers: { "Content-Type": type } }).formData()).get("file");
	} catch {
		throw fileProblem(400, "The form could not be read; choose the file again.");
	}
	if (!file || typeof file === "string") throw fileProblem(400, "Choose a CSV or Excel (.xlsx) file.");
	if (file.size > IMPORT_MAX_BYTES) throw tooLarge();
	if (file.size === 0) throw fileProblem(400, "The file is empty.");
	const fileName = (file.name || "customers")
		.replace(/[\r\n\\/]+/g, " ")
		.trim()
		.slice(0, 200);
	return { fileName, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const ImportIdParam = IdParam;
const importAnswer = { 200: jsonAnswer("The import", ImportSchema) };

export const staffCustomerImportRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/customers/imports",
			tags,
			summary: "The latest imports of customers",
			request: { params: SlugParam },
			responses: { 200: jsonAnswer("Newest first", ImportListSchema), ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const rows = await recentImports(c.var.db, c.var.tenant.id);
			return c.json(
				{
					items: rows.map((r) => ({
						id: r.id,
						fileName: r.fileName,
						rowCount: r.rowCount,
						createdAt: new Date(r.createdAt).toISOString(),
						finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt).toISOString(),
					})),
				},
				200,
			);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/customers/imports",
			tags,
			summary: "Upload a CSV or XLSX file of customers",
			description: `A multipart form with the file as \`file\`: CSV (comma, semicolon or tab; UTF-8 with or without BOM, or Windows-1252) or Excel .xlsx (its first sheet), the header on the first line, at most 5 MB and ${IMPORT_MAX_ROWS.toLocaleString("en-US")} rows. The answer offers a mapping of the columns: the tenant's last choices for the same headers, else a guess. Nothing is written to customers yet.`,
			request: {
				params: SlugParam,
				body: {
					required: true,
					content: {
						"multipart/form-data": {
							schema: z.object({ file: z.string().openapi({ type: "string", format: "binary" }) }),
						},
					},
				},
			},
			responses: {
				201: jsonAnswer("The import, not yet committed", ImportSchema),
				...errorResponses(400, 401, 403, 404),
				413: { description: "The file is larger than 5 MB or has too many rows" },
			},
		}),
		async (c) => {
			const { fileName, bytes } = await readImportFile(c);
			const sheet = readSpreadsheet(bytes);
			if ("status" in sheet) throw fileProblem(sheet.status, sheet.message);
			const row = await startImport(c.var.db, requestActor(c), { fileName, sheet });
			return c.json(await importView(c.var.db, row), 201);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/customers/imports/{id}",
			tags,
			summary: "An import: its mapping, progress (rows done of total), counts and invitations",
			request: { params: ImportIdParam },
			responses: { ...importAnswer, ...errorResponses(401, 403, 404) },
		}),
		async (c) => {
			const row = await findImport(c.var.db, c.var.tenant.id, c.req.valid("param").id);
			return c.json(await importView(c.var.db, row), 200);
		},
	)
	.openapi(
		createRoute({
			method: "put",
			path: "/customers/imports/{id}/mapping",
			tags,
			summary: "Choose each column's field (or none); remembered for the next import",
			request: { params: ImportIdParam, body: jsonBody(MappingBody) },
			responses: { ...importAnswer, ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { id } = c.req.valid("param");
			const row = await chooseMapping(c.var.db, requestActor(c), id, c.req.valid("json").mapping);
			return c.json(await importView(c.var.db, row), 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/customers/imports/{id}/preview",
			tags,
			summary: "Each row's outcome (new, updated, duplicate, error) against the contacts now; writes nothing",
			request: { params: ImportIdParam, query: PreviewQuery },
			responses: {
				200: jsonAnswer("Counts and a page of rows", ImportPreviewSchema),
				...errorResponses(400, 401, 403, 404),
			},
		}),
		async (c) => {
			const { preview } = await previewImport(
				c.var.db,
				c.var.tenant.id,
				c.req.valid("param").id,
				c.req.valid("query"),
			);
			return c.json(preview, 200);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/customers/imports/{id}/commit",
			tags,
			summary: "Write the import: chunks of 100 rows, each atomic, through the queue",
			description:
				"Answers at once; poll the import for `progress`. Contacts are upserted by normalized email, accounts and locations by normalized name, all within the tenant, so importing the same file again creates nothing twice. 409 when committed already.",
			request: { params: ImportIdParam },
			responses: { 202: jsonAnswer("Started", ImportSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { db } = c.var;
			const row = await commitImport(
				{ db, enqueue: importQueue(c.env) },
				requestActor(c),
				c.req.valid("param").id,
			);
			return c.json(await importView(db, row), 202);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/customers/imports/{id}/invites",
			tags,
			summary: "Invite the import's contacts to the portal, at a pace per hour",
			description:
				"One email per contact never invited before, with the portal's sign-in page for this tenant (the address filled in; it signs no one in by itself), sent through the queue at `perHour` and within the tenant's hourly send ceiling. 409 while the import runs or when everyone is invited already.",
			request: { params: ImportIdParam, body: jsonBody(InviteBody) },
			responses: { 202: jsonAnswer("Queued", ImportSchema), ...errorResponses(400, 401, 403, 404, 409) },
		}),
		async (c) => {
			const { db } = c.var;
			const { id } = c.req.valid("param");
			const origin = requireLinkOrigin(c);
			await requestInvites(
				{ db, enqueue: importQueue(c.env), origin },
				requestActor(c),
				id,
				c.req.valid("json").perHour,
			);
			return c.json(await importView(db, await findImport(db, c.var.tenant.id, id)), 202);
		},
	);
