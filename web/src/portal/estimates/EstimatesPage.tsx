import { FilePlus2, FileText, SearchX } from "lucide";
import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { PageHeader } from "../../shared/ui/PageHeader";
import { SkeletonCard } from "../../shared/ui/Skeleton";
import { usePagedList } from "../../shared/usePagedList";
import { canBook, filterQuery, portalPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { EstimateCard } from "./EstimateCard";
import { EstimateDateFilter } from "./EstimateDateFilter";
import { ESTIMATE_TABS, type EstimateFilters, fetchEstimates } from "./estimateApi";
import "./portal-estimates.css";
import { LoadMoreButton } from "../../shared/ui/LoadMoreButton";

const TABS: Array<string | undefined> = [undefined, ...ESTIMATE_TABS];

/** The filters from the page's query: they live in the URL, so a reload or a shared link keeps them. */
function filtersFrom(query: Record<string, string>): EstimateFilters {
	const { status, from, to } = query;
	return { status: status || undefined, from: from || undefined, to: to || undefined };
}

type Props = { slug: string; branding: Branding; me: Me; query: Record<string, string> };

function EstimateList({ slug, branding, me, query }: Props) {
	const filters = filtersFrom(query);
	const { route } = useLocation();
	const list = usePagedList(`${slug}${filterQuery(filters)}`, (cursor) =>
		fetchEstimates(slug, { ...filters, cursor }),
	);
	const listRef = useRef<HTMLUListElement>(null);
	const [focusFrom, setFocusFrom] = useState<number | null>(null);
	const pageUrl = (f: EstimateFilters) => portalPath(slug, "/estimates") + filterQuery(f);
	const narrowed = Boolean(filters.from || filters.to);
	const [datesOpen] = useState(() => narrowed || matchMedia("(min-width: 64rem)").matches);

	// After "Load more", focus moves to the first estimate that came in, not back to the top.
	useEffect(() => {
		if (focusFrom === null) return;
		listRef.current?.querySelectorAll<HTMLElement>(".estimate-card-link")[focusFrom]?.focus();
		setFocusFrom(null);
	}, [focusFrom]);

	async function loadMore() {
		const before = await list.loadMore();
		if (before !== null) setFocusFrom(before);
	}

	const count = list.items.length;
	const summary =
		list.loading === "first"
			? t("portal.estimates.loading")
			: t("portal.estimates.showing", { count, more: list.nextCursor ? "yes" : "no" });
	const askLink = canBook(me.role) ? (
		<Button icon={FilePlus2} href={portalPath(slug, "/estimates/request")}>
			{t("portal.quote.link")}
		</Button>
	) : null;

	return (
		<>
			<PageHeader
				title={t("portal.estimates.title")}
				description={t("portal.estimates.description")}
				actions={askLink}
			/>
			<div class="jobs-layout">
				<aside class="jobs-filters est-date-aside">
					{/* Open beside the list on a wide screen; a tap away on a phone, where the list comes first. */}
					<details class="est-date-details" open={datesOpen}>
						<summary>{t("portal.estimates.filterLabel")}</summary>
						<EstimateDateFilter filters={filters} onApply={(f) => route(pageUrl(f))} />
						{narrowed ? (
							<p>
								<a class="link-target" href={pageUrl({ status: filters.status })}>
									{t("portal.estimates.clearDates")}
								</a>
							</p>
						) : null}
					</details>
				</aside>
				<div class="jobs-main">
					<nav aria-label={t("portal.estimates.which")} class="estimate-tabs">
						<ul class="segmented">
							{TABS.map((status) => (
								<li key={status ?? "all"}>
									<a
										href={pageUrl({ ...filters, status })}
										aria-current={filters.status === status ? "page" : undefined}
									>
										{t("portal.estimates.tab", { status: status ?? "all" })}
									</a>
								</li>
							))}
						</ul>
					</nav>
					<section
						class="job-results"
						aria-label={t("portal.estimates.results")}
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
							</div>
						) : null}
						{list.error && count === 0 && !list.loading ? (
							<ErrorState
								title={t("portal.estimates.loadFailed")}
								message={list.error}
								onRetry={list.retry}
							/>
						) : list.error ? (
							<p class="notice notice-error" role="alert">
								{list.error}
							</p>
						) : null}
						{count > 0 ? (
							<ul ref={listRef} class="job-list card-grid">
								{list.items.map((estimate) => (
									<li key={estimate.id}>
										<EstimateCard
											estimate={estimate}
											slug={slug}
											timeZone={branding.timezone}
											headingLevel={2}
										/>
									</li>
								))}
							</ul>
						) : list.loading || list.error ? null : narrowed || filters.status ? (
							<EmptyState
								icon={SearchX}
								title={t("portal.estimates.noMatch")}
								action={
									<Button variant="secondary" href={pageUrl({})}>
										{t("portal.estimates.seeAll")}
									</Button>
								}
							>
								<p>{t("portal.estimates.noMatchHint")}</p>
							</EmptyState>
						) : (
							<EmptyState icon={FileText} title={t("portal.estimates.empty")} action={askLink}>
								<p>{askLink ? t("portal.estimates.emptyBooker") : t("portal.estimates.emptyViewer")}</p>
							</EmptyState>
						)}
						<LoadMoreButton
							list={list}
							onClick={loadMore}
							label={t("portal.estimates.loadMore")}
							busyLabel={t("portal.estimates.loadingMore")}
						/>
					</section>
				</div>
			</div>
		</>
	);
}

/** `/c/:slug/estimates?status=&from=&to=`: the estimates sent to the customer, newest first. */
export function EstimatesPage({ slug, branding, query = {} }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => <EstimateList slug={slug} branding={branding} me={me} query={query} />}
		</PortalPage>
	);
}
