import type { z } from "zod";
import type { ErrorEnvelopeSchema } from "../../../workers/contracts/openapi";
import { accessEndReasonOf, noteAccessEnded } from "./auth/accessEnded";
import { noteAnswerSource } from "./offline/savedAnswers";

type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
export type FieldIssue = NonNullable<ErrorEnvelope["error"]["issues"]>[number];

/** An answer in the error envelope, or a network failure (`code: "network"`). */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly issues: FieldIssue[] = [],
		readonly retryAfterSeconds?: number,
	) {
		super(message);
	}

	/** The message for one field, to show beside it. */
	fieldMessage(field: string): string | undefined {
		return this.issues.find((i) => i.field === field)?.message;
	}
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
	if (typeof body !== "object" || body === null || !("error" in body)) return false;
	const error = (body as { error: unknown }).error;
	return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

/** GETs started before the page that reads them has loaded, by path; each is answered once. */
const earlyReads = new Map<string, Promise<Response>>();
/** An early read nobody took within this long is dropped: the page then asks afresh. */
const EARLY_READ_TTL_MS = 10_000;

/**
 * Starts the GETs a page is about to make, while its code is still loading, so the answers
 * arrive with the code instead of after it. The first `apiFetch` of the same path takes the
 * answer; later ones fetch again.
 */
export function startEarlyReads(paths: string[]): void {
	for (const path of paths) {
		if (earlyReads.has(path)) continue;
		const pending = fetch(path, { credentials: "same-origin" });
		pending.catch(() => undefined); // reported to whoever takes it
		earlyReads.set(path, pending);
		setTimeout(() => {
			if (earlyReads.get(path) === pending) earlyReads.delete(path);
		}, EARLY_READ_TTL_MS);
	}
}

/** Forgets the early reads nobody took: after signing in or out they answered for someone else. */
export function dropEarlyReads(): void {
	earlyReads.clear();
}

function takeEarlyRead(path: string, init: RequestInit): Promise<Response> | undefined {
	if ((init.method ?? "GET") !== "GET" || init.body !== undefined) return undefined;
	const pending = earlyReads.get(path);
	earlyReads.delete(path);
	return pending;
}

/** Fetch JSON from our API; any non-2xx answer throws ApiError with the envelope's code and message. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
	return (await apiAnswer<T>(path, init)).body;
}

/** `apiFetch` for an answer whose 2xx status says something (200 changed, 202 asked for). */
export async function apiAnswer<T>(
	path: string,
	init: RequestInit = {},
): Promise<{ status: number; body: T }> {
	const headers = new Headers(init.headers);
	if (init.body !== undefined && !headers.has("Content-Type"))
		headers.set("Content-Type", "application/json");
	let res: Response;
	try {
		res = await (takeEarlyRead(path, init) ?? fetch(path, { ...init, headers, credentials: "same-origin" }));
	} catch {
		throw new ApiError(0, "network", "We couldn't reach the server. Check your connection and try again.");
	}
	noteAnswerSource(res);
	if (res.status === 204) return { status: 204, body: undefined as T };
	const body: unknown = await res.json().catch(() => undefined);
	if (!res.ok) {
		const retryAfter = Number(res.headers.get("Retry-After"));
		if (isEnvelope(body)) {
			const { code, message, issues } = body.error;
			const ended = accessEndReasonOf(res.status, code);
			if (ended) noteAccessEnded(ended);
			throw new ApiError(res.status, code, message, issues ?? [], retryAfter || undefined);
		}
		throw new ApiError(res.status, "unexpected", "Something went wrong. Please try again.");
	}
	return { status: res.status, body: body as T };
}
