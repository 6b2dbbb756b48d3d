import { CloudOff, House, ListChecks, RefreshCw } from "lucide";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError } from "../../shared/api";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { Icon } from "../../shared/ui/Icon";
import { bookLabel, portalPath } from "../customerApi";
import {
	lastTryFailed,
	removeBooking,
	sendingBooking,
	sendWaitingBookings,
	type WaitingBooking,
} from "./bookingOutbox";
import { loadBooking, saveBooking } from "./bookingStore";
import { bookingWhat, bookingWhen, bookingWhere } from "./bookingSummary";
import { useWaitingBookings } from "./WaitingBookings";

type Props = {
	slug: string;
	branding: Branding;
	me: Me;
	id: string;
	/**
	 * The booking form as it opens without `?waiting=` (with the draft this tab keeps), for a
	 * booking no longer waiting; `refusal` is the server's answer it comes back with.
	 */
	form: (refusal?: ApiError) => ComponentChildren;
};

/** What was booked offline, as its job page will show it. */
function WaitingFacts({ booking, timeZone }: { booking: WaitingBooking; timeZone: string }) {
	const { draft } = booking;
	const when = bookingWhen(draft, timeZone);
	const where = bookingWhere(draft);
	const what = bookingWhat(draft);
	return (
		<dl class="facts waiting-facts">
			{when ? (
				<>
					<dt>{t("job.window")}</dt>
					<dd>{when}</dd>
				</>
			) : null}
			<dt>{t("portal.job.stops", { count: where.to ? 2 : 1 })}</dt>
			<dd>{where.to ? `${where.from} → ${where.to}` : where.from}</dd>
			{what ? (
				<>
					<dt>{draft.kind === "service_call" ? t("portal.job.workNeeded") : t("job.package")}</dt>
					<dd>{what}</dd>
				</>
			) : null}
			{draft.reference.trim() ? (
				<>
					<dt>{t("job.reference")}</dt>
					<dd>{draft.reference.trim()}</dd>
				</>
			) : null}
		</dl>
	);
}

/** "Waiting to send": what was booked, that it goes as soon as the connection is back, and "Try now". */
function WaitingCard({ slug, booking, owner, timeZone }: WaitingCardProps) {
	const sending = sendingBooking.value === booking.id;
	const progress = sending
		? t("portal.outbox.sending")
		: lastTryFailed.value
			? t("portal.outbox.stillOffline")
			: "";
	return (
		<>
			<h1>{bookLabel(booking.draft.kind).heading}</h1>
			<Card as="section" class="waiting-booking" aria-labelledby="waiting-heading">
				<div class="waiting-booking-head">
					<span class="ui-state-icon waiting-booking-icon">
						<Icon icon={CloudOff} size={24} />
					</span>
					<div>
						<h2 id="waiting-heading">{t("portal.outbox.heading")}</h2>
						<p>{t("portal.outbox.body")}</p>
					</div>
				</div>
				<WaitingFacts booking={booking} timeZone={timeZone} />
				<p class="muted">{t("portal.outbox.kept")}</p>
				<p class="notice-live" role="status" aria-live="polite" aria-atomic="true">
					{progress}
				</p>
				<div class="actions">
					<Button
						icon={RefreshCw}
						disabled={sending}
						onClick={() => void sendWaitingBookings(owner).catch(() => undefined)}
					>
						{t("portal.outbox.tryNow")}
					</Button>
					<Button variant="secondary" icon={House} href={portalPath(slug)}>
						{t("portal.outbox.backHome")}
					</Button>
				</div>
			</Card>
		</>
	);
}

type WaitingCardProps = {
	slug: string;
	booking: WaitingBooking;
	owner: { slug: string; contactId: string };
	timeZone: string;
};

/**
 * `/c/:slug/book?waiting=<id>`: a booking made offline. While it waits, says so; once sent,
 * opens its confirmation; when the server refused it, the form comes back with what was typed
 * and the server's messages beside the fields, under the same key.
 */
export function WaitingBookingView({ slug, branding, me, id, form }: Props) {
	const owner = { slug, contactId: me.id };
	const booking = useWaitingBookings(owner).find((b) => b.id === id);
	const { route } = useLocation();
	const [refusal, setRefusal] = useState<ApiError | null>(null);
	const state = booking?.state;

	useEffect(() => {
		if (!booking) return;
		if (booking.state === "sent" && booking.job) {
			removeBooking(owner, booking.id);
			route(portalPath(slug, `/jobs/${encodeURIComponent(booking.job.id)}?booked=1`), true);
		} else if (booking.state === "refused" && booking.refusal) {
			// The form takes it back (kept for this tab, as any form in progress), out of the outbox.
			const initial = { key: booking.key, from: booking.from, attempted: false, draft: booking.draft };
			const { status, code, message, issues } = booking.refusal;
			saveBooking(owner, initial);
			removeBooking(owner, booking.id);
			setRefusal(new ApiError(status, code, message, issues));
		}
	}, [state, id]);

	if (booking?.state === "waiting") {
		return <WaitingCard slug={slug} booking={booking} owner={owner} timeZone={branding.timezone} />;
	}
	if (refusal) return <>{form(refusal)}</>;
	if (booking) return null; // sent or refused: on its way to the confirmation or the form
	// Sent and seen meanwhile, or this tab took it back into its form before a reload.
	if (loadBooking(owner)) return <>{form()}</>;
	return (
		<EmptyState
			icon={ListChecks}
			title={t("portal.outbox.nothing")}
			action={
				<Button variant="secondary" icon={ListChecks} href={portalPath(slug, "/jobs")}>
					{t("portal.job.seeJobs")}
				</Button>
			}
		>
			<p>{t("portal.outbox.nothingBody")}</p>
		</EmptyState>
	);
}
