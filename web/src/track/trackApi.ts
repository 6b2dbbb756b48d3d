import type { z } from "zod";
import type { TrackedJobSchema } from "../../../workers/contracts/tracking";
import { apiFetch } from "../shared/api";

/** What `GET /api/track/:token` shows: the tenant's branding and the live job, nothing else. */
export type TrackedJob = z.infer<typeof TrackedJobSchema>;

const trackPath = (token: string) => `/api/track/${encodeURIComponent(token)}`;

export const fetchTrackedJob = (token: string) => apiFetch<TrackedJob>(trackPath(token));
export const trackLivePath = (token: string) => `${trackPath(token)}/live`;
export const trackSurveyPath = (token: string) => `${trackPath(token)}/survey`;

/**
 * The slug of the tenant whose job a link showed, from its survey (which answers for 7 days after
 * the job completed): null when the link answers nothing at all.
 */
export const trackedTenantSlug = (token: string): Promise<string | null> =>
	apiFetch<{ tenantSlug?: string }>(trackSurveyPath(token)).then(
		(survey) => survey.tenantSlug ?? null,
		() => null,
	);
