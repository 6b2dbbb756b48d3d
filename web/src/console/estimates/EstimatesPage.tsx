import { FilePlus2, FileText, SearchX } from "lucide";
import { useLocation } from "preact-iso";
import { estimateStatuses } from "../../../../schema/estimate-values";
import { EstimateStatusChip } from "../../shared/estimates/EstimateStatusChip";
import { expiryDay } from "../../shared/estimates/expiry";
import { SelectField } from "../../shared/fields";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { formatCalendarDay, formatDate } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton } from "../../shared/ui/Skeleton";
import { usePagedList } from "../../shared/usePagedList";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, staffPath } from "../consoleApi";
import type { Directory } from "../customers/customerTypes";
import { EstimateTabs } from "./EstimateTabs";
import { estimateRoute, fetchStaffEstimates, type StaffEstimateFilters } from "./estimateApi";
import "../../portal/portal.css";
import "./console-estimates.css";

function EstimateList({ slug, branding, filters }: ConsoleContext & { filters: StaffEstimateFilters }) {
	const { route } = useLocation();
	const query = queryString(filters);
	const list = usePagedList(`${slug}${query}`, (cursor) => fetchStaffEstimates(slug, { ...filters, cursor }));
	const directory = useResource<Directory>(staffPath(slug, "/customers"));
	const accounts = directory.state.status === "ready" ? directory.state.data.accounts : [];
	const pageUrl = (f: StaffEstimateFilters) => consolePath(slug, `/estimates${queryString(f)}`);
	const narrowed = Boolean(filters.status || filters.accountId);
	const tz = branding.timezone;
	const newLink = (
		<Button
			icon={FilePlus2}
			href={consolePath(slug, `/estimates/new${queryString({ account: filters.accountId })}`)}
		>
			New estimate
		</Button>
	);

	return (
		<>
			<PageHeader
				title="Estimates"
				description="Quotes for your accounts: drafts, what customers are deciding, and what is ready to book."
				actions={newLink}
			/>
			<EstimateTabs slug={slug} current="estimates" />
			<search aria-label="Filter estimates" class="est-filters">
				<SelectField
					id="est-filter-status"
					label="Status"
					value={filters.status ?? ""}
					onChange={(e) => route(pageUrl({ ...filters, status: e.currentTarget.value || undefined }))}
				>
					<option value="">Every status</option>
					{estimateStatuses.map((s) => (
						<option key={s} value={s}>
							{t("estimate.staffStatus", { status: s })}
						</option>
					))}
				</SelectField>
				<SelectField
					id="est-filter-account"
					label="Account"
					value={filters.accountId ?? ""}
					disabled={directory.state.status !== "ready"}
					onChange={(e) => route(pageUrl({ ...filters, accountId: e.currentTarget.value || undefined }))}
				>
					<option value="">Every account</option>
					{accounts.map((a) => (
						<option key={a.id} value={a.id}>
							{a.name}
						</option>
					))}
				</SelectField>
				{narrowed ? (
					<a class="link-target est-filters-clear" href={pageUrl({})}>
						Clear filters
					</a>
				) : null}
			</search>
			<section aria-label="Estimates" aria-busy={list.loading === "first"} class="est-results">
				<p class="notice-live est-results-summary" role="status">
					{list.loading === "first"
						? "Loading estimates…"
						: `Showing ${list.items.length} ${list.items.length === 1 ? "estimate" : "estimates"}${list.nextCursor ? "; there are more" : ""}.`}
				</p>
				{list.loading === "first" ? (
					<div class="est-table-skeleton" aria-hidden="true">
						{[0, 1, 2, 3, 4].map((i) => (
							<Skeleton key={i} height="3.25rem" />
						))}
					</div>
				) : list.error && list.items.length === 0 ? (
					<ErrorState title="We couldn't load the estimates" message={list.error} onRetry={list.retry} />
				) : list.items.length === 0 ? (
					narrowed ? (
						<EmptyState
							icon={SearchX}
							title="No estimates match these filters"
							action={
								<Button variant="secondary" href={pageUrl({})}>
									Clear filters
								</Button>
							}
						>
							<p>Try every status, or another account.</p>
						</EmptyState>
					) : (
						<EmptyState
							icon={FileText}
							title="No estimates yet"
							action={
								<Button icon={FilePlus2} href={consolePath(slug, "/estimates/new")}>
									Write the first one
								</Button>
							}
						>
							<p>
								Write one for an account, or answer a customer's quote request: it goes to their portal with a
								link in an email.
							</p>
						</EmptyState>
					)
				) : (
					<div class="table-wrap est-table-wrap">
						<table class="est-table">
							<thead>
								<tr>
									<th scope="col">Estimate</th>
									<th scope="col" class="est-col-account">
										Account
									</th>
									<th scope="col">Status</th>
									<th scope="col" class="est-num">
										Total
									</th>
									<th scope="col" class="est-col-date">
										Valid until
									</th>
									<th scope="col" class="est-col-date">
										Updated
									</th>
								</tr>
							</thead>
							<tbody>
								{list.items.map((e) => {
									const lastDay = expiryDay(e.expiresAt, tz);
									return (
										<tr key={e.id}>
											<td>
												<a class="est-row-link" href={consolePath(slug, estimateRoute(e.id))}>
													#{e.number} <span class="est-row-title">{e.title}</span>
												</a>
												<span class="est-row-account-inline muted">{e.account.name}</span>
											</td>
											<td class="est-col-account">
												{e.account.name}
												{e.contact ? <span class="muted"> · {e.contact.name}</span> : null}
											</td>
											<td>
												<EstimateStatusChip status={e.status} audience="staff" />
											</td>
											<td class="est-num">{formatMoney(e.totalMinor, e.currency)}</td>
											<td class="est-col-date">{lastDay ? formatCalendarDay(lastDay) : "—"}</td>
											<td class="est-col-date">{formatDate(e.updatedAt, tz)}</td>
										</tr>
									);
								})}
							</tbody>
						</table>
					</div>
				)}
				{list.error && list.items.length ? (
					<p class="notice notice-error" role="alert">
						{list.error}
					</p>
				) : null}
				{list.nextCursor ? (
					<Button variant="secondary" disabled={list.loading === "more"} onClick={() => void list.loadMore()}>
						{list.loading === "more" ? "Loading more…" : "Show more"}
					</Button>
				) : null}
			</section>
		</>
	);
}

/** `/d/:slug/estimates?status=&accountId=`: every estimate, newest first. */
export function EstimatesPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	const filters = { status: query.status || undefined, accountId: query.accountId || undefined };
	return (
		<ConsolePage slug={slug} branding={branding} title="Estimates">
			{(context) => <EstimateList {...context} filters={filters} />}
		</ConsolePage>
	);
}
