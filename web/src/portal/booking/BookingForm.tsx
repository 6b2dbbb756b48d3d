import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError } from "../../shared/api";
import { accessEndReasonOf } from "../../shared/auth/accessEnded";
import { useSession } from "../../shared/auth/session";
import { ErrorSummary } from "../../shared/ErrorSummary";
import { FormError } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { useApiForm } from "../../shared/useApiForm";
import { bookLabel, type JobKind, portalPath, type StopKind } from "../customerApi";
import { newRepeatDraft, type RepeatDraft, RepeatFields, repeatBody } from "../recurring/RepeatFields";
import { createSeries } from "../recurring/recurringApi";
import { BookingSections, draftStops, stopLegend } from "./BookingSections";
import {
	BOOKING_FIELDS,
	type BookingDraft,
	type BookingField,
	bookingBody,
	bookingFieldFor,
	fieldId,
	type placeChoices,
} from "./bookingDraft";
import { queueBooking } from "./bookingOutbox";
import { forgetBooking, type StoredBooking, saveBooking } from "./bookingStore";
import { KindChoice } from "./KindChoice";
import { type SendProgress, sendBooking } from "./sendBooking";

type Props = {
	slug: string;
	contactId: string;
	timeZone: string;
	kinds: JobKind[];
	initial: StoredBooking;
	choices: ReturnType<typeof placeChoices>;
	restored: boolean;
	placesFailed: boolean;
	/** Sent from the outbox and refused (a 4xx): its messages show beside the fields at once. */
	refusal?: ApiError;
};

const isStopKind = (value: string | undefined): value is StopKind =>
	value === "pickup" || value === "dropoff" || value === "service";

/** The error summary names the stop a message is about: both stops have a "Street address". */
function summaryMessage(field: BookingField, message: string): string {
	const [stop] = field.split(".");
	return isStopKind(stop) ? `${stopLegend(stop)}: ${message}` : message;
}

const progressText = (progress: SendProgress): string =>
	progress === "reconnecting" ? t("portal.booking.reconnecting") : t("portal.booking.finishing");

const MINUTE = 60_000;

/** The `POST /recurring` body: the draft's booking without its times, repeated as chosen. */
function seriesBody(draft: BookingDraft, repeat: RepeatDraft, fromJobId: string | null) {
	const body = bookingBody(draft);
	let durationMinutes = 120;
	if (body.kind === "pickup_delivery") {
		const span = (Date.parse(`${body.deliverBy}:00Z`) - Date.parse(`${body.readyAt}:00Z`)) / MINUTE;
		if (Number.isFinite(span) && span > 0) durationMinutes = Math.min(720, Math.max(15, Math.round(span)));
	}
	const {
		readyAt: _r,
		deliverBy: _d,
		preferredFrom: _f,
		preferredTo: _t,
		...booking
	} = body as Record<string, unknown>;
	return {
		repeat: repeatBody(repeat),
		startsOn: repeat.startsOn,
		durationMinutes,
		booking,
		...(fromJobId ? { fromJobId } : {}),
	};
}

/** Checks only the server cannot make: a label for an address the person asked to save. */
function unlabelledSaves(draft: BookingDraft): Partial<Record<BookingField, string>> {
	const errors: Partial<Record<BookingField, string>> = {};
	for (const role of draftStops(draft)) {
		const stop = draft[role];
		if (stop.save && !stop.savedAddressId && !stop.saveAs.trim())
			errors[`${role}.saveAs`] = t("portal.booking.labelRequired");
	}
	return errors;
}

/**
 * The booking form. Exactly once: the form has one Idempotency-Key, kept with what is typed in
 * sessionStorage; every send of this booking, after a double click, a lost connection or a
 * reload, carries it, so the server returns the first job instead of making a second.
 */
