import type { z } from "zod";
import type {
	StatusMovedSchema,
	TechnicianDaySchema,
	TechnicianJobSchema,
} from "../../../workers/contracts/technician";
import { apiFetch } from "../shared/api";

/** A job as `GET /api/t/:slug/jobs` answers it. */
export type TechnicianJob = z.infer<typeof TechnicianJobSchema>;
export type StatusMoved = z.infer<typeof StatusMovedSchema>;

/** The statuses a technician may set (`POST .../status`). */
export type TechnicianMove = "en_route" | "in_progress" | "paused" | "completed";

const technicianPath = (slug: string, rest: string) => `/api/t/${encodeURIComponent(slug)}${rest}`;

export async function fetchTodayJobs(slug: string): Promise<TechnicianJob[]> {
	return (await apiFetch<z.infer<typeof TechnicianDaySchema>>(technicianPath(slug, "/jobs"))).items;
}

/**
 * Moves a job; `message` is what the customer reads while it is paused. `key` (Idempotency-Key)
 * makes a repeat of the move answer the first one instead of failing (statusOutbox.ts).
 */
export function moveJob(
	slug: string,
	jobId: string,
	status: TechnicianMove,
	message?: string,
	key?: string,
): Promise<StatusMoved> {
	return apiFetch(technicianPath(slug, `/jobs/${encodeURIComponent(jobId)}/status`), {
		method: "POST",
		headers: key ? { "Idempotency-Key": key } : undefined,
		body: JSON.stringify(message === undefined ? { status } : { status, message }),
	});
}

/** The WebSocket a technician publishes positions on. */
export const technicianLivePath = (slug: string, jobId: string) =>
	technicianPath(slug, `/jobs/${encodeURIComponent(jobId)}/live`);

/** What the app sends to complete a job (`POST .../complete`), photos already uploaded. */
export type CompletionBody = {
	outcome: "completed" | "failed";
	recipientName?: string;
	signaturePng?: string;
	photoIds?: string[];
	note?: string;
	failureReason?: "nobody_home" | "refused" | "no_access" | "other";
	failureText?: string;
	workDone?: string;
	parts?: Array<{ description: string; quantity: number; unitPriceMinor: number }>;
	position?: { lat: number; lng: number };
};

export type CompletionAnswer = {
	id: string;
	status: string;
	completion: { id: string; outcome: "completed" | "failed"; at: string };
};

/** Completes a job once per `key`: a repeat answers the first completion. */
export function completeJob(slug: string, jobId: string, body: CompletionBody, key: string) {
	return apiFetch<CompletionAnswer>(technicianPath(slug, `/jobs/${encodeURIComponent(jobId)}/complete`), {
		method: "POST",
		headers: { "Idempotency-Key": key },
		body: JSON.stringify(body),
	});
}

/** Uploads one photo for a job's completion once per `key`; answers its id. */
export function uploadJobPhoto(slug: string, jobId: string, photo: Blob, key: string) {
	return apiFetch<{ id: string }>(technicianPath(slug, `/jobs/${encodeURIComponent(jobId)}/photos`), {
		method: "POST",
		headers: { "Idempotency-Key": key, "Content-Type": photo.type },
		body: photo,
	});
}
