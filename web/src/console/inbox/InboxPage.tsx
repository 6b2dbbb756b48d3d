import { useEffect, useRef, useState } from "preact/hooks";
import type { z } from "zod";
import type { InboxPageSchema } from "../../../../workers/contracts/staff-activity";
import { apiFetch } from "../../shared/api";
import { formatDateTime } from "../../shared/tenantTime";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, sendJson, staffPath } from "../consoleApi";
import { failureMessage } from "../staffAction";

/** A page of `GET /api/d/:slug/inbox`. */
type AlertPage = z.infer<typeof InboxPageSchema>;
type Alert = AlertPage["items"][number];

const KIND_LABEL: Record<Alert["kind"], string> = {
	customer_booking: "Customer booking",
	customer_note: "Note added",
	customer_photo: "Photo added",
	estimate_approved: "Estimate approved",
	estimate_changes_requested: "Changes requested",
	estimate_rejected: "Estimate rejected",
	estimate_update_requested: "Updated estimate asked for",
	quote_request: "Quote request",
	invoice_paid: "Invoice paid",
};

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
			<div class="page-head">
				<h1>Inbox</h1>
				<button
					type="button"
					class="button-secondary"
					disabled={pending !== null || unread === 0}
					onClick={() => void markRead("all")}
				>
					Mark all read
				</button>
			</div>
			<p>{unread === 0 ? "Nothing unread." : `${unread} unread ${unread === 1 ? "alert" : "alerts"}.`}</p>
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
			<p class="notice-live" role="status">
				{status}
			</p>
			{error || state.status === "error" ? (
				<p class="notice notice-error" role="alert">
					{error ?? (state.status === "error" ? state.message : "")}
				</p>
			) : null}
			{!page ? (
				<p class="muted" aria-busy="true">
					Loading the inbox…
				</p>
			) : page.items.length === 0 ? (
				<p class="empty-state">{unreadOnly ? "No unread alerts." : "No alerts yet."}</p>
			) : (
				<ul class="plain-list inbox-list">
					{page.items.map((alert) => (
						<li key={alert.id} class={`panel inbox-alert${alert.readAt ? "" : " inbox-unread"}`}>
							<div class="page-head">
								<h2 class="inbox-title">
									{alert.jobId ? (
										<a href={consolePath(slug, `/jobs/${encodeURIComponent(alert.jobId)}`)}>{alert.title}</a>
									) : (
										alert.title
									)}
								</h2>
								<span class="tag tag-neutral">{KIND_LABEL[alert.kind] ?? alert.kind}</span>
								{alert.readAt ? null : <span class="tag tag-blocked">Unread</span>}
							</div>
							{alert.body ? <p class="inbox-body">{alert.body}</p> : null}
							<p class="muted">{formatDateTime(alert.createdAt, branding.timezone)}</p>
							{alert.readAt ? null : (
								<button
									type="button"
									class="button-secondary button-small"
									disabled={pending !== null}
									onClick={() => void markRead(alert)}
								>
									Mark read<span class="visually-hidden">: {alert.title}</span>
								</button>
							)}
						</li>
					))}
				</ul>
			)}
			{page?.nextCursor ? (
				<button type="button" class="button-secondary" onClick={() => void loadMore()}>
					Show older alerts
				</button>
			) : null}
		</>
	);
}

/** `/d/:slug/inbox` (`?unread=1` for unread only): what customers did that dispatchers should see. */
export function InboxPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	const unreadOnly = query.unread === "1";
	return (
		<ConsolePage slug={slug} branding={branding} title="Inbox">
			{(context) => <Inbox {...context} key={String(unreadOnly)} unreadOnly={unreadOnly} />}
		</ConsolePage>
	);
}