export function BookingForm(props: Props) {
	const { slug, timeZone, kinds, initial, choices, restored, placesFailed } = props;
	const owner = { slug, contactId: props.contactId };
	const idPrefix = useId();
	const { route, query } = useLocation();
	const [draft, setDraft] = useState(initial.draft);
	const stored = useRef(initial);
	const booked = useRef(false);
	const [progress, setProgress] = useState<SendProgress | "unreachable" | "still_processing">();
	const [blocked, setBlocked] = useState<string>();
	const blockedRef = useRef<HTMLDivElement>(null);
	const form = useApiForm<BookingField>(bookingFieldFor);
	const session = useSession("c", slug);
	const label = bookLabel(draft.kind);
	const [repeat, setRepeat] = useState(() =>
		newRepeatDraft(
			query.repeat === "1",
			draft.kind === "pickup_delivery" ? draft.readyAt.slice(0, 10) : draft.preferredFrom,
			draft.kind === "pickup_delivery" ? draft.readyAt.slice(11, 16) || "09:00" : "09:00",
		),
	);
	const [repeatErrors, setRepeatErrors] = useState<Partial<Record<string, string>>>({});

	/** Written at once, not in an effect: a reload right after a tap must find the key and the attempt. */
	function remember(change: Partial<StoredBooking>) {
		stored.current = { ...stored.current, ...change };
		if (!booked.current) saveBooking(owner, stored.current);
	}

	useEffect(() => remember({}), []);
	// Shown at the top while the person is at the button: bring it into view.
	useEffect(() => {
		if (blocked) blockedRef.current?.focus();
	}, [blocked]);
	useEffect(() => {
		if (props.refusal && !showRefusal(props.refusal)) form.showFailure(props.refusal);
	}, [props.refusal]);

	function update(next: BookingDraft) {
		setDraft(next);
		remember({ draft: next });
	}

	async function book(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		const missing = unlabelledSaves(draft);
		if (Object.keys(missing).length) {
			form.showErrors(missing);
			return;
		}
		setBlocked(undefined);
		setProgress(undefined);
		if (repeat.on) {
			await setUpRepeat();
			return;
		}
		await form.submit(
			async () => {
				remember({ attempted: true });
				const job = await sendBooking({
					slug,
					body: bookingBody(draft),
					key: stored.current.key,
					onNewKey: (key) => remember({ key }),
					onProgress: setProgress,
				});
				booked.current = true;
				forgetBooking(owner);
				route(portalPath(slug, `/jobs/${encodeURIComponent(job.id)}?booked=1`));
			},
			(err) => {
				setProgress(undefined);
				if (!(err instanceof ApiError)) return false;
				if (err.code === "network") {
					if (waitOffline()) return true;
					setProgress("unreachable");
				} else if (err.code === "idempotency_in_flight") setProgress("still_processing");
				else {
					// A 4xx says this booking was not made; after a 5xx it stays unknown.
					if (err.status < 500) remember({ attempted: false });
					return showRefusal(err);
				}
				return true;
			},
		);
	}

	/**
	 * "Repeat this booking": the series is set up instead of one job (its jobs are made ahead
	 * by the schedule); its fields' messages show beside the repeat fields and the booking's.
	 */
	async function setUpRepeat() {
		setRepeatErrors({});
		await form.submit(
			async () => {
				const series = await createSeries(slug, seriesBody(draft, repeat, stored.current.from));
				booked.current = true;
				forgetBooking(owner);
				route(portalPath(slug, `/recurring?created=${encodeURIComponent(series.id)}`));
			},
			(err) => {
				if (!(err instanceof ApiError)) return false;
				if (err.status === 401 && accessEndReasonOf(err.status, err.code)) {
					setBlocked(t("accessEnded.bookingNotSent"));
					return true;
				}
				if (err.status !== 400 || !err.issues.length) return showRefusal(err);
				const own: Partial<Record<string, string>> = {};
				const booking = [];
				for (const issue of err.issues) {
					if (issue.field.startsWith("booking.")) {
						const field = issue.field.slice("booking.".length);
						booking.push({ ...issue, field, path: issue.path.slice(1) });
					} else own[issue.field] = issue.message;
				}
				setRepeatErrors(own);
				if (booking.length) form.showFailure(new ApiError(400, err.code, err.message, booking));
				else form.showErrors({}, err.message);
				return true;
			},
		);
	}

	/** A refusal the form shows its own way (true), or false to show it beside the fields. */
	function showRefusal(err: ApiError): boolean {
		// Access ended (blocked, removed): the page's notice says why; this form says it was not sent and keeps what was typed.
		if (err.status === 401 && accessEndReasonOf(err.status, err.code)) {
			setBlocked(t("accessEnded.bookingNotSent"));
			return true;
		}
		// Signed out meanwhile: the sign-in form replaces this one, and the draft waits for it.
		if (err.status === 401) void session.refresh();
		if (err.code !== "customer_blocked") return false;
		setBlocked(err.message);
		return true;
	}

	/**
	 * No connection: the booking waits in the outbox under this form's key, and the page says so;
	 * it is sent from there once the connection is back. False when the browser would not keep it.
	 */
	function waitOffline(): boolean {
		const { key, from } = stored.current;
		if (!queueBooking(owner, { key, from, draft, body: bookingBody(draft), queuedAt: Date.now() }))
			return false;
		booked.current = true;
		forgetBooking(owner);
		route(portalPath(slug, `/book?waiting=${encodeURIComponent(key)}`), true);
		return true;
	}

	const problems = BOOKING_FIELDS.flatMap((field) => {
		const message = form.errors[field];
		return message ? [{ fieldId: fieldId(idPrefix, field), message: summaryMessage(field, message) }] : [];
	});
	const sectionProps = { idPrefix, choices, errors: form.errors, readOnly: form.submitting };

	return (
		<form ref={form.formRef} class="booking-form" noValidate onSubmit={book}>
			<h1>{label.heading}</h1>
			{blocked ? (
				<div ref={blockedRef} tabIndex={-1} class="notice notice-error notice-blocking" role="alert">
					<p>
						<strong>{blocked}</strong>
					</p>
				</div>
			) : null}
			{props.refusal ? (
				<p class="notice notice-error">{t("portal.outbox.refusedForm")}</p>
			) : restored ? (
				<p class="notice">
					{initial.attempted
						? t("portal.booking.lastTry", { submit: label.submit })
						: t("portal.booking.kept")}
				</p>
			) : null}
			{placesFailed ? <p class="notice">{t("portal.booking.placesFailed")}</p> : null}
			<ErrorSummary problems={problems} />
			<KindChoice
				idPrefix={idPrefix}
				legend={t("portal.booking.kindLegend")}
				class="kind-choice"
				kinds={kinds}
				value={draft.kind}
				disabled={form.submitting}
				onChange={(kind) => update({ ...draft, kind })}
			/>
			<BookingSections {...sectionProps} draft={draft} timeZone={timeZone} onChange={update} />
			<RepeatFields
				idPrefix={idPrefix}
				value={repeat}
				disabled={form.submitting}
				errors={repeatErrors}
				onChange={setRepeat}
			/>
			<p class="notice-live" role="status" aria-live="polite" aria-atomic="true">
				{progress === "reconnecting" || progress === "finishing"
					? progressText(progress)
					: form.submitting
						? t("portal.booking.submitting")
						: ""}
			</p>
			{progress === "unreachable" || progress === "still_processing" ? (
				<p class="notice notice-error" role="alert">
					{progress === "unreachable" ? t("portal.booking.unreachable") : t("portal.booking.stillProcessing")}
				</p>
			) : null}
			<FormError message={form.formError} />
			<button type="submit" class="button-wide" disabled={form.submitting}>
				{repeat.on ? t("portal.recurring.submit") : label.submit}
			</button>
		</form>
	);
}
