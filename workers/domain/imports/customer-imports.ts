import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { contacts } from "../../../schema/tables/accounts";
import {
	type ColumnMapping,
	customerImportChunks,
	customerImportMappings,
	customerImports,
	type ImportCounts,
	type ImportSourceRow,
} from "../../../schema/tables/imports";
import type { Db } from "../../db";
import { AppError, invalidFields, notFound } from "../../errors";
import { type Actor, auditBy } from "../activity/actor";
import { newId } from "../ids";
import { guessMapping, mappingMemory, mappingProblems } from "./mapping";
import { type ExistingContact, planRows, type RowOutcome, type RowPreview } from "./rows";
import type { Spreadsheet } from "./spreadsheet";

/** Rows per chunk: the unit stored, queued and written in one atomic D1 batch. */
export const IMPORT_CHUNK_ROWS = 100;

export type ImportRow = typeof customerImports.$inferSelect;

/** The messages an import puts on the queue: write one chunk; send the next invitations. */
export type ImportMessage =
	| { type: "import_chunk"; tenantId: string; importId: string; seq: number }
	/** `origin`: where the invitations' links point, decided when the dispatcher asked. */
	| { type: "invite_batch"; tenantId: string; importId: string; origin: string };

/** Puts messages on the import queue, each after an optional delay. */
export type EnqueueImportWork = (
	messages: Array<{ body: ImportMessage; delaySeconds?: number }>,
) => Promise<void>;

const alreadyCommitted = () =>
	new AppError(409, "conflict", "This import has started already; upload the file again to change it.");

async function rememberedMapping(db: Db, tenantId: string) {
	const row = await db
		.select({ columns: customerImportMappings.columns })
		.from(customerImportMappings)
		.where(eq(customerImportMappings.tenantId, tenantId))
		.get();
	return row?.columns ?? {};
}

/**
 * Keeps an uploaded file's rows, in chunks, with the mapping offered for its headers (the
 * tenant's last choices, else a guess). Nothing about customers is written until commit.
 */
export async function startImport(
	db: Db,
	actor: Actor,
	input: { fileName: string; sheet: Spreadsheet },
	now = Date.now(),
): Promise<ImportRow> {
	const { headers, rows } = input.sheet;
	const row: ImportRow = {
		id: newId("imp"),
		tenantId: actor.tenantId,
		fileName: input.fileName,
		headers,
		mapping: guessMapping(headers, await rememberedMapping(db, actor.tenantId)),
		rowCount: rows.length,
		createdBy: actor.id,
		createdAt: now,
		committedBy: null,
		committedAt: null,
		errorCount: 0,
		duplicateCount: 0,
		finishedAt: null,
		invitesPerHour: null,
		invitesRequestedAt: null,
	};
	const chunks = [];
	for (let seq = 0; seq * IMPORT_CHUNK_ROWS < rows.length; seq += 1) {
		chunks.push(
			db.insert(customerImportChunks).values({
				id: newId("imc"),
				tenantId: actor.tenantId,
				importId: row.id,
				seq,
				rows: rows.slice(seq * IMPORT_CHUNK_ROWS, (seq + 1) * IMPORT_CHUNK_ROWS),
			}),
		);
	}
	await db.batch([db.insert(customerImports).values(row), ...chunks]);
	return row;
}

/** One of the tenant's imports; another tenant's id is a 404. */
export async function findImport(db: Db, tenantId: string, id: string): Promise<ImportRow> {
	const row = await db
		.select()
		.from(customerImports)
		.where(and(eq(customerImports.tenantId, tenantId), eq(customerImports.id, id)))
		.get();
	if (!row) throw notFound("That import");
	return row;
}

/** The tenant's latest imports, newest first. */
export function recentImports(db: Db, tenantId: string, limit = 10): Promise<ImportRow[]> {
	return db
		.select()
		.from(customerImports)
		.where(eq(customerImports.tenantId, tenantId))
		.orderBy(desc(customerImports.createdAt))
		.limit(limit);
}

/**
 * Sets the import's column mapping (one field or none per column; Email required, no field
 * twice — 400 naming `mapping`) and remembers it for the tenant's next import. 409 once committed.
 */
export async function chooseMapping(
	db: Db,
	actor: Actor,
	id: string,
	mapping: ColumnMapping,
	now = Date.now(),
): Promise<ImportRow> {
	const row = await findImport(db, actor.tenantId, id);
	if (row.committedAt) throw alreadyCommitted();
	const problems = mappingProblems(row.headers, mapping);
	if (problems.length > 0) {
		throw invalidFields(problems.map((p) => ({ ...p, field: p.path.join(".") })));
	}
	const columns = mappingMemory(row.headers, mapping, await rememberedMapping(db, actor.tenantId));
	await db.batch([
		db
			.update(customerImports)
			.set({ mapping })
			.where(and(eq(customerImports.tenantId, actor.tenantId), eq(customerImports.id, id))),
		db
			.insert(customerImportMappings)
			.values({ id: newId("imm"), tenantId: actor.tenantId, columns, updatedAt: now })
			.onConflictDoUpdate({ target: customerImportMappings.tenantId, set: { columns, updatedAt: now } }),
	]);
	return { ...row, mapping };
}

