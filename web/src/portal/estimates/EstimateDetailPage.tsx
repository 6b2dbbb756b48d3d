import { ArrowLeft, FileDown, History, MessageSquarePlus, SearchX } from "lucide";
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError } from "../../shared/api";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { ChangeList, hasChanges, lineMarks } from "../../shared/estimates/ChangeList";
import { CommentThread, commentBoxId, PinnedComments } from "../../shared/estimates/CommentThread";
import { EstimateDocument } from "../../shared/estimates/EstimateDocument";
import { EstimateStatusChip } from "../../shared/estimates/EstimateStatusChip";
import type { ChangeSummary, CustomerEstimate, EstimateLine } from "../../shared/estimates/estimateTypes";
import { liveTotals } from "../../shared/estimates/liveTotals";
import { VersionHistory } from "../../shared/estimates/VersionHistory";
import { t } from "../../shared/i18n/i18n";
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
import { DecisionPanel } from "./DecisionPanel";
import {
	approveEstimate,
	commentOnEstimate,
	estimateApiPath,
	estimatePdfLink,
	isCustomerEstimate,
	rejectEstimate,
	requestUpdatedEstimate,
} from "./estimateApi";
import "./portal-estimates.css";

type Notice = { tone: "ok" | "warning"; text: string } | null;

type Props = { slug: string; branding: Branding; me: Me; id: string };

/** Every line of every version by id, to name the line an old comment is pinned to. */
function lineNames(estimate: CustomerEstimate): Map<string, string> {
	const names = new Map<string, string>();
	for (const v of [...estimate.versions].sort((a, b) => a.version - b.version))
		for (const line of v.lines) names.set(line.id, line.description);
	return names;
}

