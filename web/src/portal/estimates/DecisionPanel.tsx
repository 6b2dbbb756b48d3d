import {
	BadgeCheck,
	CalendarCheck,
	CircleX,
	Lock,
	MessagesSquare,
	RefreshCw,
	ShieldCheck,
	TimerOff,
} from "lucide";
import type { ComponentChildren, TargetedSubmitEvent } from "preact";
import { useId, useState } from "preact/hooks";
import type { Me } from "../../shared/auth/session";
import type { CustomerEstimate } from "../../shared/estimates/estimateTypes";
import type { EstimateTotals } from "../../shared/estimates/liveTotals";
import { FormError, TextAreaField, TextField } from "../../shared/fields";
import { errorText } from "../../shared/i18n/errors";
import { formatMoney } from "../../shared/i18n/format";
import { t } from "../../shared/i18n/i18n";
import { formatCalendarDay, formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { Icon } from "../../shared/ui/Icon";
import { useApiForm } from "../../shared/useApiForm";
import { canBook, portalPath } from "../customerApi";

type Props = {
	slug: string;
	estimate: CustomerEstimate;
	me: Me;
	tenantName: string;
	timeZone: string;
	/** The total with the optional lines ticked now. */
	totals: EstimateTotals;
	/** Approves the version shown with the ticked lines; throws ApiError (409 `version_changed`, 410 `expired`). */
	onApprove: (signedName: string) => Promise<void>;
	onReject: (reason: string) => Promise<void>;
	/** Moves to the thread's box, to ask for a change. */
	onRequestChanges: () => void;
	onRequestUpdate: () => Promise<void>;
	/** The approval refused with 409/410: the page has reloaded and says why. */
	onApproveRefused: (err: unknown) => boolean;
};

function ApproveForm({ estimate, totals, onApprove, onApproveRefused }: Props) {
	const id = useId();
	const [name, setName] = useState("");
	const form = useApiForm<"signedName">((field) => (field === "signedName" ? field : undefined));
	async function approve(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!name.trim()) {
			form.showErrors({ signedName: t("portal.estimate.approve.nameRequired") });
			return;
		}
		await form.submit(() => onApprove(name.trim()), onApproveRefused);
	}
	return (
		<form ref={form.formRef} class="est-approve" noValidate onSubmit={approve}>
			<TextField
				id={`${id}-name`}
				label={t("portal.estimate.approve.nameLabel")}
				hint={t("portal.estimate.approve.nameHint")}
				type="text"
				autocomplete="name"
				maxLength={200}
				readOnly={form.submitting}
				value={name}
				onInput={(e) => setName(e.currentTarget.value)}
				error={form.errors.signedName}
			/>
			<FormError message={form.formError} />
			<Button type="submit" icon={BadgeCheck} wide disabled={form.submitting}>
				{form.submitting
					? t("portal.estimate.approve.sending")
					: t("portal.estimate.approve.submit", { total: formatMoney(totals.totalMinor, estimate.currency) })}
			</Button>
			<p class="est-approve-legal">
				<Icon icon={ShieldCheck} size={14} />
				<span>{t("portal.estimate.approve.legal", { version: estimate.version })}</span>
			</p>
		</form>
	);
}

function RejectForm({
	onReject,
	onClose,
}: {
	onReject: (reason: string) => Promise<void>;
	onClose: () => void;
}) {
	const id = useId();
	const [reason, setReason] = useState("");
	const form = useApiForm<"reason">((field) => (field === "reason" ? field : undefined));
	async function reject(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!reason.trim()) {
			form.showErrors({ reason: t("portal.estimate.reject.reasonRequired") });
			return;
		}
		await form.submit(() => onReject(reason.trim()));
	}
	return (
		<form ref={form.formRef} class="est-reject" noValidate onSubmit={reject}>
			<TextAreaField
				id={`${id}-reason`}
				label={t("portal.estimate.reject.reasonLabel")}
				hint={t("portal.estimate.reject.reasonHint")}
				rows={3}
				maxLength={1000}
				readOnly={form.submitting}
				value={reason}
				onInput={(e) => setReason(e.currentTarget.value)}
				error={form.errors.reason}
				// The form appears because they asked to decline: the box is where they go next.
				autoFocus
			/>
			<FormError message={form.formError} />
			<div class="est-reject-actions">
				<Button type="submit" variant="danger" icon={CircleX} disabled={form.submitting}>
					{form.submitting ? t("portal.estimate.reject.sending") : t("portal.estimate.reject.submit")}
				</Button>
				<Button variant="ghost" disabled={form.submitting} onClick={onClose}>
					{t("action.cancel")}
				</Button>
			</div>
		</form>
	);
}

/** Why this contact sees no decision buttons. */
function CannotDecide({ me, estimate }: Pick<Props, "me" | "estimate">) {
	return (
		<p class="est-cannot">
			<Icon icon={Lock} size={16} />
			<span>
				{t("portal.estimate.cannotDecide", {
					role: me.role,
					account: me.accountName ?? estimate.account.name,
				})}
			</span>
		</p>
	);
}

