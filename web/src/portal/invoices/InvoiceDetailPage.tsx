import { ArrowLeft, FileDown, SearchX } from "lucide";
import type { ComponentChildren } from "preact";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { InvoiceDocument } from "../../shared/invoices/InvoiceDocument";
import { InvoiceStatusChip } from "../../shared/invoices/InvoiceStatusChip";
import type { CustomerInvoice } from "../../shared/invoices/invoiceTypes";
import { formatCalendarDay } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { useResource } from "../../shared/useResource";
import { portalPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { CheckoutStatus, checkoutOutcome } from "./CheckoutStatus";
import { invoiceApiPath, invoicePdf } from "./invoiceApi";
import { PayPanel } from "./PayPanel";
import "../estimates/portal-estimates.css";
import "./portal-invoices.css";

type Props = { slug: string; branding: Branding; me: Me; id: string; checkoutId: string };

function InvoiceView({ slug, branding, me, id, checkoutId }: Props) {
	const { state, reload } = useResource<CustomerInvoice>(invoiceApiPath(slug, id));
	const invoice = "data" in state ? state.data : undefined;
	const backLink = (
		<a class="link-target back-link" href={portalPath(slug, "/invoices")}>
			<Icon icon={ArrowLeft} size={16} />
			{t("portal.invoice.back")}
		</a>
	);

	if (state.status === "not_found")
		return (
			<>
				<PageHeader back={backLink} title={t("portal.invoice.notFound")} />
				<EmptyState
					icon={SearchX}
					title={t("portal.invoice.notFoundHeading")}
					action={
						<Button variant="secondary" href={portalPath(slug, "/invoices")}>
							{t("portal.invoice.seeAll")}
						</Button>
					}
				>
					<p>{t("portal.invoice.notFoundBody")}</p>
				</EmptyState>
			</>
		);
	if (state.status === "error" && !invoice)
		return (
			<>
				<PageHeader back={backLink} title={t("portal.invoice.heading")} />
				<ErrorState
					title={t("portal.invoice.loadFailed")}
					message={state.message}
					onRetry={() => void reload()}
				/>
			</>
		);
	if (!invoice) return <InvoiceSkeleton back={backLink} />;

	// Back from the provider and still processing: no pay buttons until it settles.
	const processing = checkoutId !== "" && checkoutOutcome(invoice, checkoutId) === "processing";
	return (
		<article class="est-page inv-page">
			<PageHeader
				back={backLink}
				title={t("invoice.title", { number: invoice.number })}
				badge={<InvoiceStatusChip status={invoice.status} />}
				description={t("portal.invoice.description", {
					balance: formatMoney(invoice.balanceMinor, invoice.currency),
					due: formatCalendarDay(invoice.dueAt),
				})}
				actions={
					<Button variant="secondary" icon={FileDown} {...invoicePdf(slug, invoice)}>
						{t("invoice.pdf")}
					</Button>
				}
			/>
			{checkoutId ? <CheckoutStatus invoice={invoice} checkoutId={checkoutId} reload={reload} /> : null}
			{invoice.status === "void" ? (
				<p class="notice notice-error" role="status">
					{t("portal.invoice.void", { reason: invoice.voidReason ?? "" })}
				</p>
			) : null}
			<div class="est-layout invoice-layout">
				<div class="est-main">
					<InvoiceDocument
						invoice={invoice}
						from={branding.name}
						timeZone={branding.timezone}
						idPrefix="inv"
					/>
				</div>
				<aside class="est-side">
					<Card as="section" padding="lg" class="invoice-due-card" aria-labelledby="inv-due">
						<h2 id="inv-due" class="card-title">
							{t("invoice.totals.balance")}
						</h2>
						<p class="invoice-outstanding-amount">{formatMoney(invoice.balanceMinor, invoice.currency)}</p>
						<p class="muted">
							{invoice.balanceMinor > 0
								? t("portal.invoice.dueBy", { date: formatCalendarDay(invoice.dueAt) })
								: t("portal.invoice.settled")}
						</p>
					</Card>
					{processing ? null : <PayPanel slug={slug} invoice={invoice} me={me} tenantName={branding.name} />}
				</aside>
			</div>
		</article>
	);
}

function InvoiceSkeleton({ back }: { back: ComponentChildren }) {
	return (
		<SkeletonBlock label={t("portal.invoice.loading")}>
			<div class="ui-page-header">
				<div class="ui-page-header-back">{back}</div>
				<Skeleton width="14rem" height="2.25rem" />
				<Skeleton width="20rem" />
			</div>
			<div class="est-layout">
				<div class="est-main">
					<Skeleton height="28rem" class="skeleton-panel" />
				</div>
				<div class="est-side">
					<SkeletonCard />
				</div>
			</div>
		</SkeletonBlock>
	);
}

/** `/c/:slug/invoices/:id` (`?checkout=` on return from paying): one invoice, to read and pay. */
export function InvoiceDetailPage({
	slug,
	branding,
	id = "",
	query = {},
}: PortalRouteProps & { id?: string }) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => (
				<InvoiceView
					key={id}
					slug={slug}
					branding={branding}
					me={me}
					id={id}
					checkoutId={query.checkout ?? ""}
				/>
			)}
		</PortalPage>
	);
}
