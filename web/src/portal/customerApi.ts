import type { z } from "zod";
import type { JobKind, StopKind } from "../../../schema/job-values";
import type {
	JobDetailSchema,
	JobListItemSchema,
	JobPageSchema,
	PlaceSchema,
	PlacesSchema,
} from "../../../workers/contracts/customer";
import { apiFetch } from "../shared/api";
import { t } from "../shared/i18n/i18n";

/** The customer API's answers (`/api/c/:slug/...`), as the server's schemas declare them. */

export type { JobKind, StopKind };
export type JobListItem = z.infer<typeof JobListItemSchema>;
export type JobPage = z.infer<typeof JobPageSchema>;
export type JobDetail = z.infer<typeof JobDetailSchema>;
export type JobStop = JobDetail["stops"][number];
export type Place = z.infer<typeof PlaceSchema>;
export type Places = z.infer<typeof PlacesSchema>;

/** The history filters; each is also a query parameter of the jobs page and of the API. */
export type JobFilters = { status?: string; from?: string; to?: string; q?: string; limit?: string };

export const customerPath = (slug: string, rest = "") => `/api/c/${encodeURIComponent(slug)}${rest}`;
export const portalPath = (slug: string, rest = "") => `/c/${encodeURIComponent(slug)}${rest}`;

/** `?a=1&b=2` of the filters that are set ("" when none). */
export function filterQuery(filters: JobFilters & { cursor?: string }): string {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
	const query = params.toString();
	return query ? `?${query}` : "";
}

const jobsPath = (slug: string, filters: JobFilters & { cursor?: string }) =>
	customerPath(slug, `/jobs${filterQuery(filters)}`);
const jobPath = (slug: string, id: string) => customerPath(slug, `/jobs/${encodeURIComponent(id)}`);
const placesPath = (slug: string) => customerPath(slug, "/addresses");

export function fetchJobs(slug: string, filters: JobFilters & { cursor?: string }): Promise<JobPage> {
	return apiFetch<JobPage>(jobsPath(slug, filters));
}

export function fetchJob(slug: string, id: string): Promise<JobDetail> {
	return apiFetch<JobDetail>(jobPath(slug, id));
}

export function fetchPlaces(slug: string): Promise<Places> {
	return apiFetch<Places>(placesPath(slug));
}

/** What the home page lists: the active jobs, then the upcoming ones, a few of each (firstReads.ts starts these early). */
export const HOME_JOB_FILTERS: JobFilters[] = [
	{ status: "active", limit: "5" },
	{ status: "upcoming", limit: "5" },
];

/** Every role but billing sees jobs; the server has the last word (403 `forbidden`). */
export const canSeeJobs = (role: string) => role !== "billing";

/** Only an account admin manages colleagues and locations (`/c/:slug/account`). */
export const isAccountAdmin = (role: string) => role === "admin";

/** Only these contact roles may book; the server has the last word (403 `forbidden`). */
export const canBook = (role: string) => role === "admin" || role === "booker";

/** The words for booking a kind, in the language shown: the link to the form, its heading and its submit. */
export function bookLabel(kind: JobKind): { link: string; submit: string; heading: string } {
	const link = t("portal.book.link", { kind });
	return { link, submit: t("portal.book.submit", { kind }), heading: link };
}
