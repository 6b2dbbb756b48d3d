import type { ColumnMapping, ImportField } from "../../../schema/tables/imports";

/** A header as matched: lowercase, accents dropped ("Teléfono" is "telefono"), letters and digits only. */
export function normalizeHeader(header: string): string {
	return header
		.normalize("NFKD")
		.replace(/\p{M}+/gu, "")
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Header words each field is recognised by, after `normalizeHeader`; English and Spanish. */
const SYNONYMS: Record<ImportField, string[]> = {
	account: [
		"account",
		"company",
		"companyname",
		"customer",
		"client",
		"organisation",
		"organization",
		"business",
		"firm",
		"empresa",
		"cliente",
		"cuenta",
	],
	name: ["name", "contact", "contactname", "fullname", "person", "nombre", "contacto"],
	email: ["email", "emailaddress", "mail", "correo", "correoelectronico"],
	phone: ["phone", "phonenumber", "telephone", "tel", "mobile", "cell", "telefono", "movil"],
	role: ["role", "portalrole", "access", "rol"],
	location: ["location", "locationname", "branch", "office", "site", "sucursal", "sede", "ubicacion"],
	address: [
		"address",
		"addressline",
		"address1",
		"addressline1",
		"street",
		"streetaddress",
		"direccion",
		"calle",
	],
	city: ["city", "town", "ciudad", "localidad"],
	postcode: ["postcode", "postalcode", "zip", "zipcode", "codigopostal", "cp"],
	notes: ["notes", "note", "comments", "comment", "instructions", "notas", "comentarios"],
};

function guessField(header: string): ImportField | null {
	const key = normalizeHeader(header);
	for (const [field, words] of Object.entries(SYNONYMS) as Array<[ImportField, string[]]>) {
		if (words.includes(key)) return field;
	}
	// "Work email", "Contact phone": a field word at the end of the header.
	for (const [field, words] of Object.entries(SYNONYMS) as Array<[ImportField, string[]]>) {
		if (words.some((w) => w.length > 3 && key.endsWith(w))) return field;
	}
	return null;
}

/**
 * The mapping offered for a file's headers: what the tenant chose last time for a header of the
 * same name, else a guess from the header's words. No field is offered for two columns.
 */
export function guessMapping(
	headers: string[],
	remembered: Record<string, ImportField | null>,
): ColumnMapping {
	const taken = new Set<ImportField>();
	return headers.map((header) => {
		const key = normalizeHeader(header);
		const field = key in remembered ? (remembered[key] ?? null) : guessField(header);
		if (!field || taken.has(field)) return null;
		taken.add(field);
		return field;
	});
}

/** The mapping to remember, by normalized header: the last choice wins, an ignored column too. */
export function mappingMemory(
	headers: string[],
	mapping: ColumnMapping,
	before: Record<string, ImportField | null>,
): Record<string, ImportField | null> {
	const memory = { ...before };
	headers.forEach((header, i) => {
		const key = normalizeHeader(header);
		if (key) memory[key] = mapping[i] ?? null;
	});
	return memory;
}

/** Problems with a chosen mapping, by column index: a field used twice; no email column. */
export function mappingProblems(
	headers: string[],
	mapping: ColumnMapping,
): Array<{ path: Array<string | number>; message: string }> {
	const problems: Array<{ path: Array<string | number>; message: string }> = [];
	if (mapping.length !== headers.length) {
		problems.push({
			path: ["mapping"],
			message: `Give a field (or none) for each of the ${headers.length} columns.`,
		});
		return problems;
	}
	const seen = new Map<ImportField, number>();
	mapping.forEach((field, i) => {
		if (!field) return;
		const first = seen.get(field);
		if (first !== undefined) {
			problems.push({
				path: ["mapping", i],
				message: `"${headers[first]}" is already mapped to this field.`,
			});
		} else seen.set(field, i);
	});
	if (!seen.has("email"))
		problems.push({ path: ["mapping"], message: "Map one column to Email: contacts are matched by it." });
	return problems;
}
