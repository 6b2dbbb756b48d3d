import { type ContactRole, contactRoles } from "../../../schema/tables/accounts";
import type {
	ColumnMapping,
	ImportCounts,
	ImportField,
	ImportRecord,
	ImportSourceRow,
} from "../../../schema/tables/imports";
import { parseEmail } from "../email";

/** What one row of the file comes to. `duplicate` rows and `error` rows are not written. */
export type RowOutcome = "new" | "updated" | "duplicate" | "error";

export type RowPreview = {
	line: number;
	outcome: RowOutcome;
	email: string;
	name: string;
	account: string | null;
	/** Why: the error, the earlier line, or what changes for an existing contact. */
	reason: RowReason | null;
};

export const rowReasonCodes = [
	"missing_email",
	"bad_email",
	"unknown_role",
	"too_long",
	"location_needs_account",
	"address_needs_account",
	"address_needs_city",
	"same_email_as_line",
	"unchanged",
	"changes",
] as const;

/** A reason as data, for each page to say in its language; `detail` is the email check's words. */
export type RowReason = {
	code: (typeof rowReasonCodes)[number];
	line?: number;
	field?: ImportField;
	max?: number;
	value?: string;
	detail?: string;
	fields?: Array<"name" | "phone">;
};

/** An existing contact as the preview and the commit compare with. */
export type ExistingContact = { name: string; phone: string | null };

const LIMITS: Partial<Record<ImportField, number>> = {
	account: 200,
	name: 200,
	phone: 40,
	location: 200,
	address: 200,
	city: 100,
	postcode: 20,
	notes: 1000,
};

const ROLE_WORDS: Record<string, ContactRole> = {
	...Object.fromEntries(contactRoles.map((r) => [r, r])),
	administrador: "admin",
	reservas: "booker",
	facturacion: "billing",
	lector: "viewer",
};

/** A name as matched for accounts and locations: NFKC, lowercase, spaces collapsed. */
export function normalizeName(name: string): string {
	return name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** One row mapped and checked: the record to write, or why it cannot be. */
export function checkRow(
	row: ImportSourceRow,
	mapping: ColumnMapping,
): { record: ImportRecord } | { error: RowReason } {
	const value: Partial<Record<ImportField, string>> = {};
	mapping.forEach((field, i) => {
		if (field) value[field] = (row.cells[i] ?? "").trim();
	});
	for (const [field, max] of Object.entries(LIMITS) as Array<[ImportField, number]>) {
		if ((value[field] ?? "").length > max) return { error: { code: "too_long", field, max } };
	}
	if (!value.email) return { error: { code: "missing_email" } };
	const email = parseEmail(value.email);
	if (!email.ok) return { error: { code: "bad_email", value: value.email, detail: email.reason } };
	const roleWord = normalizeName(value.role ?? "");
	const role = roleWord ? ROLE_WORDS[roleWord] : "booker";
	if (!role) return { error: { code: "unknown_role", value: value.role } };
	const account = value.account || null;
	if (value.location && !account) return { error: { code: "location_needs_account" } };
	if (value.address && !account) return { error: { code: "address_needs_account" } };
	if (value.address && !value.city) return { error: { code: "address_needs_city" } };
	return {
		record: {
			line: row.line,
			email: email.email,
			emailNormalized: email.normalized,
			name: value.name ?? "",
			phone: value.phone || null,
			role,
			account,
			location: value.location || null,
			address: value.address || null,
			city: value.city || null,
			postcode: value.postcode || null,
			notes: value.notes || null,
		},
	};
}

/** What writing a record would change of an existing contact: a new name or phone, or nothing. */
export function contactChanges(record: ImportRecord, existing: ExistingContact): Array<"name" | "phone"> {
	const changes: Array<"name" | "phone"> = [];
	if (record.name && record.name !== existing.name) changes.push("name");
	if (record.phone && record.phone !== existing.phone) changes.push("phone");
	return changes;
}

export type RowPlan = { previews: RowPreview[]; records: ImportRecord[]; counts: ImportCounts };

/**
 * Every row's outcome, in file order: an error with its reason; a duplicate of an address an
 * earlier line has, or of a contact the import would not change; updated (new name or phone);
 * new. `records` are the rows to write — the first of each address, errors left out.
 */
export function planRows(
	rows: ImportSourceRow[],
	mapping: ColumnMapping,
	existing: Map<string, ExistingContact>,
): RowPlan {
	const firstLine = new Map<string, number>();
	const previews: RowPreview[] = [];
	const records: ImportRecord[] = [];
	const counts: ImportCounts = { new: 0, updated: 0, duplicate: 0, error: 0 };
	for (const row of rows) {
		const checked = checkRow(row, mapping);
		if ("error" in checked) {
			const emailAt = mapping.indexOf("email");
			const nameAt = mapping.indexOf("name");
			const accountAt = mapping.indexOf("account");
			previews.push({
				line: row.line,
				outcome: "error",
				email: emailAt < 0 ? "" : (row.cells[emailAt] ?? "").trim(),
				name: nameAt < 0 ? "" : (row.cells[nameAt] ?? "").trim(),
				account: accountAt < 0 ? null : (row.cells[accountAt] ?? "").trim() || null,
				reason: checked.error,
			});
			counts.error += 1;
			continue;
		}
		const { record } = checked;
		const base = { line: row.line, email: record.email, name: record.name, account: record.account };
		const earlier = firstLine.get(record.emailNormalized);
		if (earlier !== undefined) {
			previews.push({ ...base, outcome: "duplicate", reason: { code: "same_email_as_line", line: earlier } });
			counts.duplicate += 1;
			continue;
		}
		firstLine.set(record.emailNormalized, row.line);
		records.push(record);
		const contact = existing.get(record.emailNormalized);
		if (!contact) {
			previews.push({ ...base, outcome: "new", reason: null });
			counts.new += 1;
			continue;
		}
		const changes = contactChanges(record, contact);
		if (changes.length === 0) {
			previews.push({ ...base, outcome: "duplicate", reason: { code: "unchanged" } });
			counts.duplicate += 1;
		} else {
			previews.push({ ...base, outcome: "updated", reason: { code: "changes", fields: changes } });
			counts.updated += 1;
		}
	}
	return { previews, records, counts };
}
