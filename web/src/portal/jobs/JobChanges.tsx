import { CalendarClock, CalendarX } from "lucide";
import type { TargetedSubmitEvent } from "preact";
import { useId, useState } from "preact/hooks";
import { FormError, TextAreaField, TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { localDate, localDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { useApiForm } from "../../shared/useApiForm";
import {
	type ChangeOutcome,
	type ChangeRequestBody,
	type CustomerJob,
	cancelBooking,
	changeBooking,
} from "./jobChangesApi";

/** What the customer did, for the page's notice once the panel has closed. */
export type BookingChange = { what: "cancel" | "change"; outcome: ChangeOutcome };

type Props = {
	slug: string;
	job: CustomerJob;
	timeZone: string;
	tenantName: string;
	onDone: (change: BookingChange) => void;
};

type Panel = "none" | "cancel" | "change";

/**
 * "Cancel booking" and "Change time or instructions" while the customer may: before the
 * tenant's cutoff they change the job, after it the same buttons ask the dispatchers.
 */
export function JobChanges(props: Props) {
	const { job, tenantName } = props;
	const [panel, setPanel] = useState<Panel>("none");
	const id = useId();
	if (job.changes === "none") return null;
	const done = (change: BookingChange) => {
		setPanel("none");
		props.onDone(change);
	};
	return (
		<Card as="section" aria-labelledby={`${id}-heading`}>
			<h2 id={`${id}-heading`} class="card-title">
				{t("portal.changes.heading")}
			</h2>
			{job.changes === "request" ? (
				<p class="muted">{t("portal.changes.byRequest", { tenant: tenantName })}</p>
			) : null}
			{panel === "none" ? (
				<div class="job-change-actions">
					<Button variant="secondary" icon={CalendarClock} onClick={() => setPanel("change")}>
						{t("portal.changes.change")}
					</Button>
					<Button variant="danger" icon={CalendarX} onClick={() => setPanel("cancel")}>
						{t("portal.changes.cancel")}
					</Button>
				</div>
			) : null}
			{panel === "cancel" ? (
				<CancelConfirm {...props} onClose={() => setPanel("none")} onDone={done} />
			) : null}
			{panel === "change" ? <ChangeForm {...props} onClose={() => setPanel("none")} onDone={done} /> : null}
		</Card>
	);
}

type PanelProps = Props & { onClose: () => void };

/** The confirm step of a cancellation, with an optional reason. */
function CancelConfirm({ slug, job, tenantName, onClose, onDone }: PanelProps) {
	const id = useId();
	const [reason, setReason] = useState("");
	const form = useApiForm<"reason">((issue) => (issue === "reason" ? "reason" : undefined));
	async function send(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		await form.submit(async () => {
			onDone({ what: "cancel", outcome: await cancelBooking(slug, job.id, reason) });
		});
	}
	return (
		<form ref={form.formRef} class="job-change-form" noValidate onSubmit={send}>
			<p>
				<strong>
					{job.changes === "request"
						? t("portal.changes.cancelAsk", { tenant: tenantName })
						: t("portal.changes.cancelConfirm", { number: job.number })}
				</strong>
			</p>
			<FormError message={form.formError} />
			<TextAreaField
				id={`${id}-reason`}
				label={t("form.optional", { label: t("portal.changes.reason") })}
				rows={2}
				maxLength={500}
				readOnly={form.submitting}
				value={reason}
				onInput={(e) => setReason(e.currentTarget.value)}
				error={form.errors.reason}
			/>
			<div class="job-change-actions">
				<Button type="submit" variant="danger" disabled={form.submitting}>
					{job.changes === "request" ? t("portal.changes.cancelSendRequest") : t("portal.changes.cancelYes")}
				</Button>
				<Button variant="ghost" disabled={form.submitting} onClick={onClose}>
					{t("portal.changes.keep")}
				</Button>
			</div>
		</form>
	);
}

type WindowField = "readyAt" | "deliverBy" | "preferredFrom" | "preferredTo";
type ChangeField = WindowField | `instructions.${"pickup" | "dropoff" | "service"}`;

const WINDOW_FIELDS: Record<CustomerJob["kind"], [WindowField, WindowField]> = {
	pickup_delivery: ["readyAt", "deliverBy"],
	service_call: ["preferredFrom", "preferredTo"],
};

/** `window.readyAt` → `readyAt`; instructions keep their dotted name. */
const changeFieldFor = (issue: string): ChangeField | undefined => {
	if (issue.startsWith("window.")) return issue.slice("window.".length) as WindowField;
	if (issue.startsWith("instructions.")) return issue as ChangeField;
	return undefined;
};

/** The job's window as the booking form's inputs hold it, in the tenant's zone. */
function windowValues(job: CustomerJob, timeZone: string): Record<WindowField, string> {
	const start = job.windowStart ? Date.parse(job.windowStart) : null;
	const end = job.windowEnd ? Date.parse(job.windowEnd) : null;
	return {
		readyAt: start === null ? "" : localDateTime(start, timeZone),
		deliverBy: end === null ? "" : localDateTime(end, timeZone),
		preferredFrom: start === null ? "" : localDate(start, timeZone),
		// A service window ends at the start of the day after the last preferred one.
		preferredTo: end === null ? "" : localDate(end - 1, timeZone),
	};
}

/** The window and each stop's instructions, prefilled; only what was changed is sent. */
function ChangeForm({ slug, job, timeZone, tenantName, onClose, onDone }: PanelProps) {
	const id = useId();
	const initialWindow = windowValues(job, timeZone);
	const [window, setWindow] = useState(initialWindow);
	const initialInstructions = Object.fromEntries(job.stops.map((s) => [s.kind, s.instructions ?? ""]));
	const [instructions, setInstructions] = useState<Record<string, string>>(initialInstructions);
	const form = useApiForm<ChangeField>(changeFieldFor);
	const [from, to] = WINDOW_FIELDS[job.kind];
	const dateType = job.kind === "pickup_delivery" ? "datetime-local" : "date";

	function body(): ChangeRequestBody {
		const out: ChangeRequestBody = {};
		if (window[from] !== initialWindow[from] || window[to] !== initialWindow[to]) {
			out.window = { [from]: window[from], [to]: window[to] };
		}
		const changed = job.stops.filter((s) => instructions[s.kind] !== initialInstructions[s.kind]);
		if (changed.length)
			out.instructions = Object.fromEntries(changed.map((s) => [s.kind, instructions[s.kind]]));
		return out;
	}

	async function send(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		const change = body();
		if (!change.window && !change.instructions) return form.showErrors({}, t("portal.changes.nothing"));
		await form.submit(async () => {
			onDone({ what: "change", outcome: await changeBooking(slug, job.id, change) });
		});
	}

	const windowField = (field: WindowField) => (
		<TextField
			id={`${id}-${field}`}
			label={t(`portal.booking.${field}`)}
			type={dateType}
			readOnly={form.submitting}
			value={window[field]}
			onInput={(e) => setWindow({ ...window, [field]: e.currentTarget.value })}
			error={form.errors[field]}
		/>
	);

	return (
		<form ref={form.formRef} class="job-change-form" noValidate onSubmit={send}>
			<FormError message={form.formError} />
			<div class="field-pair">
				{windowField(from)}
				{windowField(to)}
			</div>
			{job.stops.map((stop) => (
				<TextAreaField
					key={stop.kind}
					id={`${id}-instructions-${stop.kind}`}
					label={t("portal.changes.instructions", { kind: stop.kind })}
					rows={2}
					maxLength={1000}
					readOnly={form.submitting}
					value={instructions[stop.kind] ?? ""}
					onInput={(e) => setInstructions({ ...instructions, [stop.kind]: e.currentTarget.value })}
					error={form.errors[`instructions.${stop.kind}`]}
				/>
			))}
			<div class="job-change-actions">
				<Button type="submit" disabled={form.submitting}>
					{job.changes === "request"
						? t("portal.changes.sendRequest", { tenant: tenantName })
						: t("portal.changes.save")}
				</Button>
				<Button variant="ghost" disabled={form.submitting} onClick={onClose}>
					{t("portal.changes.close")}
				</Button>
			</div>
		</form>
	);
}
