import { type PagedList, usePagedList } from "../../shared/usePagedList";
import { fetchJobs, filterQuery, type JobFilters, type JobListItem } from "../customerApi";

export type JobList = PagedList<JobListItem>;

/** The customer's jobs for these filters, newest first, one page at a time. */
export function useJobList(slug: string, filters: JobFilters): JobList {
	return usePagedList(`${slug}${filterQuery(filters)}`, (cursor) => fetchJobs(slug, { ...filters, cursor }));
}