function EstimateView({ slug, branding, me, id }: Props) {
	const { state, reload, replace } = useResource<CustomerEstimate>(estimateApiPath(slug, id));
	const estimate = "data" in state ? state.data : undefined;
	const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
	const [pinned, setPinned] = useState("");
	const [notice, setNotice] = useState<Notice>(null);
	const noticeRef = useRef<HTMLDivElement>(null);
	// What changed since the customer last looked, as the first read said: reading marks the version
	// seen, so later reads (after a comment) would say nothing changed.
	const [sinceLastLook, setSinceLastLook] = useState<{ from: number; changes: ChangeSummary } | null>(null);
	const version = estimate?.version;
	const keyFor = useRef<{ version: number; key: string } | null>(null);

	useEffect(() => {
		if (!estimate) return;
		if (
			estimate.changesSinceLastSeen &&
			estimate.lastSeenVersion !== null &&
			hasChanges(estimate.changesSinceLastSeen)
		)
			setSinceLastLook({ from: estimate.lastSeenVersion, changes: estimate.changesSinceLastSeen });
		// The ticks follow the approval once there is one; a new version starts with none ticked.
		setSelected(new Set(estimate.approval?.optionalItemIds ?? []));
	}, [estimate?.id, version, estimate?.approval?.approvedAt]);

	useEffect(() => {
		if (notice) noticeRef.current?.focus();
	}, [notice]);

	const marks = useMemo(() => lineMarks(sinceLastLook?.changes), [sinceLastLook]);
	const backLink = (
		<a class="link-target back-link" href={portalPath(slug, "/estimates")}>
			<Icon icon={ArrowLeft} size={16} />
			{t("portal.estimate.back")}
		</a>
	);

	if (state.status === "not_found") {
		return (
			<>
				<PageHeader back={backLink} title={t("portal.estimate.notFound")} />
				<EmptyState
					icon={SearchX}
					title={t("portal.estimate.notFoundHeading")}
					action={
						<Button variant="secondary" href={portalPath(slug, "/estimates")}>
							{t("portal.estimates.seeAll")}
						</Button>
					}
				>
					<p>{t("portal.estimate.notFoundBody")}</p>
				</EmptyState>
			</>
		);
	}
	if (state.status === "error" && !estimate) {
		return (
			<>
				<PageHeader back={backLink} title={t("portal.estimate.heading")} />
				<ErrorState
					title={t("portal.estimate.loadFailed")}
					message={state.message}
					onRetry={() => void reload()}
				/>
			</>
		);
	}
	if (!estimate) return <EstimateSkeleton back={backLink} />;

	const open = estimate.status === "sent" || estimate.status === "changes_requested";
	const mayTick = open && estimate.canDecide;
	const totals = liveTotals(
		estimate.lines,
		{ discountMinor: estimate.discountMinor, taxRateBps: estimate.taxRateBps },
		selected,
	);

	/** The answer of an action, shown at once when it is the estimate, read again otherwise. */
	async function show(answer: unknown) {
		if (isCustomerEstimate(answer)) replace(answer);
		else await reload();
	}

	function idempotencyKey(v: number): string {
		if (keyFor.current?.version !== v) keyFor.current = { version: v, key: crypto.randomUUID() };
		return keyFor.current.key;
	}

	const approve = async (signedName: string) => {
		const answer = await approveEstimate(
			slug,
			id,
			{ version: estimate.version, signedName, optionalItemIds: [...selected] },
			idempotencyKey(estimate.version),
		);
		await show(answer);
		setNotice({ tone: "ok", text: t("portal.estimate.notice.approved", { tenant: branding.name }) });
	};

	function approveRefused(err: unknown): boolean {
		if (!(err instanceof ApiError)) return false;
		if (err.code === "version_changed") {
			void reload();
			setNotice({ tone: "warning", text: t("portal.estimate.notice.versionChanged") });
			return true;
		}
		if (err.status === 410 || err.code === "expired") {
			void reload();
			setNotice({ tone: "warning", text: t("portal.estimate.notice.expired") });
			return true;
		}
		return false;
	}

	async function reject(reason: string) {
		await show(await rejectEstimate(slug, id, reason));
		setNotice({ tone: "ok", text: t("portal.estimate.notice.rejected", { tenant: branding.name }) });
	}

	async function comment(body: string, lineItemId: string | undefined) {
		await show(await commentOnEstimate(slug, id, body, lineItemId));
		setNotice({ tone: "ok", text: t("portal.estimate.notice.commented", { tenant: branding.name }) });
	}

	async function requestUpdate() {
		await show(await requestUpdatedEstimate(slug, id));
	}

	function goToComment(lineId: string) {
		setPinned(lineId);
		const box = document.getElementById(commentBoxId("est"));
		box?.scrollIntoView({ block: "center", behavior: "smooth" });
		box?.focus({ preventScroll: true });
	}

	const lineExtra = (line: EstimateLine): ComponentChildren => (
		<>
			<PinnedComments comments={estimate.comments} lineId={line.id} />
			{estimate.canDecide ? (
				<button
					type="button"
					class="est-line-action"
					aria-label={t("portal.estimate.commentOnLineNamed", { line: line.description })}
					onClick={() => goToComment(line.id)}
				>
					<Icon icon={MessageSquarePlus} size={14} />
					<span>{t("portal.estimate.commentOnLine")}</span>
				</button>
			) : null}
		</>
	);

	return (
		<article class="est-page">
			<PageHeader
				back={backLink}
				title={t("estimate.title", { number: estimate.number })}
				badge={<EstimateStatusChip status={estimate.status} audience="customer" />}
				description={estimate.title}
				actions={
					<Button variant="secondary" icon={FileDown} {...estimatePdfLink(slug, estimate, estimate.version)}>
						{t("portal.estimate.pdf")}
					</Button>
				}
			/>
			{notice ? (
				<div
					ref={noticeRef}
					tabIndex={-1}
					class={
						notice.tone === "ok" ? "notice notice-ok est-notice" : "notice est-notice est-notice-warning"
					}
					role={notice.tone === "ok" ? "status" : "alert"}
				>
					<p>{notice.text}</p>
				</div>
			) : null}
			{sinceLastLook ? (
				<Card as="section" class="est-since" aria-labelledby="est-since-heading">
					<div class="est-since-head">
						<span class="est-since-icon">
							<Icon icon={History} size={20} />
						</span>
						<div>
							<h2 id="est-since-heading">{t("portal.estimate.since.heading")}</h2>
							<p>{t("portal.estimate.since.versions", { from: sinceLastLook.from, to: estimate.version })}</p>
						</div>
					</div>
					<ChangeList changes={sinceLastLook.changes} currency={estimate.currency} />
				</Card>
			) : null}
			<div class="est-layout">
				<div class="est-main">
					<EstimateDocument
						estimate={estimate}
						from={branding.name}
						timeZone={branding.timezone}
						selected={selected}
						onToggle={
							mayTick
								? (lineId, on) =>
										setSelected((s) => {
											const next = new Set(s);
											if (on) next.add(lineId);
											else next.delete(lineId);
											return next;
										})
								: undefined
						}
						marks={marks}
						renderExtra={lineExtra}
						idPrefix="est"
					/>
				</div>
				<aside class="est-side">
					<DecisionPanel
						slug={slug}
						estimate={estimate}
						me={me}
						tenantName={branding.name}
						timeZone={branding.timezone}
						totals={totals}
						onApprove={approve}
						onApproveRefused={approveRefused}
						onReject={reject}
						onRequestChanges={() => goToComment(pinned)}
						onRequestUpdate={requestUpdate}
					/>
				</aside>
				<Card as="section" padding="lg" class="est-conversation" aria-labelledby="est-thread-heading">
					<h2 id="est-thread-heading" class="card-title">
						{t("portal.estimate.thread.heading")}
					</h2>
					<p class="est-section-hint">{t("portal.estimate.thread.hint", { tenant: branding.name })}</p>
					<CommentThread
						comments={estimate.comments}
						lineNames={lineNames(estimate)}
						timeZone={branding.timezone}
						idPrefix="est"
						compose={
							estimate.canDecide
								? {
										label: t("portal.estimate.thread.label"),
										hint: t("portal.estimate.thread.boxHint"),
										submitLabel: t("portal.estimate.thread.submit"),
										lines: estimate.lines,
										pinned,
										onPin: setPinned,
										onPost: comment,
									}
								: undefined
						}
					/>
				</Card>
				<Card as="section" padding="lg" class="est-history" aria-labelledby="est-history-heading">
					<h2 id="est-history-heading" class="card-title">
						{t("portal.estimate.versions.heading")}
					</h2>
					<VersionHistory
						versions={estimate.versions}
						current={estimate.version}
						currency={estimate.currency}
						timeZone={branding.timezone}
						pdfLink={(v) => estimatePdfLink(slug, estimate, v)}
						lastSeenVersion={sinceLastLook?.from ?? null}
						idPrefix="est"
					/>
				</Card>
			</div>
		</article>
	);
}

/** The page's shape while the estimate loads: header, the document and the decision beside it. */
function EstimateSkeleton({ back }: { back: ComponentChildren }) {
	return (
		<SkeletonBlock label={t("portal.estimate.loading")}>
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

/** `/c/:slug/estimates/:id`: one estimate, to read, tick, approve, decline or discuss. */
export function EstimateDetailPage({ slug, branding, id = "" }: PortalRouteProps & { id?: string }) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => <EstimateView key={id} slug={slug} branding={branding} me={me} id={id} />}
		</PortalPage>
	);
}
