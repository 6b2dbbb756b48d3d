import { ReceiptText, SearchX } from "lucide";
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Branding } from "../../shared/branding";
import { SelectField } from "../../shared/fields";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { LoadMoreButton } from "../../shared/ui/LoadMoreButton";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonCard } from "../../shared/ui/Skeleton";
import { usePagedList } from "../../shared/usePagedList";
import { useResource } from "../../shared/useResource";
import { customerPath, filterQuery, type Places, portalPath } from "../customerApi";
import { EstimateDateFilter } from "../estimates/EstimateDateFilter";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { InvoiceCard } from "./InvoiceCard";
import { fetchInvoices, type InvoiceFilters } from "./invoiceApi";
import "../estimates/portal-estimates.css";
import "./portal-invoices.css";

const TABS = ["open", "paid"] as const;

function filtersFrom(query: Record<string, string>): InvoiceFilters {
	const { tab, from, to, locationId } = query;
	return {
		tab: tab === "paid" ? "paid" : undefined,
		from: from || undefined,
		to: to || undefined,
		locationId: locationId || undefined,
	};
}

type Outstanding = { outstandingMinor: number; currency: string };

function InvoiceList({ slug, query }: { slug: string; branding: Branding; query: Record<string, string> }) {
	const filters = filtersFrom(query);
	const { route } = useLocation();
	const [outstanding, setOutstanding] = useState<Outstanding | null>(null);
	const list = usePagedList(`${slug}${filterQuery(filters)}`, async (cursor) => {
		const page = await fetchInvoices(slug, { ...filters, cursor });
		setOutstanding({ outstandingMinor: page.outstandingMinor, currency: page.currency });
		return page;
	});
	const places = useResource<Places>(customerPath(slug, "/addresses"));
	const locations = places.state.status === "ready" ? places.state.data.locations.filter((l) => l.id) : [];
	const pageUrl = (f: InvoiceFilters) => portalPath(slug, "/invoices") + filterQuery(f);
	const narrowed = Boolean(filters.from || filters.to || filters.locationId);
	const tab = filters.tab ?? "open";
	const count = list.items.length;

	return (
		<>
			<PageHeader title={t("portal.invoices.title")} description={t("portal.invoices.description")} />
			<Card as="section" class="invoice-outstanding" aria-labelledby="inv-outstanding">
				<h2 id="inv-outstanding">{t("portal.invoices.outstanding")}</h2>
				{outstanding ? (
					<p class="invoice-outstanding-amount">
						{formatMoney(outstanding.outstandingMinor, outstanding.currency)}
					</p>
				) : (
					<Skeleton width="8rem" height="2.5rem" />
				)}
				<p class="muted">
					{outstanding?.outstandingMinor === 0
						? t("portal.invoices.allPaid")
						: t("portal.invoices.outstandingHint")}
				</p>
			</Card>
			<div class="jobs-layout">
				<aside class="jobs-filters est-date-aside">
					<details class="est-date-details" open={narrowed || matchMedia("(min-width: 64rem)").matches}>
						<summary>{t("portal.invoices.filterLabel")}</summary>
						{locations.length > 1 ? (
							<SelectField
								id="inv-location"
								label={t("portal.invoices.location")}
								value={filters.locationId ?? ""}
								onChange={(e) =>
									route(pageUrl({ ...filters, locationId: e.currentTarget.value || undefined }))
								}
							>
								<option value="">{t("portal.invoices.everyLocation")}</option>
								{locations.map((l) => (
									<option key={l.id} value={l.id ?? ""}>
										{l.label}
									</option>
								))}
							</SelectField>
						) : null}
						<EstimateDateFilter
							filters={filters}
							onApply={(f) => route(pageUrl(f))}
							labels={{
								search: t("portal.invoices.filterLabel"),
								from: t("portal.invoices.from"),
								to: t("portal.invoices.to"),
								apply: t("portal.invoices.applyDates"),
							}}
						/>
						{narrowed ? (
							<p>
								<a class="link-target" href={pageUrl({ tab: filters.tab })}>
									{t("portal.invoices.clear")}
								</a>
							</p>
						) : null}
					</details>
				</aside>
				<div class="jobs-main">
					<nav aria-label={t("portal.invoices.which")} class="estimate-tabs">
						<ul class="segmented">
							{TABS.map((name) => (
								<li key={name}>
									<a
										href={pageUrl({ ...filters, tab: name === "open" ? undefined : name })}
										aria-current={tab === name ? "page" : undefined}
									>
										{t("portal.invoices.tab", { tab: name })}
									</a>
								</li>
							))}
						</ul>
					</nav>
					<section
						class="job-results"
						aria-label={t("portal.invoices.results")}
						aria-busy={list.loading === "first"}
					>
						<p class="notice-live jobs-summary" role="status">
							{list.loading === "first"
								? t("portal.invoices.loading")
								: t("portal.invoices.showing", { count, more: list.nextCursor ? "yes" : "no" })}
						</p>
						{list.loading === "first" ? (
							<div class="card-grid" aria-hidden="true">
								<SkeletonCard />
								<SkeletonCard />
								<SkeletonCard />
							</div>
						) : null}
						{list.error && count === 0 && !list.loading ? (
							<ErrorState title={t("portal.invoices.loadFailed")} message={list.error} onRetry={list.retry} />
						) : list.error ? (
							<p class="notice notice-error" role="alert">
								{list.error}
							</p>
						) : null}
						{count > 0 ? (
							<ul class="job-list card-grid">
								{list.items.map((invoice) => (
									<li key={invoice.id}>
										<InvoiceCard invoice={invoice} slug={slug} headingLevel={2} />
									</li>
								))}
							</ul>
						) : list.loading || list.error ? null : narrowed ? (
							<EmptyState
								icon={SearchX}
								title={t("portal.invoices.noMatch")}
								action={
									<Button variant="secondary" href={pageUrl({ tab: filters.tab })}>
										{t("portal.invoices.clear")}
									</Button>
								}
							>
								<p>{t("portal.invoices.noMatchHint")}</p>
							</EmptyState>
						) : (
							<EmptyState
								icon={ReceiptText}
								title={t("portal.invoices.empty", { tab })}
								action={
									tab === "open" ? (
										<Button variant="secondary" href={pageUrl({ tab: "paid" })}>
											{t("portal.invoices.seePaid")}
										</Button>
									) : (
										<Button variant="secondary" href={pageUrl({})}>
											{t("portal.invoices.seeOpen")}
										</Button>
									)
								}
							>
								<p>{t("portal.invoices.emptyHint", { tab })}</p>
							</EmptyState>
						)}
						<LoadMoreButton
							list={list}
							onClick={() => void list.loadMore()}
							label={t("portal.invoices.loadMore")}
							busyLabel={t("portal.invoices.loadingMore")}
						/>
					</section>
				</div>
			</div>
		</>
	);
}

/** `/c/:slug/invoices?tab=&from=&to=&locationId=`: what the account owes and has paid, newest first. */
export function InvoicesPage({ slug, branding, query = {} }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{() => <InvoiceList slug={slug} branding={branding} query={query} />}
		</PortalPage>
	);
}
