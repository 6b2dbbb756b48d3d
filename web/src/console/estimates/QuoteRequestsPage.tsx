import { CalendarRange, FilePlus2, Inbox, MapPin } from "lucide";
import type { QuoteRequest } from "../../shared/estimates/estimateTypes";
import { formatCalendarDay, formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { SkeletonCard } from "../../shared/ui/Skeleton";
import { usePagedList } from "../../shared/usePagedList";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString } from "../consoleApi";
import { contactPagePath } from "../customers/customerTypes";
import { EstimateTabs } from "./EstimateTabs";
import { estimateRoute, fetchQuoteRequests } from "./estimateApi";
import "../../portal/portal.css";
import "./console-estimates.css";

function preferred(r: QuoteRequest): string | null {
	const days = [r.preferredFrom, r.preferredTo].filter((d): d is string => Boolean(d));
	return days.length ? days.map(formatCalendarDay).join(" – ") : null;
}

function RequestCard({ request, slug, timeZone }: { request: QuoteRequest; slug: string; timeZone: string }) {
	const when = preferred(request);
	const a = request.address;
	return (
		<Card as="article" padding="lg" class="quote-request" aria-labelledby={`qr-${request.id}`}>
			<div class="quote-request-head">
				<h2 id={`qr-${request.id}`} class="quote-request-who">
					<a href={consolePath(slug, contactPagePath(request.contact.id))}>{request.contact.name}</a>
					{request.account ? <span class="muted"> · {request.account.name}</span> : null}
				</h2>
				<span class={request.status === "open" ? "ui-chip ui-chip-info" : "ui-chip ui-chip-success"}>
					<span>{request.status === "open" ? "Open" : "Estimated"}</span>
				</span>
			</div>
			<p class="muted quote-request-when">Asked {formatDateTime(request.createdAt, timeZone)}</p>
			<p class="quote-request-body">{request.description}</p>
			<p class="quote-request-line">
				<Icon icon={MapPin} size={16} />
				<span>
					{[a.line1, a.line2, a.city, a.region, a.postalCode].filter(Boolean).join(", ")}
					{request.location ? ` (${request.location.name})` : ""}
				</span>
			</p>
			{when ? (
				<p class="quote-request-line">
					<Icon icon={CalendarRange} size={16} />
					<span>Preferred {when}</span>
				</p>
			) : null}
			{request.photos.length ? (
				<ul class="quote-request-photos">
					{request.photos.map((p, i) => (
						<li key={p.id}>
							<a href={p.url}>
								<img
									src={p.url}
									alt={`${i + 1} of ${request.photos.length} from ${request.contact.name}`}
									width={88}
									height={88}
								/>
							</a>
						</li>
					))}
				</ul>
			) : null}
			<div class="quote-request-actions">
				{request.estimateIds.map((id, i) => (
					<Button key={id} variant="secondary" size="sm" href={consolePath(slug, estimateRoute(id))}>
						{request.estimateIds.length > 1 ? `Estimate ${i + 1}` : "See the estimate"}
					</Button>
				))}
				<Button
					size="sm"
					variant={request.status === "open" ? "primary" : "ghost"}
					icon={FilePlus2}
					href={consolePath(slug, `/estimates/new${queryString({ request: request.id })}`)}
				>
					Create estimate from this request
				</Button>
			</div>
		</Card>
	);
}

function QuoteRequests({ slug, branding }: ConsoleContext) {
	const list = usePagedList(`${slug}/quote-requests`, (cursor) => fetchQuoteRequests(slug, cursor));
	return (
		<>
			<PageHeader
				title="Estimates"
				description="What customers asked you to price from the portal: answer each with an estimate."
			/>
			<EstimateTabs slug={slug} current="requests" />
			<section aria-label="Quote requests" aria-busy={list.loading === "first"} class="est-results">
				<p class="notice-live est-results-summary" role="status">
					{list.loading === "first"
						? "Loading quote requests…"
						: `${list.items.filter((r) => r.status === "open").length} open of ${list.items.length}${list.nextCursor ? "; there are more" : ""}.`}
				</p>
				{list.loading === "first" ? (
					<div class="quote-request-list" aria-hidden="true">
						<SkeletonCard />
						<SkeletonCard />
					</div>
				) : list.error && list.items.length === 0 ? (
					<ErrorState title="We couldn't load the quote requests" message={list.error} onRetry={list.retry} />
				) : list.items.length === 0 ? (
					<EmptyState icon={Inbox} title="No quote requests yet">
						<p>
							When a customer asks for a quote from the portal it lands here and in your inbox, with their
							address, dates and photos.
						</p>
					</EmptyState>
				) : (
					<ul class="quote-request-list">
						{list.items.map((r) => (
							<li key={r.id}>
								<RequestCard request={r} slug={slug} timeZone={branding.timezone} />
							</li>
						))}
					</ul>
				)}
				{list.nextCursor ? (
					<Button variant="secondary" disabled={list.loading === "more"} onClick={() => void list.loadMore()}>
						{list.loading === "more" ? "Loading more…" : "Show more"}
					</Button>
				) : null}
			</section>
		</>
	);
}

/** `/d/:slug/estimates/requests`: the portal's "request a quote", newest first. */
export function QuoteRequestsPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Quote requests">
			{(context) => <QuoteRequests {...context} />}
		</ConsolePage>
	);
}
