import { vi } from "vitest";
import type { ImportSchema } from "../../workers/contracts/customer-imports";
import { call } from "./helpers";
import { send } from "./staff-helpers";

export type ImportAnswer = import("zod").infer<typeof ImportSchema>;

/** Uploads a file to the console's import as the console's page does: the raw file, its name in the query. */
export function uploadImport(
	slug: string,
	cookie: string,
	content: string | Uint8Array,
	fileName = "customers.csv",
) {
	const type = fileName.endsWith(".xlsx")
		? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		: "text/csv";
	return call(`/api/d/${slug}/customers/imports?fileName=${encodeURIComponent(fileName)}`, {
		method: "POST",
		headers: { Cookie: cookie, "Content-Type": type },
		body: content,
	});
}

/** A CSV file of the given rows under the console's usual headers. */
export function customersCsv(
	rows: string[][],
	header = ["Company", "Contact name", "Email", "Phone", "Role", "Location", "Address", "City", "Postcode"],
) {
	return `${[header, ...rows].map((r) => r.join(",")).join("\r\n")}\r\n`;
}

/** Uploads, keeps the guessed mapping and commits; answers the committed import. */
export async function uploadAndCommit(slug: string, cookie: string, content: string | Uint8Array) {
	const uploaded = await uploadImport(slug, cookie, content);
	if (uploaded.status !== 201)
		throw new Error(`upload answered ${uploaded.status}: ${await uploaded.text()}`);
	const { id } = (await uploaded.json()) as ImportAnswer;
	const committed = await send(`/api/d/${slug}/customers/imports/${id}/commit`, cookie, "POST");
	if (committed.status !== 202)
		throw new Error(`commit answered ${committed.status}: ${await committed.text()}`);
	return (await committed.json()) as ImportAnswer;
}

/**
 * The import once the queue has written every chunk. The queue's consumer runs on its own, so
 * the import is read until it says it is finished (the progress the page polls), or the timeout.
 */
export async function importFinished(slug: string, cookie: string, id: string, timeoutMs = 15_000) {
	return vi.waitFor(
		async () => {
			const res = await send(`/api/d/${slug}/customers/imports/${id}`, cookie);
			const body = (await res.json()) as ImportAnswer;
			if (!body.finishedAt) throw new Error(`import ${id}: ${body.progress.done}/${body.progress.total}`);
			return body;
		},
		{ timeout: timeoutMs, interval: 100 },
	);
}
