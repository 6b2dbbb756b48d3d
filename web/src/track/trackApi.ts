import type { JobStatus } from "../../../workers/contracts/live-messages";
import { apiFetch } from "../shared/api";
import type { Branding } from "../shared/branding";

/** What `GET /api/track/:token` shows: the tenant's branding and the live job, nothing else. */
export type TrackedJob = {
	branding: Branding;
	job: {
		number: number;
		kind: "pickup_delivery" | "service_call";
		status: JobStatus;
		pausedMessage: string | null;
		destination: { line1: string; city: string } | null;
		technician: { name: string; photoUrl: string | null; bio: string | null } | null;
	};
};

const trackPath = (token: string) => `/api/track/${encodeURIComponent(token)}`;

export const fetchTrackedJob = (token: string) => apiFetch<TrackedJob>(trackPath(token));
export const trackLivePath = (token: string) => `${trackPath(token)}/live`;
