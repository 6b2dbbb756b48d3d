import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, instant, tenantId } from "../columns";

/** The fields a spreadsheet column can be mapped to; `null` leaves the column out. */
export const importFields = [
	"account",
	"name",
	"email",
	"phone",
	"role",
	"location",
	"address",
	"city",
	"postcode",
	"notes",
] as const;
export type ImportField = (typeof importFields)[number];

/** Each column's field, in the file's column order. */
export type ColumnMapping = Array<ImportField | null>;

/** What the rows of an import came to once written (or, before, what the preview found). */
export type ImportCounts = { new: number; updated: number; duplicate: number; error: number };

/**
 * One upload of customers from a CSV or XLSX file. Its progress is derived from its chunks
 * (rows done / total); `finishedAt` is set once, by the chunk that completed it.
 */
export const customerImports = sqliteTable(
	"customer_imports",
	{
		id: id(),
		tenantId: tenantId(),
		fileName: text("file_name").notNull(),
		headers: text("headers", { mode: "json" }).$type<string[]>().notNull(),
		mapping: text("mapping", { mode: "json" }).$type<ColumnMapping>().notNull(),
		rowCount: integer("row_count").notNull(),
		createdBy: text("created_by").notNull(),
		createdAt: createdAt(),
		committedBy: text("committed_by"),
		committedAt: instant("committed_at"),
		/** Rows left out at commit: errors and repeats of an address earlier in the file. */
		errorCount: integer("error_count").notNull().default(0),
		duplicateCount: integer("duplicate_count").notNull().default(0),
		finishedAt: instant("finished_at"),
		invitesPerHour: integer("invites_per_hour"),
		invitesRequestedAt: instant("invites_requested_at"),
	},
	(t) => [index("customer_imports_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

/** One row of the file, as typed, with its line number in the file. */
export type ImportSourceRow = { line: number; cells: string[] };

/** A row to write, once mapped, checked and kept as the first of its address in the file. */
export type ImportRecord = {
	line: number;
	email: string;
	emailNormalized: string;
	name: string;
	phone: string | null;
	role: "admin" | "booker" | "billing" | "viewer";
	account: string | null;
	location: string | null;
	address: string | null;
	city: string | null;
	postcode: string | null;
	notes: string | null;
};

/**
 * Up to 100 rows of an import: the file's cells at upload, the records to write once committed.
 * A chunk is written in one atomic D1 batch; `doneAt` marks it written, with what it came to.
 */
export const customerImportChunks = sqliteTable(
	"customer_import_chunks",
	{
		id: id(),
		tenantId: tenantId(),
		importId: text("import_id").notNull(),
		seq: integer("seq").notNull(),
		rows: text("rows", { mode: "json" }).$type<ImportSourceRow[]>().notNull(),
		records: text("records", { mode: "json" }).$type<ImportRecord[]>(),
		doneAt: instant("done_at"),
		newCount: integer("new_count").notNull().default(0),
		updatedCount: integer("updated_count").notNull().default(0),
		unchangedCount: integer("unchanged_count").notNull().default(0),
	},
	(t) => [uniqueIndex("customer_import_chunks_tenant_import_seq_uq").on(t.tenantId, t.importId, t.seq)],
);

/** The tenant's last column mapping, by normalized header, offered again on the next import. */
export const customerImportMappings = sqliteTable(
	"customer_import_mappings",
	{
		id: id(),
		tenantId: tenantId(),
		columns: text("columns", { mode: "json" }).$type<Record<string, ImportField | null>>().notNull(),
		updatedAt: instant("updated_at").notNull(),
	},
	(t) => [uniqueIndex("customer_import_mappings_tenant_uq").on(t.tenantId)],
);

/**
 * A contact an import brought in, to invite to the portal. One row per contact ever: a contact
 * invited once (`sentAt`) is never invited again, by this import or a later one.
 */
export const contactInvites = sqliteTable(
	"contact_invites",
	{
		id: id(),
		tenantId: tenantId(),
		contactId: text("contact_id").notNull(),
		importId: text("import_id").notNull(),
		requestedAt: instant("requested_at"),
		sentAt: instant("sent_at"),
	},
	(t) => [
		uniqueIndex("contact_invites_tenant_contact_uq").on(t.tenantId, t.contactId),
		index("contact_invites_tenant_import_idx").on(t.tenantId, t.importId, t.sentAt),
	],
);
