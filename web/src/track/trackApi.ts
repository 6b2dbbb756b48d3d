import type { z } from "zod";
import type { TrackedJobSchema } from "../../../workers/contracts/tracking";
import { apiFetch } from "../shared/api";

/** What `GET /api/track/:token` shows: the tenant's branding and the live job, nothing else. */
export type TrackedJob = z.infer<typeof TrackedJobSchema>;

const trackPath = (token: string) => `/api/track/${encodeURIComponent(token)}`;

export const fetchTrackedJob = (token: string) => apiFetch<TrackedJob>(trackPath(token));
export const trackLivePath = (token: string) => `${trackPath(token)}/live`;
export const trackSurveyPath = (token: string) => `${trackPath(token)}/survey`;
