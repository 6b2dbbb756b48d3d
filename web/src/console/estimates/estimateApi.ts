import type { z } from "zod";
import type { EstimateCreateInput, EstimateUpdateInput } from "../../../../workers/contracts/estimates";
import { apiFetch } from "../../shared/api";
import type { EstimatePage, QuoteRequestPage, StaffEstimate } from "../../shared/estimates/estimateTypes";
import { pdfLink } from "../../shared/pdfLink";
import { queryString, sendJson, staffPath } from "../consoleApi";
import type { StaffJob } from "../jobs/staffJob";

/** The console's estimate list filters; each is also a query parameter of the page and of the API. */
export type StaffEstimateFilters = { status?: string; accountId?: string };

export type EstimateCreateBody = z.input<typeof EstimateCreateInput>;
export type EstimateUpdateBody = z.input<typeof EstimateUpdateInput>;

export const estimateRoute = (id: string, rest = "") => `/estimates/${encodeURIComponent(id)}${rest}`;

export const staffEstimatePath = (slug: string, id: string, rest = "") =>
	staffPath(slug, estimateRoute(id, rest));

/** One version's PDF, saved as `estimate-1042-v2.pdf`. */
export const staffPdfLink = (slug: string, estimate: { id: string; number: number }, version: number) =>
	pdfLink(
		staffEstimatePath(slug, estimate.id, `/pdf?version=${version}`),
		"estimate",
		estimate.number,
		version,
	);

export function fetchStaffEstimates(
	slug: string,
	filters: StaffEstimateFilters & { cursor?: string },
): Promise<EstimatePage> {
	return apiFetch<EstimatePage>(staffPath(slug, `/estimates${queryString(filters)}`));
}

export const createEstimate = (slug: string, body: EstimateCreateBody) =>
	sendJson<StaffEstimate>(slug, "/estimates", "POST", body);

export const updateEstimate = (slug: string, id: string, body: EstimateUpdateBody) =>
	sendJson<StaffEstimate>(slug, estimateRoute(id), "PUT", body);

export const shareEstimate = (slug: string, id: string) =>
	sendJson<StaffEstimate>(slug, estimateRoute(id, "/share"), "POST");

export const replyToEstimate = (slug: string, id: string, body: string, lineItemId?: string) =>
	sendJson<unknown>(slug, estimateRoute(id, "/comments"), "POST", { body, lineItemId });

/** Turns the approved estimate into a job; one key per form, so a retry makes the same job. */
export const convertEstimate = (slug: string, id: string, booking: object, idempotencyKey: string) =>
	sendJson<StaffJob>(
		slug,
		estimateRoute(id, "/convert"),
		"POST",
		{ booking },
		{ "Idempotency-Key": idempotencyKey },
	);

export function fetchQuoteRequests(slug: string, cursor?: string): Promise<QuoteRequestPage> {
	return apiFetch<QuoteRequestPage>(staffPath(slug, `/quote-requests${queryString({ cursor })}`));
}
