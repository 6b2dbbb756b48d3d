import { z } from "@hono/zod-openapi";
import { importFields } from "../../schema/tables/imports";
import { rowReasonCodes } from "../domain/imports/rows";
import { Instant } from "./staff";

/** Requests and answers of the console's customer import (`/api/d/:slug/customers/imports`). */

export const ImportField = z.enum(importFields);

export const ImportCountsSchema = z
	.object({
		new: z.number().int(),
		updated: z.number().int(),
		duplicate: z.number().int(),
		error: z.number().int(),
	})
	.openapi("ImportCounts");

export const ImportSchema = z
	.object({
		id: z.string(),
		fileName: z.string(),
		headers: z.array(z.string()),
		mapping: z
			.array(ImportField.nullable())
			.openapi({ description: "Each column's field, or null to leave it out" }),
		rowCount: z.number().int(),
		sampleRows: z.array(z.array(z.string())).openapi({ description: "The file's first rows, as typed" }),
		createdAt: Instant,
		committedAt: Instant.nullable(),
		finishedAt: Instant.nullable(),
		progress: z.object({ done: z.number().int(), total: z.number().int() }),
		counts: ImportCountsSchema.nullable().openapi({
			description: "What the rows came to; null until committed",
		}),
		invites: z.object({
			invitable: z.number().int(),
			queued: z.number().int(),
			sent: z.number().int(),
			perHour: z.number().int().nullable(),
		}),
	})
	.openapi("CustomerImport");

export const ImportListSchema = z
	.object({
		items: z.array(
			ImportSchema.pick({ id: true, fileName: true, rowCount: true, createdAt: true, finishedAt: true }),
		),
	})
	.openapi("CustomerImports");

export const RowOutcome = z.enum(["new", "updated", "duplicate", "error"]);

export const RowPreviewSchema = z
	.object({
		line: z.number().int(),
		outcome: RowOutcome,
		email: z.string(),
		name: z.string(),
		account: z.string().nullable(),
		reason: z
			.object({
				code: z.enum(rowReasonCodes),
				line: z.number().int().optional(),
				field: ImportField.optional(),
				max: z.number().int().optional(),
				value: z.string().optional(),
				detail: z.string().optional(),
				fields: z.array(z.enum(["name", "phone"])).optional(),
			})
			.nullable(),
	})
	.openapi("ImportRowPreview");

export const ImportPreviewSchema = z
	.object({ counts: ImportCountsSchema, matching: z.number().int(), rows: z.array(RowPreviewSchema) })
	.openapi("ImportPreview");

export const MappingBody = z
	.object({ mapping: z.array(ImportField.nullable()).max(200) })
	.openapi("ImportMapping");

export const PreviewQuery = z.object({
	outcome: RowOutcome.optional(),
	offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
	limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const InviteBody = z
	.object({
		perHour: z.number().int().min(1, "Send at least 1 an hour.").max(500, "Send at most 500 an hour."),
	})
	.openapi("ImportInvites");
