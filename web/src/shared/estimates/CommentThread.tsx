import { MessageSquare, Pin, Send } from "lucide";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { FormError, SelectField, TextAreaField } from "../fields";
import { t } from "../i18n/i18n";
import { formatDateTime } from "../tenantTime";
import { Button } from "../ui/Button";
import { Icon } from "../ui/Icon";
import { useApiForm } from "../useApiForm";
import type { EstimateComment, EstimateLine } from "./estimateTypes";
import "./estimates.css";

const initials = (name: string) =>
	name
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 2)
		.map((part) => part[0]?.toUpperCase())
		.join("");

/** One comment: who, when, on which version and line, and what they said. */
export function CommentItem({
	comment,
	lineName,
	timeZone,
}: {
	comment: EstimateComment;
	lineName: string | undefined;
	timeZone: string;
}) {
	return (
		<li class={`est-comment est-comment-${comment.authorType}`}>
			<span class="est-comment-avatar" aria-hidden="true">
				{initials(comment.authorName)}
			</span>
			<div class="est-comment-bubble">
				<p class="est-comment-head">
					<strong>{comment.authorName}</strong>
					{comment.authorType === "staff" ? (
						<span class="est-comment-role">{t("estimate.thread.staff")}</span>
					) : null}
					<span class="est-comment-when">
						<time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, timeZone)}</time>
						{" · "}
						{t("estimate.thread.onVersion", { version: comment.version })}
					</span>
				</p>
				{comment.lineItemId ? (
					<p class="est-comment-pin">
						<Icon icon={Pin} size={14} />
						<span>{t("estimate.thread.onLine", { line: lineName ?? t("estimate.thread.lineGone") })}</span>
					</p>
				) : null}
				<p class="est-comment-body">{comment.body}</p>
			</div>
		</li>
	);
}

export type Compose = {
	/** The box's label ("Ask for a change", "Reply"). */
	label: string;
	hint?: string;
	submitLabel: string;
	/** The current version's lines, for "About". */
	lines: readonly EstimateLine[];
	/** The line the next comment is pinned to ("" the whole estimate); the page sets it per line too. */
	pinned: string;
	onPin: (lineId: string) => void;
	/** Sends it; throws ApiError so the form shows why. */
	onPost: (body: string, lineItemId: string | undefined) => Promise<void>;
};

type Props = {
	comments: readonly EstimateComment[];
	/** Each line id of every version with its description, to name the line a comment is pinned to. */
	lineNames: ReadonlyMap<string, string>;
	timeZone: string;
	idPrefix: string;
	/** Absent: the thread is only read. */
	compose?: Compose;
};

/** The id of the thread's text box, so "Comment on this line" can move there. */
export const commentBoxId = (idPrefix: string) => `${idPrefix}-comment-body`;

/** The conversation about an estimate, oldest first, across versions; and the box to add to it. */
export function CommentThread({ comments, lineNames, timeZone, idPrefix, compose }: Props) {
	const [body, setBody] = useState("");
	const form = useApiForm<"body" | "lineItemId">((field) =>
		field === "body" || field === "lineItemId" ? field : undefined,
	);
	const ordered = [...comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

	async function post(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!compose) return;
		if (!body.trim()) {
			form.showErrors({ body: t("estimate.thread.required") });
			return;
		}
		await form.submit(async () => {
			await compose.onPost(body.trim(), compose.pinned || undefined);
			setBody("");
			compose.onPin("");
		});
	}

	return (
		<div class="est-thread">
			{ordered.length ? (
				<ol class="est-comments">
					{ordered.map((c) => (
						<CommentItem
							key={c.id}
							comment={c}
							lineName={c.lineItemId ? lineNames.get(c.lineItemId) : undefined}
							timeZone={timeZone}
						/>
					))}
				</ol>
			) : (
				<p class="est-thread-empty">{t("estimate.thread.empty")}</p>
			)}
			{compose ? (
				<form ref={form.formRef} class="est-compose" noValidate onSubmit={post}>
					<SelectField
						id={`${idPrefix}-comment-line`}
						label={t("estimate.thread.about")}
						value={compose.pinned}
						disabled={form.submitting}
						onChange={(e) => compose.onPin(e.currentTarget.value)}
						error={form.errors.lineItemId}
					>
						<option value="">{t("estimate.thread.wholeEstimate")}</option>
						{[...compose.lines]
							.sort((a, b) => a.seq - b.seq)
							.map((line) => (
								<option key={line.id} value={line.id}>
									{line.description}
								</option>
							))}
					</SelectField>
					<TextAreaField
						id={commentBoxId(idPrefix)}
						label={compose.label}
						hint={compose.hint}
						rows={3}
						maxLength={2000}
						readOnly={form.submitting}
						value={body}
						onInput={(e) => setBody(e.currentTarget.value)}
						error={form.errors.body}
					/>
					<FormError message={form.formError} />
					<div class="est-compose-actions">
						<Button type="submit" variant="secondary" icon={Send} disabled={form.submitting}>
							{form.submitting ? t("estimate.thread.sending") : compose.submitLabel}
						</Button>
					</div>
				</form>
			) : null}
		</div>
	);
}

/** Under a line: what was said about it, briefly, newest last. */
export function PinnedComments({
	comments,
	lineId,
}: {
	comments: readonly EstimateComment[];
	lineId: string;
}) {
	const pinned = comments
		.filter((c) => c.lineItemId === lineId)
		.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
	if (pinned.length === 0) return null;
	return (
		<ul class="est-pinned" aria-label={t("estimate.thread.pinnedLabel", { count: pinned.length })}>
			{pinned.map((c) => (
				<li key={c.id} class={`est-pinned-item est-pinned-${c.authorType}`}>
					<Icon icon={MessageSquare} size={14} />
					<span>
						<strong>{c.authorName}:</strong> {c.body}
					</span>
				</li>
			))}
		</ul>
	);
}
