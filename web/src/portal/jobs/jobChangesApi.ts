import type { z } from "zod";
import type { CustomerJobSchema } from "../../../../workers/contracts/customer";
import type { Proof } from "../../../../workers/contracts/proof";
import type { ChangeRequestInput } from "../../../../workers/domain/jobs/customer-change-input";
import { ApiError, apiAnswer, apiFetch } from "../../shared/api";
import { customerPath } from "../customerApi";

/** One of the customer's jobs as its page shows it, with what they may change (`changes`). */
export type CustomerJob = z.infer<typeof CustomerJobSchema> & { proof?: Proof | null };
export type ChangeRequestBody = z.input<typeof ChangeRequestInput>;

const jobPath = (slug: string, id: string, rest: string) =>
	customerPath(slug, `/jobs/${encodeURIComponent(id)}${rest}`);

export const addJobNote = (slug: string, id: string, text: string) =>
	apiFetch(jobPath(slug, id, "/notes"), { method: "POST", body: JSON.stringify({ text }) });

/** Sends the photo as the raw body, its type as the Content-Type. */
export const addJobPhoto = (slug: string, id: string, file: Blob) =>
	apiFetch(jobPath(slug, id, "/photos"), {
		method: "POST",
		headers: { "Content-Type": file.type },
		body: file,
	});

/** What became of a change: made at once, or asked of the dispatchers (past the cutoff). */
export type ChangeOutcome = "changed" | "requested";

/** Cancels the job; past the cutoff the server asks the dispatchers instead (409 `past_cutoff`). */
export async function cancelBooking(slug: string, id: string, reason: string): Promise<ChangeOutcome> {
	try {
		await apiFetch(jobPath(slug, id, "/cancel"), { method: "POST", body: JSON.stringify({ reason }) });
		return "changed";
	} catch (err) {
		if (err instanceof ApiError && err.code === "past_cutoff") return "requested";
		throw err;
	}
}

/** Changes the window or instructions; 202 says the dispatchers were asked instead. */
export async function changeBooking(
	slug: string,
	id: string,
	body: ChangeRequestBody,
): Promise<ChangeOutcome> {
	const { status } = await apiAnswer(jobPath(slug, id, "/change-request"), {
		method: "POST",
		body: JSON.stringify(body),
	});
	return status === 202 ? "requested" : "changed";
}
