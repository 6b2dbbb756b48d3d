import type { z } from "zod";
import type { TrackedJobSchema } from "../../../workers/contracts/tracking";
import { apiFetch } from "../shared/api";
import type { SurveyView } from "../shared/survey/surveyApi";

/** What `GET /api/track/:token` shows: the tenant's branding and the live job, nothing else. */
export type TrackedJob = z.infer<typeof TrackedJobSchema>;

const trackPath = (token: string) => `/api/track/${encodeURIComponent(token)}`;

export const fetchTrackedJob = (token: string) => apiFetch<TrackedJob>(trackPath(token));
export const trackLivePath = (token: string) => `${trackPath(token)}/live`;
export const trackSurveyPath = (token: string) => `${trackPath(token)}/survey`;

/**
 * A link's survey, which answers for 7 days after its job completed and names the job's tenant:
 * null when the link answers nothing at all.
 */
export const fetchTrackedSurvey = (token: string): Promise<SurveyView | null> =>
	apiFetch<SurveyView>(trackSurveyPath(token)).catch(() => null);
