import {
	ArrowLeft,
	BadgeCheck,
	CalendarCheck,
	CalendarPlus,
	CircleX,
	FileDown,
	PenLine,
	ReceiptText,
	Send,
	Users,
} from "lucide";
import { useEffect, useRef, useState } from "preact/hooks";
import { CommentThread, PinnedComments } from "../../shared/estimates/CommentThread";
import { EstimateDocument } from "../../shared/estimates/EstimateDocument";
import { EstimateStatusChip } from "../../shared/estimates/EstimateStatusChip";
import type { AnyEstimate, StaffEstimate } from "../../shared/estimates/estimateTypes";
import { VersionHistory } from "../../shared/estimates/VersionHistory";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString } from "../consoleApi";
import { contactPagePath } from "../customers/customerTypes";
import { jobPagePath } from "../jobs/staffJob";
import { failureMessage } from "../staffAction";
import { ConvertPanel } from "./ConvertPanel";
import {
	estimateRoute,
	replyToEstimate,
	shareEstimate,
	staffEstimatePath,
	staffPdfLink,
} from "./estimateApi";
import "../../portal/portal.css";
import "./console-estimates.css";

/** What the page says after a save or an action; links to the job once converted. */
type Notice = { tone: "ok" | "error"; text: string; job?: { id: string; number: number } } | null;

const ARRIVED_WITH: Record<string, string> = {
	created: "Draft saved. Only your team sees it until you share it.",
	saved: "Saved.",
	shared: "Saved and shared: the customer has an email with a link straight to it.",
};

/** Every line of every version by id, to name the line an old comment is pinned to. */
function lineNames(estimate: AnyEstimate): Map<string, string> {
	const names = new Map<string, string>();
	for (const v of [...estimate.versions].sort((a, b) => a.version - b.version))
		for (const line of v.lines) names.set(line.id, line.description);
	return names;
}

/** Who it went to and which version each of them has opened. */
function Recipients({
	estimate,
	slug,
	timeZone,
}: {
	estimate: StaffEstimate;
	slug: string;
	timeZone: string;
}) {
	if (estimate.recipients.length === 0)
		return (
			<p class="muted">
				Nobody at {estimate.account.name} can decide on it yet: add a contact with the admin or booker role.
			</p>
		);
	return (
		<ul class="est-recipients">
			{estimate.recipients.map((r) => {
				const seen = estimate.seenBy.find((s) => s.contactId === r.contactId);
				return (
					<li key={r.contactId}>
						<a href={consolePath(slug, contactPagePath(r.contactId))}>{r.name}</a>
						<span class="muted"> · {r.role}</span>
						<br />
						<span class="muted est-recipient-seen">
							{seen
								? `Opened version ${seen.version} · ${formatDateTime(seen.at, timeZone)}`
								: estimate.sentAt
									? "Not opened yet"
									: "Not sent yet"}
						</span>
					</li>
				);
			})}
		</ul>
	);
}

function Decision({ estimate, timeZone }: { estimate: StaffEstimate; timeZone: string }) {
	const { approval, rejection } = estimate;
	if (approval)
		return (
			<Card
				as="section"
				padding="lg"
				class="est-record-card est-record-approved"
				aria-labelledby="est-approval"
			>
				<h2 id="est-approval" class="card-title">
					<Icon icon={BadgeCheck} size={20} /> Approved
				</h2>
				<dl class="est-record">
					<dt>Signed</dt>
					<dd>{approval.signedName}</dd>
					<dt>By</dt>
					<dd>
						{approval.contact.name} · {approval.contact.email}
					</dd>
					<dt>When</dt>
					<dd>{formatDateTime(approval.approvedAt, timeZone)}</dd>
					<dt>Version</dt>
					<dd>{approval.version}</dd>
					<dt>Total</dt>
					<dd>{formatMoney(approval.totals.totalMinor, estimate.currency)}</dd>
					<dt>Optional items</dt>
					<dd>
						{approval.optionalItemIds.length
							? approval.optionalItemIds
									.map((lineId) => estimate.lines.find((l) => l.id === lineId)?.description ?? lineId)
									.join(", ")
							: "None ticked"}
					</dd>
					{approval.ip ? (
						<>
							<dt>IP address</dt>
							<dd>{approval.ip}</dd>
						</>
					) : null}
					<dt>SHA-256</dt>
					<dd>
						<code class="est-hash">{approval.contentSha256}</code>
					</dd>
				</dl>
			</Card>
		);
	if (rejection)
		return (
			<Card
				as="section"
				padding="lg"
				class="est-record-card est-record-rejected"
				aria-labelledby="est-rejection"
			>
				<h2 id="est-rejection" class="card-title">
					<Icon icon={CircleX} size={20} /> Rejected
				</h2>
				<p class="muted">
					{rejection.by} · {formatDateTime(rejection.at, timeZone)}
				</p>
				<blockquote class="est-reason">{rejection.reason}</blockquote>
			</Card>
		);
	return null;
}

