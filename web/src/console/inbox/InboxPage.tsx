import {
	BadgeCheck,
	Banknote,
	Bell,
	CalendarClock,
	CalendarCog,
	CalendarPlus,
	CalendarX,
	Camera,
	Check,
	CheckCheck,
	CircleX,
	FilePlus,
	type IconNode,
	Inbox as InboxIcon,
	MessageSquare,
	RefreshCw,
	ThumbsDown,
} from "lucide";
import { useEffect, useRef, useState } from "preact/hooks";
import type { z } from "zod";
import type { InboxPageSchema } from "../../../../workers/contracts/staff-activity";
import { apiFetch } from "../../shared/api";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, sendJson, staffPath } from "../consoleApi";
import { ListSkeleton } from "../ListSkeleton";
import { failureMessage } from "../staffAction";
import { Tag } from "../Tag";

/** A page of `GET /api/d/:slug/inbox`. */
type AlertPage = z.infer<typeof InboxPageSchema>;
type Alert = AlertPage["items"][number];

const KIND_LABEL: Record<Alert["kind"], string> = {
	customer_booking: "Customer booking",
	customer_note: "Note added",
	customer_photo: "Photo added",
	customer_cancelled: "Cancelled by customer",
	customer_changed: "Changed by customer",
	customer_change_request: "Change requested",
	estimate_approved: "Estimate approved",
	estimate_changes_requested: "Changes requested",
	estimate_rejected: "Estimate rejected",
	estimate_update_requested: "Updated estimate asked for",
	quote_request: "Quote request",
	invoice_paid: "Invoice paid",
	payment_received: "Payment received",
	survey_low_score: "Low survey score",
};

/** The page an alert is about: its invoice, its estimate, its job, or the quote requests; "" when none. */
function alertHref(alert: Alert): string {
	if (alert.invoiceId) return `/invoices/${encodeURIComponent(alert.invoiceId)}`;
	if (alert.estimateId) return `/estimates/${encodeURIComponent(alert.estimateId)}`;
	if (alert.jobId) return `/jobs/${encodeURIComponent(alert.jobId)}`;
	if (alert.kind === "quote_request") return "/estimates/requests";
	return "";
}

