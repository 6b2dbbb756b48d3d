import { ArrowLeft, Ban, Banknote, FileDown, SearchX, Send } from "lucide";
import { useEffect, useRef, useState } from "preact/hooks";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { InvoiceDocument } from "../../shared/invoices/InvoiceDocument";
import { InvoiceStatusChip } from "../../shared/invoices/InvoiceStatusChip";
import type { StaffInvoice } from "../../shared/invoices/invoiceTypes";
import { formatCalendarDay, formatDateTime, localDate } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath } from "../consoleApi";
import { estimateRoute } from "../estimates/estimateApi";
import { jobPagePath } from "../jobs/staffJob";
import { failureMessage } from "../staffAction";
import { shareInvoice, staffInvoicePath, staffInvoicePdf } from "./invoiceApi";
import { RecordPaymentForm } from "./RecordPaymentForm";
import { VoidForm } from "./VoidForm";
import "../../portal/portal.css";
import "../estimates/console-estimates.css";
import "./console-invoices.css";

type Notice = { tone: "ok" | "error"; text: string } | null;
type Panel = "none" | "payment" | "void";

const ARRIVED_WITH = ["created", "shared"] as const;

/** The facts beside the document: balance, due date, what it bills, who it went to. */
function Facts({ invoice, slug, timeZone }: { invoice: StaffInvoice; slug: string; timeZone: string }) {
	return (
		<dl class="inv-facts">
			<div class="inv-facts-balance">
				<dt>{t("invoice.totals.balance")}</dt>
				<dd>{formatMoney(invoice.balanceMinor, invoice.currency)}</dd>
			</div>
			<div>
				<dt>{t("invoice.doc.due")}</dt>
				<dd>{formatCalendarDay(invoice.dueAt)}</dd>
			</div>
			<div>
				<dt>{t("console.invoice.shared")}</dt>
				<dd>
					{invoice.sharedAt ? formatDateTime(invoice.sharedAt, timeZone) : t("console.invoice.notShared")}
				</dd>
			</div>
			{invoice.contactName ? (
				<div>
					<dt>{t("console.invoice.contact")}</dt>
					<dd>{invoice.contactName}</dd>
				</div>
			) : null}
			{invoice.jobId && invoice.jobNumber ? (
				<div>
					<dt>{t("console.invoice.job")}</dt>
					<dd>
						<a href={consolePath(slug, jobPagePath(invoice.jobId))}>
							{t("invoice.job", { number: invoice.jobNumber })}
						</a>
					</dd>
				</div>
			) : null}
			{invoice.estimateId && invoice.estimateNumber ? (
				<div>
					<dt>{t("invoice.doc.estimate")}</dt>
					<dd>
						<a href={consolePath(slug, estimateRoute(invoice.estimateId))}>
							{t("estimate.title", { number: invoice.estimateNumber })}
						</a>
					</dd>
				</div>
			) : null}
			{invoice.voidedAt ? (
				<div>
					<dt>{t("console.invoice.voided")}</dt>
					<dd>
						{formatDateTime(invoice.voidedAt, timeZone)}
						{invoice.voidReason ? <blockquote class="est-reason">{invoice.voidReason}</blockquote> : null}
					</dd>
				</div>
			) : null}
		</dl>
	);
}

