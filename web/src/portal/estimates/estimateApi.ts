import type { z } from "zod";
import type { EstimateApproveInput, QuoteRequestInput } from "../../../../workers/contracts/estimates";
import { apiFetch } from "../../shared/api";
import type { CustomerEstimate, EstimatePage, QuoteRequest } from "../../shared/estimates/estimateTypes";
import { pdfLink } from "../../shared/pdfLink";
import { customerPath, filterQuery, portalPath } from "../customerApi";

/** The estimate list's filters; each is also a query parameter of the page and of the API. */
export type EstimateFilters = { status?: string; from?: string; to?: string };

/** The statuses the list filters by, in the order of its tabs; `awaiting` is what waits on the customer. */
export const ESTIMATE_TABS = [
	"awaiting",
	"changes_requested",
	"approved",
	"booked",
	"rejected",
	"expired",
] as const;

export const estimateApiPath = (slug: string, id: string, rest = "") =>
	customerPath(slug, `/estimates/${encodeURIComponent(id)}${rest}`);

export const estimatePagePath = (slug: string, id: string) =>
	portalPath(slug, `/estimates/${encodeURIComponent(id)}`);

/** One version's PDF, saved as `estimate-1042-v2.pdf`. */
export const estimatePdfLink = (slug: string, estimate: { id: string; number: number }, version: number) =>
	pdfLink(
		estimateApiPath(slug, estimate.id, `/pdf?version=${version}`),
		"estimate",
		estimate.number,
		version,
	);

export function fetchEstimates(
	slug: string,
	filters: EstimateFilters & { cursor?: string },
): Promise<EstimatePage> {
	return apiFetch<EstimatePage>(customerPath(slug, `/estimates${filterQuery(filters)}`));
}

const post = <T>(path: string, body: object, headers?: Record<string, string>) =>
	apiFetch<T>(path, { method: "POST", headers, body: JSON.stringify(body) });

/** Approves one version; the same key for every try of one approval, so a double tap approves once. */
export function approveEstimate(
	slug: string,
	id: string,
	body: z.input<typeof EstimateApproveInput>,
	idempotencyKey: string,
): Promise<unknown> {
	return post(estimateApiPath(slug, id, "/approve"), body, { "Idempotency-Key": idempotencyKey });
}

export const rejectEstimate = (slug: string, id: string, reason: string) =>
	post<unknown>(estimateApiPath(slug, id, "/reject"), { reason });

export const commentOnEstimate = (slug: string, id: string, body: string, lineItemId?: string) =>
	post<unknown>(estimateApiPath(slug, id, "/comments"), { body, lineItemId });

/** An expired estimate, asked for again: the dispatcher gets an inbox alert. */
export const requestUpdatedEstimate = (slug: string, id: string) =>
	post<unknown>(estimateApiPath(slug, id, "/request-update"), {});

export const createQuoteRequest = (slug: string, body: z.input<typeof QuoteRequestInput>) =>
	post<QuoteRequest>(customerPath(slug, "/quote-requests"), body);

/** Whether an answer is the estimate itself (the page can show it without reading it again). */
export const isCustomerEstimate = (answer: unknown): answer is CustomerEstimate =>
	typeof answer === "object" && answer !== null && "versions" in answer && "canDecide" in answer;
