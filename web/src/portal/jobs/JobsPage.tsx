import { Inbox, Plus, SearchX } from "lucide";
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { LoadMoreButton } from "../../shared/ui/LoadMoreButton";
import { PageHeader } from "../../shared/ui/PageHeader";
import { SkeletonCard } from "../../shared/ui/Skeleton";
import { bookLabel, canBook, filterQuery, type JobFilters, portalPath } from "../customerApi";
import { JobCard } from "../JobCard";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { JobFilterForm } from "./JobFilterForm";
import { useJobList } from "./useJobList";

const TABS: Array<string | undefined> = ["upcoming", "active", "past", undefined];

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
			? t("portal.jobs.loading")
			: t("portal.jobs.showing", { count, more: list.nextCursor ? "yes" : "no" });

	const canBookHere = Boolean(kind && canBook(me.role));
	const bookLink =
		kind && canBookHere ? (
			<Button icon={Plus} href={portalPath(slug, "/book")}>
				{bookLabel(kind).link}
			</Button>
		) : null;

	return (
		<>
			<PageHeader
				title={t("portal.jobs.title")}
				description={t("portal.jobs.description")}
				actions={bookLink}
			/>
			<div class="jobs-layout">
				<aside class="jobs-filters">
					<JobFilterForm filters={filters} onApply={(f) => route(jobsUrl(f))} />
					{narrowed ? (
						<p>
							<a class="link-target" href={jobsUrl({ status: filters.status, limit: filters.limit })}>
								{t("portal.jobs.clear")}
							</a>
						</p>
					) : null}
				</aside>
				<div class="jobs-main">
					<nav aria-label={t("portal.jobs.which")}>
						<ul class="segmented">
							{TABS.map((status) => (
								<li key={status ?? "all"}>
									<a
										href={jobsUrl({ ...filters, status })}
										aria-current={filters.status === status ? "page" : undefined}
									>
										{t("portal.jobs.tab", { status: status ?? "all" })}
									</a>
								</li>
							))}
						</ul>
					</nav>
					<section
						class="job-results"
						aria-label={t("portal.jobs.results")}
						aria-busy={list.loading === "first"}
					>
						<p class="notice-live jobs-summary" role="status">
							{summary}
						</p>
						{list.loading === "first" ? (
							<div class="card-grid" aria-hidden="true">
								<SkeletonCard />
								<SkeletonCard />
								<SkeletonCard />
								<SkeletonCard />
							</div>
						) : null}
						{list.error && count === 0 && !list.loading ? (
							<ErrorState title={t("portal.home.loadFailed")} message={list.error} onRetry={list.retry} />
						) : list.error ? (
							<p class="notice notice-error" role="alert">
								{list.error}
							</p>
						) : null}
						{count > 0 ? (
							<ul ref={listRef} class="job-list card-grid">
								{list.items.map((job) => (
									<li key={job.id}>
										<JobCard job={job} slug={slug} timeZone={branding.timezone} headingLevel={2} />
									</li>
								))}
							</ul>
						) : list.loading || list.error ? null : narrowed ? (
							<EmptyState
								icon={SearchX}
								title={t("portal.jobs.noMatch")}
								action={
									<Button
										variant="secondary"
										href={jobsUrl({ status: filters.status, limit: filters.limit })}
									>
										{t("portal.jobs.clear")}
									</Button>
								}
							>
								<p>{t("portal.jobs.noMatchHint")}</p>
							</EmptyState>
						) : (
							<EmptyState icon={Inbox} title={t("portal.jobs.empty")} action={bookLink}>
								<p>{canBookHere ? t("portal.jobs.emptyBooker") : t("portal.jobs.emptyViewer")}</p>
							</EmptyState>
						)}
						<LoadMoreButton
							list={list}
							onClick={loadMore}
							label={t("portal.jobs.loadMore")}
							busyLabel={t("portal.jobs.loadingMore")}
						/>
					</section>
				</div>
			</div>
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
