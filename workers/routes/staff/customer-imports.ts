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

/**
 * The types a browser gives a spreadsheet (Windows calls a .csv "application/vnd.ms-excel").
 * The file is the raw body rather than a form field: a form post is what another site can forge.
 */
const SPREADSHEET_TYPES = new Set([
	"text/csv",
	"application/csv",
	"text/tab-separated-values",
	"application/vnd.ms-excel",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/octet-stream",
]);

const fileProblem = (status: 400 | 413, message: string) =>
	new AppError(status, status === 413 ? "payload_too_large" : "validation_failed", message, [
		{ path: ["file"], field: "file", message },
	]);

/** The uploaded file, the raw body: 413 past the size limit, 400 naming `file` otherwise. */
async function readImportFile(c: Context<AppEnv>): Promise<Uint8Array> {
	const tooLarge = () => fileProblem(413, "The file is larger than 5 MB; split it into smaller files.");
	const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
	if (!SPREADSHEET_TYPES.has(type)) throw fileProblem(400, "Choose a CSV or Excel (.xlsx) file.");
	if (Number(c.req.header("Content-Length")) > IMPORT_MAX_BYTES) throw tooLarge();
	const bytes = await readAtMost(c.req.raw.body, IMPORT_MAX_BYTES);
	if (!bytes) throw tooLarge();
	if (bytes.byteLength === 0) throw fileProblem(400, "The file is empty.");
	return bytes;
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
			description: `The file as the raw body, its name in \`fileName\`: CSV (comma, semicolon or tab; UTF-8 with or without BOM, or Windows-1252) or Excel .xlsx (its first sheet), the header on the first line, at most 5 MB and ${IMPORT_MAX_ROWS.toLocaleString("en-US")} rows. The answer offers a mapping of the columns: the tenant's last choices for the same headers, else a guess. Nothing is written to customers yet.`,
			request: {
				params: SlugParam,
				query: z.object({ fileName: z.string().trim().max(200).default("customers") }),
				body: {
					required: true,
					content: Object.fromEntries(
						[...SPREADSHEET_TYPES].map((t) => [
							t,
							{ schema: z.string().openapi({ type: "string", format: "binary" }) },
						]),
					),
				},
			},
			responses: {
				201: jsonAnswer("The import, not yet committed", ImportSchema),
				...errorResponses(400, 401, 403, 404),
				413: { description: "The file is larger than 5 MB or has too many rows" },
			},
		}),
		async (c) => {
			const bytes = await readImportFile(c);
			const fileName = c.req.valid("query").fileName.replace(/[\r\n\\/]+/g, " ") || "customers";
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