function EstimateView({
	slug,
	branding,
	id,
	arrivedWith,
}: ConsoleContext & { id: string; arrivedWith: string }) {
	const { state, reload, replace } = useResource<StaffEstimate>(staffEstimatePath(slug, id));
	const estimate = "data" in state ? state.data : undefined;
	const [notice, setNotice] = useState<Notice>(
		ARRIVED_WITH[arrivedWith] ? { tone: "ok", text: ARRIVED_WITH[arrivedWith] } : null,
	);
	const [sharing, setSharing] = useState(false);
	const [converting, setConverting] = useState(false);
	const [pinned, setPinned] = useState("");
	const noticeRef = useRef<HTMLDivElement>(null);
	const tz = branding.timezone;

	useEffect(() => {
		if (notice) noticeRef.current?.focus();
	}, [notice]);

	const back = (
		<a class="link-target back-link" href={consolePath(slug, "/estimates")}>
			<Icon icon={ArrowLeft} size={16} />
			All estimates
		</a>
	);
	if (state.status === "not_found")
		return (
			<>
				<PageHeader back={back} title="Estimate not found" />
				<EmptyState
					icon={CircleX}
					title="There is no such estimate here"
					action={
						<Button variant="secondary" href={consolePath(slug, "/estimates")}>
							See all estimates
						</Button>
					}
				>
					<p>It may belong to another company, or the link is mistyped.</p>
				</EmptyState>
			</>
		);
	if (state.status === "error" && !estimate)
		return (
			<>
				<PageHeader back={back} title="Estimate" />
				<ErrorState
					title="We couldn't load this estimate"
					message={state.message}
					onRetry={() => void reload()}
				/>
			</>
		);
	if (!estimate)
		return (
			<SkeletonBlock label="Loading the estimate…">
				<Skeleton width="16rem" height="2.25rem" />
				<div class="est-console-layout">
					<Skeleton height="28rem" class="skeleton-panel" />
					<SkeletonCard />
				</div>
			</SkeletonBlock>
		);

	const decided = estimate.status === "approved" || estimate.status === "booked";
	const canShare = ["draft", "sent", "changes_requested"].includes(estimate.status);
	const selected = new Set(estimate.approval?.optionalItemIds ?? []);

	const share = async () => {
		setSharing(true);
		try {
			replace(await shareEstimate(slug, estimate.id));
			const to = estimate.recipients.map((r) => r.name).join(", ");
			setNotice({
				tone: "ok",
				text: to
					? `Shared: ${to} ${estimate.recipients.length === 1 ? "has" : "have"} an email with a link to it.`
					: "Shared.",
			});
		} catch (err) {
			setNotice({ tone: "error", text: failureMessage(err) });
		} finally {
			setSharing(false);
		}
	};

	const reply = async (body: string, lineItemId: string | undefined) => {
		await replyToEstimate(slug, estimate.id, body, lineItemId);
		await reload();
	};

	return (
		<article class="est-page">
			<PageHeader
				back={back}
				title={`Estimate #${estimate.number}`}
				badge={<EstimateStatusChip status={estimate.status} audience="staff" />}
				description={`${estimate.title} · ${[estimate.account.name, estimate.contact?.name].filter(Boolean).join(", ")}`}
				actions={
					<>
						{decided ? null : (
							<Button
								variant="secondary"
								icon={PenLine}
								href={consolePath(slug, estimateRoute(estimate.id, "/edit"))}
							>
								Revise
							</Button>
						)}
						{canShare ? (
							<Button
								variant={estimate.status === "draft" ? "primary" : "secondary"}
								icon={Send}
								disabled={sharing}
								onClick={() => void share()}
							>
								{sharing ? "Sharing…" : estimate.status === "draft" ? "Share with customer" : "Send again"}
							</Button>
						) : null}
						{estimate.status === "approved" && !estimate.jobId && !converting ? (
							<Button icon={CalendarPlus} onClick={() => setConverting(true)}>
								Convert to job
							</Button>
						) : null}
						{estimate.jobId ? (
							<Button icon={CalendarCheck} href={consolePath(slug, jobPagePath(estimate.jobId))}>
								Job #{estimate.jobNumber}
							</Button>
						) : null}
						{decided ? (
							<Button
								variant="secondary"
								icon={ReceiptText}
								href={consolePath(
									slug,
									`/invoices/new${queryString(estimate.jobId ? { job: estimate.jobId } : { estimate: estimate.id })}`,
								)}
							>
								{t("console.invoice.createFromEstimate")}
							</Button>
						) : null}
						<Button variant="ghost" icon={FileDown} {...staffPdfLink(slug, estimate, estimate.version)}>
							PDF
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
					<p>
						{notice.text}{" "}
						{notice.job ? (
							<a href={consolePath(slug, jobPagePath(notice.job.id))}>Open job #{notice.job.number}</a>
						) : null}
					</p>
				</div>
			) : null}
			{converting ? (
				<ConvertPanel
					slug={slug}
					branding={branding}
					estimateId={estimate.id}
					number={estimate.number}
					onClose={() => setConverting(false)}
					onConverted={(job) => {
						setConverting(false);
						setNotice({
							tone: "ok",
							text: `Job #${job.number} created in the Unassigned lane.`,
							job: { id: job.id, number: job.number },
						});
						void reload();
					}}
				/>
			) : null}
			<div class="est-console-layout">
				<div class="est-main">
					<EstimateDocument
						estimate={estimate}
						from={branding.name}
						timeZone={tz}
						selected={selected}
						renderExtra={(line) => <PinnedComments comments={estimate.comments} lineId={line.id} />}
						idPrefix="est"
					/>
					<Card as="section" padding="lg" aria-labelledby="est-thread-heading">
						<h2 id="est-thread-heading" class="card-title">
							Conversation
						</h2>
						<p class="est-section-hint">
							Change requests and questions from the customer, and your answers. The customer sees every
							message here.
						</p>
						<CommentThread
							comments={estimate.comments}
							lineNames={lineNames(estimate)}
							timeZone={tz}
							idPrefix="est"
							compose={{
								label: "Your reply",
								submitLabel: "Send reply",
								lines: estimate.lines,
								pinned,
								onPin: setPinned,
								onPost: reply,
							}}
						/>
					</Card>
				</div>
				<aside class="est-side">
					<Decision estimate={estimate} timeZone={tz} />
					<Card as="section" padding="lg" aria-labelledby="est-recipients">
						<h2 id="est-recipients" class="card-title">
							<Icon icon={Users} size={18} /> Who decides
						</h2>
						<Recipients estimate={estimate} slug={slug} timeZone={tz} />
						{estimate.quoteRequestId ? (
							<p class="est-linked">
								Answers a <a href={consolePath(slug, "/estimates/requests")}>quote request</a>.
							</p>
						) : null}
					</Card>
					<Card as="section" padding="lg" aria-labelledby="est-versions">
						<h2 id="est-versions" class="card-title">
							Versions
						</h2>
						<VersionHistory
							versions={estimate.versions}
							current={estimate.version}
							currency={estimate.currency}
							timeZone={tz}
							pdfLink={(v) => staffPdfLink(slug, estimate, v)}
							idPrefix="est"
						/>
					</Card>
					<Card as="section" padding="lg" aria-labelledby="est-activity">
						<h2 id="est-activity" class="card-title">
							Activity
						</h2>
						<ol class="timeline">
							{[...estimate.activity]
								.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
								.map((a, i) => (
									<li key={`${a.at}-${i}`} class="timeline-entry">
										<time dateTime={a.at}>{formatDateTime(a.at, tz)}</time>
										<span class="timeline-message">{a.message}</span>
										{a.actor ? <span class="muted"> — {a.actor}</span> : null}
									</li>
								))}
						</ol>
					</Card>
				</aside>
			</div>
		</article>
	);
}

/** `/d/:slug/estimates/:id` (`?created=1`, `?saved=1`, `?shared=1` after a save): one estimate. */
export function EstimatePage({ slug, branding, id = "", query = {} }: ConsoleRouteProps & { id?: string }) {
	const arrivedWith = Object.keys(ARRIVED_WITH).find((k) => query[k] === "1") ?? "";
	return (
		<ConsolePage slug={slug} branding={branding} title="Estimate">
			{(context) => <EstimateView {...context} key={id} id={id} arrivedWith={arrivedWith} />}
		</ConsolePage>
	);
}