function ExpiredPanel({ estimate, me, timeZone, tenantName, onRequestUpdate }: Props) {
	const [pending, setPending] = useState(false);
	const [error, setError] = useState<string>();
	const asked = estimate.updateRequestedAt;
	async function ask() {
		setPending(true);
		setError(undefined);
		try {
			await onRequestUpdate();
		} catch (err) {
			setError(errorText(err));
		} finally {
			setPending(false);
		}
	}
	return (
		<>
			<p class="est-decision-state">
				<Icon icon={TimerOff} size={20} />
				<span>
					{estimate.expiresOn
						? t("portal.estimate.expired.on", { date: formatCalendarDay(estimate.expiresOn) })
						: t("portal.estimate.expired.plain")}
				</span>
			</p>
			{asked ? (
				<p class="notice notice-ok" role="status">
					{t("portal.estimate.expired.asked", { tenant: tenantName, date: formatDateTime(asked, timeZone) })}
				</p>
			) : (
				<>
					<p class="est-decision-hint">{t("portal.estimate.expired.hint", { tenant: tenantName })}</p>
					{canBook(me.role) ? (
						<Button icon={RefreshCw} wide disabled={pending} onClick={() => void ask()}>
							{pending ? t("portal.estimate.expired.asking") : t("portal.estimate.expired.ask")}
						</Button>
					) : null}
					{error ? (
						<p class="field-error" role="alert">
							{error}
						</p>
					) : null}
				</>
			)}
		</>
	);
}

function ApprovalRecord({ slug, estimate, timeZone }: Props) {
	const approval = estimate.approval;
	if (!approval) return null;
	return (
		<>
			<p class="est-decision-state est-decision-approved">
				<Icon icon={BadgeCheck} size={20} />
				<span>
					{t("portal.estimate.approved.by", {
						name: approval.signedName,
						date: formatDateTime(approval.approvedAt, timeZone),
					})}
				</span>
			</p>
			<dl class="est-record">
				<dt>{t("portal.estimate.approved.version")}</dt>
				<dd>{t("estimate.versions.version", { version: approval.version })}</dd>
				<dt>{t("portal.estimate.approved.total")}</dt>
				<dd>{formatMoney(approval.totals.totalMinor, estimate.currency)}</dd>
				<dt>{t("portal.estimate.approved.fingerprint")}</dt>
				<dd>
					<code title={approval.contentSha256}>{approval.contentSha256.slice(0, 16)}…</code>
				</dd>
			</dl>
			{estimate.jobId ? (
				<Button
					variant="secondary"
					icon={CalendarCheck}
					wide
					href={portalPath(slug, `/jobs/${encodeURIComponent(estimate.jobId)}`)}
				>
					{t("portal.estimate.booked.link", { number: estimate.jobNumber ?? 0 })}
				</Button>
			) : (
				<p class="est-decision-hint">{t("portal.estimate.approved.next")}</p>
			)}
		</>
	);
}

/**
 * What the customer can do now, beside the document: approve with their name, decline with a
 * reason, or ask for changes; the record once decided; "ask for an updated estimate" once expired.
 */
export function DecisionPanel(props: Props) {
	const { estimate, me, totals, tenantName, onRequestChanges } = props;
	const [rejecting, setRejecting] = useState(false);
	const open = estimate.status === "sent" || estimate.status === "changes_requested";
	const heading = (
		<div class="est-decision-total">
			<p class="est-decision-label">{t("portal.estimate.decision.total")}</p>
			<p class="est-decision-amount">{formatMoney(totals.totalMinor, estimate.currency)}</p>
			{estimate.expiresOn && open ? (
				<p class="est-decision-hint">
					{t("portal.estimates.validUntil", { date: formatCalendarDay(estimate.expiresOn) })}
				</p>
			) : null}
		</div>
	);
	let body: ComponentChildren;
	if (estimate.status === "approved" || estimate.status === "booked") body = <ApprovalRecord {...props} />;
	else if (estimate.status === "expired") body = <ExpiredPanel {...props} />;
	else if (estimate.status === "rejected")
		body = (
			<>
				<p class="est-decision-state est-decision-rejected">
					<Icon icon={CircleX} size={20} />
					<span>
						{estimate.rejection
							? t("portal.estimate.rejected.by", {
									name: estimate.rejection.by,
									date: formatDateTime(estimate.rejection.at, props.timeZone),
								})
							: t("portal.estimate.rejected.plain")}
					</span>
				</p>
				{estimate.rejection ? <blockquote class="est-reason">{estimate.rejection.reason}</blockquote> : null}
				<p class="est-decision-hint">{t("portal.estimate.rejected.hint", { tenant: tenantName })}</p>
			</>
		);
	else if (!estimate.canDecide) body = <CannotDecide me={me} estimate={estimate} />;
	else
		body = (
			<>
				{estimate.status === "changes_requested" ? (
					<p class="est-decision-hint">
						{t("portal.estimate.decision.changesAsked", { tenant: tenantName })}
					</p>
				) : null}
				<ApproveForm {...props} />
				<div class="est-decision-more">
					<Button variant="secondary" icon={MessagesSquare} onClick={onRequestChanges}>
						{t("portal.estimate.decision.requestChanges")}
					</Button>
					{rejecting ? null : (
						<Button variant="ghost" icon={CircleX} onClick={() => setRejecting(true)}>
							{t("portal.estimate.decision.reject")}
						</Button>
					)}
				</div>
				{rejecting ? <RejectForm onReject={props.onReject} onClose={() => setRejecting(false)} /> : null}
			</>
		);
	return (
		<Card as="section" padding="lg" class="est-decision" aria-labelledby="est-decision-heading">
			<h2 id="est-decision-heading" class="visually-hidden">
				{t("portal.estimate.decision.heading")}
			</h2>
			{heading}
			{body}
		</Card>
	);
}