async function sourceRows(db: Db, tenantId: string, importId: string): Promise<ImportSourceRow[]> {
	const chunks = await db
		.select({ rows: customerImportChunks.rows })
		.from(customerImportChunks)
		.where(and(eq(customerImportChunks.tenantId, tenantId), eq(customerImportChunks.importId, importId)))
		.orderBy(asc(customerImportChunks.seq));
	return chunks.flatMap((c) => c.rows);
}

async function existingContacts(db: Db, tenantId: string): Promise<Map<string, ExistingContact>> {
	const rows = await db
		.select({ emailNormalized: contacts.emailNormalized, name: contacts.name, phone: contacts.phone })
		.from(contacts)
		.where(eq(contacts.tenantId, tenantId));
	return new Map(rows.map((r) => [r.emailNormalized, r]));
}

async function planImport(db: Db, row: ImportRow) {
	const [rows, existing] = await Promise.all([
		sourceRows(db, row.tenantId, row.id),
		existingContacts(db, row.tenantId),
	]);
	return planRows(rows, row.mapping, existing);
}

export type ImportPreview = {
	counts: ImportCounts;
	rows: RowPreview[];
	/** How many rows the filter keeps, of which `rows` is the page from `offset`. */
	matching: number;
};

/** Each row's outcome under the import's mapping, against the tenant's contacts now; writes nothing. */
export async function previewImport(
	db: Db,
	tenantId: string,
	id: string,
	page: { outcome?: RowOutcome; offset: number; limit: number },
): Promise<{ row: ImportRow; preview: ImportPreview }> {
	const row = await findImport(db, tenantId, id);
	const { previews, counts } = await planImport(db, row);
	const kept = page.outcome ? previews.filter((p) => p.outcome === page.outcome) : previews;
	return {
		row,
		preview: { counts, matching: kept.length, rows: kept.slice(page.offset, page.offset + page.limit) },
	};
}

/**
 * Starts writing the import: the rows to write (errors and in-file repeats left out) are kept
 * on their chunks and each chunk is queued, to be written in one atomic batch by the consumer.
 * 409 when it was committed already (a second click changes nothing).
 */
export async function commitImport(
	deps: { db: Db; enqueue: EnqueueImportWork },
	actor: Actor,
	id: string,
	now = Date.now(),
): Promise<ImportRow> {
	const { db } = deps;
	const row = await findImport(db, actor.tenantId, id);
	if (row.committedAt) throw alreadyCommitted();
	const problems = mappingProblems(row.headers, row.mapping);
	if (problems.length > 0) throw invalidFields(problems.map((p) => ({ ...p, field: p.path.join(".") })));
	const { records, counts } = await planImport(db, row);
	const bySeq = new Map<number, typeof records>();
	for (const record of records) {
		const seq = Math.floor((record.line - 2) / IMPORT_CHUNK_ROWS);
		bySeq.set(seq, [...(bySeq.get(seq) ?? []), record]);
	}
	const chunkCount = Math.ceil(row.rowCount / IMPORT_CHUNK_ROWS);
	// Rows left out now: errors, and repeats of an address an earlier line has.
	const skipped = { errorCount: counts.error, duplicateCount: row.rowCount - counts.error - records.length };
	const [claimed] = await db.batch([
		db
			.update(customerImports)
			.set({ committedAt: now, committedBy: actor.id, ...skipped })
			.where(
				and(
					eq(customerImports.tenantId, actor.tenantId),
					eq(customerImports.id, id),
					// Two clicks at once: only one commits.
					isNull(customerImports.committedAt),
				),
			)
			.returning({ id: customerImports.id }),
		...Array.from({ length: chunkCount }, (_, seq) =>
			db
				.update(customerImportChunks)
				.set({ records: bySeq.get(seq) ?? [] })
				.where(
					and(
						eq(customerImportChunks.tenantId, actor.tenantId),
						eq(customerImportChunks.importId, id),
						eq(customerImportChunks.seq, seq),
					),
				),
		),
		auditBy(
			db,
			actor,
			{
				action: "customers.import_started",
				targetType: "import",
				targetId: id,
				data: { fileName: row.fileName, rows: row.rowCount },
			},
			now,
		),
	]);
	if (claimed.length === 0) throw alreadyCommitted();
	await deps.enqueue(
		Array.from({ length: chunkCount }, (_, seq) => ({
			body: { type: "import_chunk", tenantId: actor.tenantId, importId: id, seq },
		})),
	);
	return { ...row, committedAt: now, committedBy: actor.id, ...skipped };
}
