import type { Places } from "../../../workers/domain/customer-place-view";
import { apiFetch } from "../shared/api";
import type { JobStatus } from "../shared/StatusBadge";

/** The customer API's shapes, as `/api/c/:slug/...` answers them. */

export type JobKind = "pickup_delivery" | "service_call";
export type StopKind = "pickup" | "dropoff" | "service";

export type JobListItem = {
	id: string;
	number: number;
	kind: JobKind;
	status: JobStatus;
	reference: string | null;
	createdAt: string;
	windowStart: string | null;
	windowEnd: string | null;
	stops: Array<{ kind: StopKind; line1: string; city: string }>;
};

export type JobPage = { items: JobListItem[]; nextCursor: string | null };

export type JobStop = {
	seq: number;
	kind: StopKind;
	line1: string;
	line2: string | null;
	city: string;
	region: string | null;
	postalCode: string | null;
	country: string;
	contactName: string | null;
	contactPhone: string | null;
	instructions: string | null;
	windowStart: string | null;
	windowEnd: string | null;
};

export type JobDetail = {
	id: string;
	number: number;
	kind: JobKind;
	status: JobStatus;
	source: string;
	reference: string | null;
	description: string | null;
	packageDescription: string | null;
	customerName: string | null;
	accountName: string | null;
	createdAt: string;
	windowStart: string | null;
	windowEnd: string | null;
	pausedMessage: string | null;
	technician: { name: string; photoUrl: string | null; bio: string | null } | null;
	stops: JobStop[];
	timeline: Array<{ type: string; message: string | null; actor: string | null; at: string }>;
};

export type { Place, Places } from "../../../workers/domain/customer-place-view";

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

export function fetchJobs(slug: string, filters: JobFilters & { cursor?: string }): Promise<JobPage> {
	return apiFetch<JobPage>(customerPath(slug, `/jobs${filterQuery(filters)}`));
}

export function fetchJob(slug: string, id: string): Promise<JobDetail> {
	return apiFetch<JobDetail>(customerPath(slug, `/jobs/${encodeURIComponent(id)}`));
}

export function fetchPlaces(slug: string): Promise<Places> {
	return apiFetch<Places>(customerPath(slug, "/addresses"));
}

/** Only these contact roles may book; the server has the last word (403 `forbidden`). */
export const canBook = (role: string) => role === "admin" || role === "booker";

export const BOOK_LABEL: Record<JobKind, { link: string; submit: string; heading: string }> = {
	pickup_delivery: { link: "Book a pickup", submit: "Book pickup", heading: "Book a pickup" },
	service_call: { link: "Book a service call", submit: "Book service call", heading: "Book a service call" },
};
