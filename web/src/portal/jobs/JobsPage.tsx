import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { BOOK_LABEL, canBook, filterQuery, type JobFilters, portalPath } from "../customerApi";
import { JobCard } from "../JobCard";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { JobFilterForm } from "./JobFilterForm";
import { useJobList } from "./useJobList";

const TABS: Array<{ label: string; status?: string }> = [
	{ label: "Upcoming", status: "upcoming" },
	{ label: "Active", status: "active" },
	{ label: "Past", status: "past" },
	{ label: "All" },
];

/** The filters from the page's query: they live in the URL, so a reload or a shared link keeps them. */
function filtersFrom(query: Record<string, string>): JobFilters {
	const { status, from, to, q, limit } = query;
	return {
		status: status || undefined,
		from: from || undefined,
		to: to || undefined,
		q: q || undefined,
		limit,
	};
}

type Props = { slug: string; branding: Branding; me: Me; query: Record<string, string> };

function JobHistory({ slug, branding, me, query }: Props) {
	const filters = filtersFrom(query);
	const { route } = useLocation();
	const list = useJobList(slug, filters);
	const listRef = useRef<HTMLUListElement>(null);
	const [focusFrom, setFocusFrom] = useState<number | null>(null);
	const jobsUrl = (f: JobFilters) => portalPath(slug, "/jobs") + filterQuery(f);
	const narrowed = Boolean(filters.from || filters.to || filters.q);
	const kind = branding.jobKinds[0];

	// After "Load more", focus moves to the first job that came in, not back to the top.
	useEffect(() => {
		if (focusFrom === null) return;
		listRef.current?.querySelectorAll<HTMLElement>(".job-card-link")[focusFrom]?.focus();
		setFocusFrom(null);
	}, [focusFrom]);

	async function loadMore() {
		const before = await list.loadMore();
		if (before !== null) setFocusFrom(before);
	}

	const count = list.items.length;
	const summary =
		list.loading === "first"
			? "Loading jobs…"
			: `Showing ${count} ${count === 1 ? "job" : "jobs"}${list.nextCursor ? "; there are more" : ""}.`;

	return (
		<>
			<h1>Your jobs</h1>
			<nav aria-label="Which jobs">
				<ul class="segmented">
					{TABS.map((tab) => (
						<li key={tab.label}>
							<a
								href={jobsUrl({ ...filters, status: tab.status })}
								aria-current={filters.status === tab.status ? "page" : undefined}
							>
								{tab.label}
							</a>
						</li>
					))}
				</ul>
			</nav>
			<JobFilterForm filters={filters} onApply={(f) => route(jobsUrl(f))} />
			{narrowed ? (
				<p>
					<a class="link-target" href={jobsUrl({ status: filters.status, limit: filters.limit })}>
						Clear search and dates
					</a>
				</p>
			) : null}
			<section class="job-results" aria-label="Jobs" aria-busy={list.loading === "first"}>
				<p class="notice-live muted" role="status">
					{summary}
				</p>
				{list.error ? (
					<p class="notice notice-error" role="alert">
						{list.error}
					</p>
				) : null}
				{count > 0 ? (
					<ul ref={listRef} class="job-list">
						{list.items.map((job) => (
							<li key={job.id}>
								<JobCard job={job} slug={slug} timeZone={branding.timezone} headingLevel={2} />
							</li>
						))}
					</ul>
				) : list.loading || list.error ? null : (
					<div class="empty-state">
						<p>{narrowed ? "No jobs match this search." : "No jobs here yet."}</p>
						{kind && canBook(me.role) ? (
							<p>
								<a class="button" href={portalPath(slug, "/book")}>
									{BOOK_LABEL[kind].link}
								</a>
							</p>
						) : null}
					</div>
				)}
				{list.nextCursor ? (
					<button
						type="button"
						class="button-secondary button-wide"
						disabled={list.loading === "more"}
						onClick={loadMore}
					>
						{list.loading === "more" ? "Loading more…" : "Load more"}
					</button>
				) : null}
			</section>
		</>
	);
}

/** `/c/:slug/jobs?status=&from=&to=&q=`: the customer's job history, newest first. */
export function JobsPage({ slug, branding, query = {} }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => <JobHistory slug={slug} branding={branding} me={me} query={query} />}
		</PortalPage>
	);
}
