import { FilePlus2, ReceiptText, SearchX } from "lucide";
import { useLocation } from "preact-iso";
import { SelectField } from "../../shared/fields";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { InvoiceStatusChip } from "../../shared/invoices/InvoiceStatusChip";
import { INVOICE_STATUSES } from "../../shared/invoices/invoiceTypes";
import { formatCalendarDay } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { LoadMoreButton } from "../../shared/ui/LoadMoreButton";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton } from "../../shared/ui/Skeleton";
import { usePagedList } from "../../shared/usePagedList";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, staffPath } from "../consoleApi";
import type { Directory } from "../customers/customerTypes";
import { jobPagePath } from "../jobs/staffJob";
import { fetchStaffInvoices, invoiceRoute, type StaffInvoiceFilters } from "./invoiceApi";
import "../../portal/portal.css";
import "../estimates/console-estimates.css";
import "./console-invoices.css";

const TABS: Array<string | undefined> = [undefined, ...INVOICE_STATUSES];

function InvoiceList({ slug, filters }: ConsoleContext & { filters: StaffInvoiceFilters }) {
	const { route } = useLocation();
	const query = queryString(filters);
	const list = usePagedList(`${slug}${query}`, (cursor) => fetchStaffInvoices(slug, { ...filters, cursor }));
	const directory = useResource<Directory>(staffPath(slug, "/customers"));
	const accounts = directory.state.status === "ready" ? directory.state.data.accounts : [];
	const pageUrl = (f: StaffInvoiceFilters) => consolePath(slug, `/invoices${queryString(f)}`);
	const narrowed = Boolean(filters.status || filters.accountId);
	const newHref = consolePath(slug, `/invoices/new${queryString({ account: filters.accountId })}`);

	return (
		<>
			<PageHeader
				title={t("console.invoices.title")}
				description={t("console.invoices.description")}
				actions={
					<Button icon={FilePlus2} href={newHref}>
						{t("console.invoices.new")}
					</Button>
				}
			/>
			<nav aria-label={t("console.invoices.which")} class="inv-tabs">
				<ul class="segmented">
					{TABS.map((status) => (
						<li key={status ?? "all"}>
							<a
								href={pageUrl({ ...filters, status })}
								aria-current={filters.status === status ? "page" : undefined}
							>
								{status ? t("invoice.status", { status }) : t("console.invoices.all")}
							</a>
						</li>
					))}
				</ul>
			</nav>
			<search aria-label={t("console.invoices.filter")} class="est-filters">
				<SelectField
					id="inv-filter-account"
					label={t("console.invoices.account")}
					value={filters.accountId ?? ""}
					disabled={directory.state.status !== "ready"}
					onChange={(e) => route(pageUrl({ ...filters, accountId: e.currentTarget.value || undefined }))}
				>
					<option value="">{t("console.invoices.everyAccount")}</option>
					{accounts.map((a) => (
						<option key={a.id} value={a.id}>
							{a.name}
						</option>
					))}
				</SelectField>
				{narrowed ? (
					<a class="link-target est-filters-clear" href={pageUrl({})}>
						{t("console.invoices.clear")}
					</a>
				) : null}
			</search>
			<section
				aria-label={t("console.invoices.results")}
				aria-busy={list.loading === "first"}
				class="est-results"
			>
				<p class="notice-live est-results-summary" role="status">
					{list.loading === "first"
						? t("console.invoices.loading")
						: t("console.invoices.showing", {
								count: list.items.length,
								more: list.nextCursor ? "yes" : "no",
							})}
				</p>
				{list.loading === "first" ? (
					<div class="est-table-skeleton" aria-hidden="true">
						{[0, 1, 2, 3, 4].map((i) => (
							<Skeleton key={i} height="3.25rem" />
						))}
					</div>
				) : list.error && list.items.length === 0 ? (
					<ErrorState title={t("console.invoices.loadFailed")} message={list.error} onRetry={list.retry} />
				) : list.items.length === 0 ? (
					narrowed ? (
						<EmptyState
							icon={SearchX}
							title={t("console.invoices.noMatch")}
							action={
								<Button variant="secondary" href={pageUrl({})}>
									{t("console.invoices.clear")}
								</Button>
							}
						>
							<p>{t("console.invoices.noMatchHint")}</p>
						</EmptyState>
					) : (
						<EmptyState
							icon={ReceiptText}
							title={t("console.invoices.empty")}
							action={
								<Button icon={FilePlus2} href={newHref}>
									{t("console.invoices.emptyAction")}
								</Button>
							}
						>
							<p>{t("console.invoices.emptyHint")}</p>
						</EmptyState>
					)
				) : (
					<div class="table-wrap est-table-wrap">
						<table class="est-table inv-table">
							<thead>
								<tr>
									<th scope="col">{t("console.invoices.col.number")}</th>
									<th scope="col" class="est-col-account">
										{t("console.invoices.col.account")}
									</th>
									<th scope="col" class="inv-col-job">
										{t("console.invoices.col.job")}
									</th>
									<th scope="col">{t("console.invoices.col.status")}</th>
									<th scope="col" class="est-num inv-col-total">
										{t("console.invoices.col.total")}
									</th>
									<th scope="col" class="est-num">
										{t("console.invoices.col.balance")}
									</th>
									<th scope="col" class="est-col-date">
										{t("console.invoices.col.due")}
									</th>
								</tr>
							</thead>
							<tbody>
								{list.items.map((inv) => (
									<tr key={inv.id}>
										<td>
											<a class="est-row-link" href={consolePath(slug, invoiceRoute(inv.id))}>
												{t("invoice.title", { number: inv.number })}
											</a>
											<span class="est-row-account-inline muted">
												{inv.accountName}
												{inv.jobNumber ? ` · ${t("invoice.job", { number: inv.jobNumber })}` : ""}
											</span>
										</td>
										<td class="est-col-account">
											{inv.accountName}
											{inv.locationName ? <span class="muted"> · {inv.locationName}</span> : null}
										</td>
										<td class="inv-col-job">
											{inv.jobId && inv.jobNumber ? (
												<a href={consolePath(slug, jobPagePath(inv.jobId))}>#{inv.jobNumber}</a>
											) : (
												"—"
											)}
										</td>
										<td>
											<InvoiceStatusChip status={inv.status} />
										</td>
										<td class="est-num inv-col-total">{formatMoney(inv.totalMinor, inv.currency)}</td>
										<td class="est-num">{formatMoney(inv.balanceMinor, inv.currency)}</td>
										<td class="est-col-date">{formatCalendarDay(inv.dueAt)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
				{list.error && list.items.length ? (
					<p class="notice notice-error" role="alert">
						{list.error}
					</p>
				) : null}
				<LoadMoreButton
					list={list}
					onClick={() => void list.loadMore()}
					label={t("console.invoices.loadMore")}
					busyLabel={t("console.invoices.loadingMore")}
				/>
			</section>
		</>
	);
}

/** `/d/:slug/invoices?status=&accountId=`: every invoice, newest first. */
export function InvoicesPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	const filters = { status: query.status || undefined, accountId: query.accountId || undefined };
	return (
		<ConsolePage slug={slug} branding={branding} title={t("console.invoices.title")}>
			{(context) => <InvoiceList {...context} filters={filters} />}
		</ConsolePage>
	);
}
