import type { z } from "zod";
import type {
	ImportField,
	ImportPreviewSchema,
	ImportSchema,
	RowOutcome,
	RowPreviewSchema,
} from "../../../../../workers/contracts/customer-imports";
import { apiFetch } from "../../../shared/api";
import { queryString, sendJson, staffPath } from "../../consoleApi";

/** The import answers of the staff API, as the server's schemas declare them. */
export type CustomerImport = z.infer<typeof ImportSchema>;
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
export type RowPreview = z.infer<typeof RowPreviewSchema>;
export type ImportFieldName = z.infer<typeof ImportField>;
export type Outcome = z.infer<typeof RowOutcome>;

export const IMPORT_FIELDS: ImportFieldName[] = [
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
];
export const OUTCOMES: Outcome[] = ["new", "updated", "duplicate", "error"];

/** The largest file the server takes; checked here too, to say so before uploading. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const importPath = (slug: string, id: string, rest = "") =>
	staffPath(slug, `/customers/imports/${encodeURIComponent(id)}${rest}`);

/** Uploads the file as the raw body, its name in the query. */
export function uploadImportFile(slug: string, file: File) {
	const xlsx = /\.xlsx$/i.test(file.name);
	return apiFetch<CustomerImport>(
		staffPath(slug, `/customers/imports${queryString({ fileName: file.name })}`),
		{
			method: "POST",
			headers: {
				"Content-Type": xlsx
					? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
					: "text/csv",
			},
			body: file,
		},
	);
}

export const fetchImport = (slug: string, id: string) => apiFetch<CustomerImport>(importPath(slug, id));

export const saveMapping = (slug: string, id: string, mapping: Array<ImportFieldName | null>) =>
	sendJson<CustomerImport>(slug, `/customers/imports/${encodeURIComponent(id)}/mapping`, "PUT", { mapping });

export const fetchPreview = (slug: string, id: string, outcome: Outcome | undefined, offset: number) =>
	apiFetch<ImportPreview>(
		importPath(slug, id, `/preview${queryString({ outcome, offset: offset ? String(offset) : undefined })}`),
	);

export const commitImport = (slug: string, id: string) =>
	sendJson<CustomerImport>(slug, `/customers/imports/${encodeURIComponent(id)}/commit`, "POST");

export const inviteContacts = (slug: string, id: string, perHour: number) =>
	sendJson<CustomerImport>(slug, `/customers/imports/${encodeURIComponent(id)}/invites`, "POST", { perHour });
