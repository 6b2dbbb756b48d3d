import { ApiError } from "../shared/api";
import { mayBeOnline, type OutboxOwner, readOutbox, writeOutbox } from "../shared/offline/outboxStorage";
import { type CompletionAnswer, type CompletionBody, completeJob, uploadJobPhoto } from "./technicianApi";

/**
 * Completions a technician made without a connection, with their signature and photos (resized
 * JPEG data URLs), kept beside the status moves (shared/offline/outboxStorage) under their
 * Idempotency-Keys. Each photo is uploaded once under its own key, then the completion; the
 * server answers a repeat of either key with the first answer, so nothing is made twice. A
 * completion waits for the job's queued moves (it is made from the status they set).
 */
export type QueuedCompletion = {
	key: string;
	jobId: string;
	body: Omit<CompletionBody, "photoIds">;
	photos: Array<{ key: string; dataUrl: string; id: string | null }>;
	queuedAt: number;
};

const completionsOwner = (owner: OutboxOwner): OutboxOwner => ({
	...owner,
	personId: `${owner.personId}:completions`,
});

function parseCompletion(raw: unknown): QueuedCompletion | null {
	if (typeof raw !== "object" || raw === null) return null;
	const c = raw as Record<string, unknown>;
	if (typeof c.key !== "string" || typeof c.jobId !== "string" || typeof c.body !== "object" || !c.body)
		return null;
	if (!Array.isArray(c.photos) || typeof c.queuedAt !== "number") return null;
	return c as unknown as QueuedCompletion;
}

export const queuedCompletions = (owner: OutboxOwner): QueuedCompletion[] =>
	readOutbox(completionsOwner(owner), parseCompletion);

const save = (owner: OutboxOwner, entries: QueuedCompletion[]) =>
	writeOutbox(completionsOwner(owner), entries);

const notThrough = (err: unknown) => err instanceof ApiError && (err.code === "network" || err.status >= 500);

/** The photo's bytes from its data URL, decoded here (the page's CSP lets fetch read no `data:`). */
async function blobOf(dataUrl: string): Promise<Blob> {
	const [head = "", data = ""] = dataUrl.split(",", 2);
	const type = /^data:([^;]+)/.exec(head)?.[1] ?? "image/jpeg";
	return new Blob([Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0))], { type });
}

/** Sends one completion: its photos not yet uploaded, then itself; the photo ids are kept as they come. */
async function sendOne(owner: OutboxOwner, entry: QueuedCompletion): Promise<CompletionAnswer> {
	for (const photo of entry.photos) {
		if (photo.id) continue;
		photo.id = (await uploadJobPhoto(owner.slug, entry.jobId, await blobOf(photo.dataUrl), photo.key)).id;
		// Remembered, so a connection lost after this photo does not upload it again.
		save(
			owner,
			queuedCompletions(owner).map((c) => (c.key === entry.key ? entry : c)),
		);
	}
	const photoIds = entry.photos.map((p) => p.id).filter((id): id is string => id !== null);
	return completeJob(owner.slug, entry.jobId, { ...entry.body, photoIds }, entry.key);
}

export type CompletionOutcome = { sent: CompletionAnswer } | { queued: QueuedCompletion };

/**
 * Completes a job now when it can, else keeps the completion to send later. Throws ApiError
 * when the server refuses it while online (a required item missing: shown on the form).
 */
export async function makeCompletion(
	owner: OutboxOwner,
	jobId: string,
	body: Omit<CompletionBody, "photoIds">,
	photoDataUrls: string[],
	/** Whether moves of this job wait to be sent: the completion then waits behind them. */
	waitingMoves: boolean,
): Promise<CompletionOutcome> {
	const entry: QueuedCompletion = {
		key: crypto.randomUUID(),
		jobId,
		body,
		photos: photoDataUrls.map((dataUrl) => ({ key: crypto.randomUUID(), dataUrl, id: null })),
		queuedAt: Date.now(),
	};
	const queue = () => save(owner, [...queuedCompletions(owner), entry]);
	if (waitingMoves || !mayBeOnline()) {
		if (queue()) return { queued: entry };
	}
	try {
		return { sent: await sendOne(owner, entry) };
	} catch (err) {
		if (notThrough(err) && queue()) return { queued: entry };
		throw err;
	}
}

/**
 * Sends the kept completions whose jobs have no moves waiting; answers what the server refused
 * (by job id and reason), which is dropped.
 */
export async function sendQueuedCompletions(
	owner: OutboxOwner,
	movesWaitFor: (jobId: string) => boolean,
): Promise<{
	outcome: "done" | "offline" | "signed_out";
	refused: Array<{ jobId: string; reason: string }>;
}> {
	const refused: Array<{ jobId: string; reason: string }> = [];
	for (const entry of queuedCompletions(owner)) {
		if (movesWaitFor(entry.jobId)) continue;
		if (!mayBeOnline()) return { outcome: "offline", refused };
		try {
			await sendOne(owner, entry);
		} catch (err) {
			// Not an answer of the server (the phone failed to read a photo): kept, tried again later.
			if (notThrough(err) || !(err instanceof ApiError)) return { outcome: "offline", refused };
			if (err instanceof ApiError && err.status === 401) return { outcome: "signed_out", refused };
			refused.push({ jobId: entry.jobId, reason: err instanceof ApiError ? err.message : String(err) });
		}
		save(
			owner,
			queuedCompletions(owner).filter((c) => c.key !== entry.key),
		);
	}
	return { outcome: "done", refused };
}

/** Resizes a photo on the phone before it is kept or uploaded: at most `max` px, as JPEG. */
export async function resizedPhoto(file: Blob, max = 1600): Promise<string> {
	const bitmap = await createImageBitmap(file);
	const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height));
	const canvas = document.createElement("canvas");
	canvas.width = Math.max(1, Math.round(bitmap.width * scale));
	canvas.height = Math.max(1, Math.round(bitmap.height * scale));
	canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	return canvas.toDataURL("image/jpeg", 0.85);
}