function InvoiceView({
	slug,
	branding,
	id,
	arrivedWith,
}: ConsoleContext & { id: string; arrivedWith: string }) {
	const { state, reload, replace } = useResource<StaffInvoice>(staffInvoicePath(slug, id));
	const invoice = "data" in state ? state.data : undefined;
	const [notice, setNotice] = useState<Notice>(
		arrivedWith ? { tone: "ok", text: t("console.invoice.arrived", { how: arrivedWith }) } : null,
	);
	const [panel, setPanel] = useState<Panel>("none");
	const [sharing, setSharing] = useState(false);
	const noticeRef = useRef<HTMLDivElement>(null);
	const tz = branding.timezone;

	useEffect(() => {
		if (notice) noticeRef.current?.focus();
	}, [notice]);

	const back = (
		<a class="link-target back-link" href={consolePath(slug, "/invoices")}>
			<Icon icon={ArrowLeft} size={16} />
			{t("console.invoice.back")}
		</a>
	);
	if (state.status === "not_found")
		return (
			<>
				<PageHeader back={back} title={t("console.invoice.notFound")} />
				<EmptyState
					icon={SearchX}
					title={t("console.invoice.notFoundHeading")}
					action={
						<Button variant="secondary" href={consolePath(slug, "/invoices")}>
							{t("console.invoice.seeAll")}
						</Button>
					}
				>
					<p>{t("console.invoice.notFoundBody")}</p>
				</EmptyState>
			</>
		);
	if (state.status === "error" && !invoice)
		return (
			<>
				<PageHeader back={back} title={t("console.invoice.heading")} />
				<ErrorState
					title={t("console.invoice.loadFailed")}
					message={state.message}
					onRetry={() => void reload()}
				/>
			</>
		);
	if (!invoice)
		return (
			<SkeletonBlock label={t("console.invoice.loading")}>
				<Skeleton width="16rem" height="2.25rem" />
				<div class="est-console-layout">
					<Skeleton height="28rem" class="skeleton-panel" />
					<SkeletonCard />
				</div>
			</SkeletonBlock>
		);

	const live = invoice.status !== "void";
	const canPay = live && invoice.status !== "draft" && invoice.balanceMinor > 0;
	const canVoid = live && invoice.paidMinor === 0;

	const share = async () => {
		setSharing(true);
		try {
			replace(await shareInvoice(slug, invoice.id));
			setNotice({ tone: "ok", text: t("console.invoice.sharedNotice") });
		} catch (err) {
			setNotice({ tone: "error", text: failureMessage(err) });
		} finally {
			setSharing(false);
		}
	};
	const done = (next: StaffInvoice, text: string) => {
		replace(next);
		setPanel("none");
		setNotice({ tone: "ok", text });
	};

	return (
		<article class="est-page inv-page">
			<PageHeader
				back={back}
				title={t("invoice.title", { number: invoice.number })}
				badge={<InvoiceStatusChip status={invoice.status} />}
				description={[invoice.accountName, invoice.locationName].filter(Boolean).join(" · ")}
				actions={
					<>
						{live ? (
							<Button
								variant={invoice.status === "draft" ? "primary" : "secondary"}
								icon={Send}
								disabled={sharing}
								onClick={() => void share()}
							>
								{sharing
									? t("console.invoice.sharing")
									: invoice.sharedAt
										? t("console.invoice.shareAgain")
										: t("console.invoice.share")}
							</Button>
						) : null}
						{canPay ? (
							<Button
								variant={invoice.status === "draft" ? "secondary" : "primary"}
								icon={Banknote}
								onClick={() => setPanel("payment")}
							>
								{t("console.invoice.recordPayment")}
							</Button>
						) : null}
						{canVoid ? (
							<Button variant="ghost" icon={Ban} onClick={() => setPanel("void")}>
								{t("console.invoice.void")}
							</Button>
						) : null}
						<Button variant="ghost" icon={FileDown} {...staffInvoicePdf(slug, invoice)}>
							{t("invoice.pdf")}
						</Button>
					</>
				}
			/>
			{notice ? (
				<div
					ref={noticeRef}
					tabIndex={-1}
					class={notice.tone === "ok" ? "notice notice-ok est-notice" : "notice notice-error est-notice"}
					role={notice.tone === "ok" ? "status" : "alert"}
				>
					<p>{notice.text}</p>
				</div>
			) : null}
			{panel !== "none" ? (
				<Card as="section" padding="lg" class="inv-action-card" aria-label={t("console.invoice.actionPanel")}>
					{panel === "payment" ? (
						<RecordPaymentForm
							slug={slug}
							invoice={invoice}
							today={localDate(Date.now(), tz)}
							onCancel={() => setPanel("none")}
							onRecorded={(next) => done(next, t("console.invoice.paymentRecorded"))}
						/>
					) : (
						<VoidForm
							slug={slug}
							invoice={invoice}
							onCancel={() => setPanel("none")}
							onVoided={(next) => done(next, t("console.invoice.voidedNotice"))}
						/>
					)}
				</Card>
			) : null}
			<div class="est-console-layout">
				<div class="est-main">
					<InvoiceDocument invoice={invoice} from={branding.name} timeZone={tz} idPrefix="inv" />
				</div>
				<aside class="est-side">
					<Card as="section" padding="lg" aria-labelledby="inv-facts">
						<h2 id="inv-facts" class="card-title">
							{t("console.invoice.facts")}
						</h2>
						<Facts invoice={invoice} slug={slug} timeZone={tz} />
					</Card>
				</aside>
			</div>
		</article>
	);
}

/** `/d/:slug/invoices/:id` (`?created=1`, `?shared=1` after the form): one invoice. */
export function InvoicePage({ slug, branding, id = "", query = {} }: ConsoleRouteProps & { id?: string }) {
	const arrivedWith = ARRIVED_WITH.find((k) => query[k] === "1") ?? "";
	return (
		<ConsolePage slug={slug} branding={branding} title={t("console.invoice.heading")}>
			{(context) => <InvoiceView {...context} key={id} id={id} arrivedWith={arrivedWith} />}
		</ConsolePage>
	);
}