function Inbox({ slug, branding, feed, unreadOnly }: ConsoleContext & { unreadOnly: boolean }) {
	const path = staffPath(slug, `/inbox${queryString({ unread: unreadOnly ? "true" : undefined })}`);
	const { state, reload, replace } = useResource<AlertPage>(path);
	const [pending, setPending] = useState<string | null>(null);
	const [error, setError] = useState<string>();
	const [status, setStatus] = useState("");
	const unread = feed.unread.value;
	const seenUnread = useRef(unread);
	const page = "data" in state ? state.data : undefined;

	// A new alert arrived over the board socket: show it without a reload.
	useEffect(() => {
		if (unread > seenUnread.current) void reload();
		seenUnread.current = unread;
	}, [unread, reload]);

	async function markRead(target: Alert | "all") {
		const key = target === "all" ? "all" : target.id;
		setPending(key);
		setError(undefined);
		try {
			await sendJson(
				slug,
				target === "all" ? "/inbox/read-all" : `/inbox/${encodeURIComponent(target.id)}/read`,
				"POST",
			);
			if (page) {
				const now = new Date().toISOString();
				const items = page.items
					.map((a) => (target === "all" || a.id === target.id ? { ...a, readAt: a.readAt ?? now } : a))
					.filter((a) => !unreadOnly || !a.readAt);
				replace({ ...page, items });
			}
			setStatus(target === "all" ? "All alerts marked read." : `Marked read: ${target.title}`);
		} catch (err) {
			setError(failureMessage(err));
		} finally {
			setPending(null);
		}
	}

	async function loadMore() {
		if (!page?.nextCursor) return;
		try {
			const next = await apiFetch<AlertPage>(
				staffPath(
					slug,
					`/inbox${queryString({ unread: unreadOnly ? "true" : undefined, cursor: page.nextCursor })}`,
				),
			);
			replace({ ...next, items: [...page.items, ...next.items] });
		} catch (err) {
			setError(failureMessage(err));
		}
	}

	return (
		<>
			<PageHeader
				title="Inbox"
				description="What customers did that you should see: bookings, notes and photos."
				actions={
					<Button
						variant="secondary"
						icon={CheckCheck}
						disabled={pending !== null || unread === 0}
						onClick={() => void markRead("all")}
					>
						Mark all read
					</Button>
				}
			/>
			<div class="inbox-toolbar">
				<ul class="filter-tabs">
					<li>
						<a href={consolePath(slug, "/inbox")} aria-current={unreadOnly ? undefined : "page"}>
							All
						</a>
					</li>
					<li>
						<a href={consolePath(slug, "/inbox?unread=1")} aria-current={unreadOnly ? "page" : undefined}>
							Unread
						</a>
					</li>
				</ul>
				<p class="inbox-summary">
					{unread === 0 ? "Nothing unread." : `${unread} unread ${unread === 1 ? "alert" : "alerts"}.`}
				</p>
			</div>
			<p class="notice-live" role="status">
				{status}
			</p>
			{error || (state.status === "error" && page) ? (
				<p class="notice notice-error" role="alert">
					{error ?? (state.status === "error" ? state.message : "")}
				</p>
			) : null}
			{state.status === "error" && !page ? (
				<ErrorState
					title="We couldn't load the inbox"
					message={state.message}
					onRetry={() => void reload()}
				/>
			) : !page ? (
				<ListSkeleton label="Loading the inbox…" />
			) : page.items.length === 0 ? (
				unreadOnly ? (
					<EmptyState
						icon={CheckCheck}
						title="You're all caught up"
						action={
							<Button variant="secondary" href={consolePath(slug, "/inbox")}>
								Show all alerts
							</Button>
						}
					>
						<p>
							No unread alerts. New bookings, notes and photos from customers show up here as they arrive.
						</p>
					</EmptyState>
				) : (
					<EmptyState icon={InboxIcon} title="No alerts yet">
						<p>
							When a customer books in the portal, or adds a note or photo to a job, it shows up here and on
							the board's Inbox count.
						</p>
					</EmptyState>
				)
			) : (
				<ul class="plain-list inbox-list">
					{page.items.map((alert) => (
						<li key={alert.id} class={`inbox-alert${alert.readAt ? " inbox-read" : " inbox-unread"}`}>
							<span class="inbox-icon" aria-hidden="true">
								<Icon icon={KIND_ICON[alert.kind] ?? Bell} size={20} />
							</span>
							<div class="inbox-content">
								<div class="inbox-head">
									<h2 class="inbox-title">
										{alertHref(alert) ? (
											<a href={consolePath(slug, alertHref(alert))}>{alert.title}</a>
										) : (
											alert.title
										)}
									</h2>
									<Tag tone="neutral">{KIND_LABEL[alert.kind] ?? alert.kind}</Tag>
									{alert.readAt ? null : <Tag tone="brand">Unread</Tag>}
								</div>
								{alert.body ? <p class="inbox-body">{alert.body}</p> : null}
								<p class="inbox-time">{formatDateTime(alert.createdAt, branding.timezone)}</p>
							</div>
							{alert.readAt ? null : (
								<div class="inbox-mark">
									<button
										type="button"
										class="ui-button ui-button-secondary ui-button-sm"
										disabled={pending !== null}
										onClick={() => void markRead(alert)}
									>
										<Icon icon={Check} size={16} />
										<span>
											Mark read<span class="visually-hidden">: {alert.title}</span>
										</span>
									</button>
								</div>
							)}
						</li>
					))}
				</ul>
			)}
			{page?.nextCursor ? (
				<div>
					<Button variant="secondary" onClick={() => void loadMore()}>
						Show older alerts
					</Button>
				</div>
			) : null}
		</>
	);
}

const KIND_ICON: Record<Alert["kind"], IconNode> = {
	customer_booking: CalendarPlus,
	customer_note: MessageSquare,
	customer_photo: Camera,
	customer_cancelled: CalendarX,
	customer_changed: CalendarCog,
	customer_change_request: CalendarClock,
	estimate_approved: BadgeCheck,
	estimate_changes_requested: MessageSquare,
	estimate_rejected: CircleX,
	estimate_update_requested: RefreshCw,
	invoice_paid: Banknote,
	payment_received: Banknote,
	quote_request: FilePlus,
	survey_low_score: ThumbsDown,
};

/** `/d/:slug/inbox` (`?unread=1` for unread only): what customers did that dispatchers should see. */
export function InboxPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	const unreadOnly = query.unread === "1";
	return (
		<ConsolePage slug={slug} branding={branding} title="Inbox">
			{(context) => <Inbox {...context} key={String(unreadOnly)} unreadOnly={unreadOnly} />}
		</ConsolePage>
	);
}
