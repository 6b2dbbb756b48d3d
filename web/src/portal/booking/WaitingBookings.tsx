import { ArrowRight, CircleAlert, CircleCheck, Clock, CloudOff, type IconNode, MapPin, Tag } from "lucide";
import { useEffect } from "preact/hooks";
import { t } from "../../shared/i18n/i18n";
import { outboxChanged } from "../../shared/offline/outboxStorage";
import { Icon } from "../../shared/ui/Icon";
import { portalPath } from "../customerApi";
import {
	RETRY_EVERY_MS,
	removeBooking,
	sendWaitingBookings,
	type WaitingBooking,
	waitingBookings,
} from "./bookingOutbox";
import type { BookingOwner } from "./bookingStore";
import { bookingWhen, bookingWhere } from "./bookingSummary";

/** The person's outbox, re-read whenever it changes (here, in another tab, or by a send). */
export function useWaitingBookings(owner: BookingOwner): WaitingBooking[] {
	// Reading the signal subscribes the component to every change of the outbox.
	outboxChanged.value;
	return waitingBookings(owner);
}

/**
 * Sends the signed-in customer's waiting bookings: at app start, when the browser is back
 * online, and every RETRY_EVERY_MS while any wait (an `online` event is not always fired).
 * `onSignedOut`: the session ended meanwhile (the sign-in form shows, the device forgets the outbox).
 */
export function WaitingBookingsSender({
	owner,
	onSignedOut,
}: {
	owner: BookingOwner;
	onSignedOut: () => void;
}) {
	const { slug, contactId } = owner;
	useEffect(() => {
		const owner = { slug, contactId };
		const send = () => {
			if (!waitingBookings(owner).some((b) => b.state === "waiting")) return;
			void sendWaitingBookings(owner)
				.then((outcome) => {
					if (outcome === "signed_out") onSignedOut();
				})
				.catch((err: unknown) => console.error("waiting bookings not sent", { err: String(err) }));
		};
		send();
		window.addEventListener("online", send);
		const timer = setInterval(send, RETRY_EVERY_MS);
		return () => {
			window.removeEventListener("online", send);
			clearInterval(timer);
		};
	}, [slug, contactId, onSignedOut]);
	return null;
}

const LOOK: Record<WaitingBooking["state"], { icon: IconNode; tone: string }> = {
	waiting: { icon: CloudOff, tone: "warning" },
	refused: { icon: CircleAlert, tone: "danger" },
	sent: { icon: CircleCheck, tone: "success" },
};

/** Where a waiting booking's card leads: its confirmation once booked, its page otherwise. */
function cardHref(slug: string, booking: WaitingBooking): string {
	if (booking.state === "sent" && booking.job)
		return portalPath(slug, `/jobs/${encodeURIComponent(booking.job.id)}?booked=1`);
	return portalPath(slug, `/book?waiting=${encodeURIComponent(booking.id)}`);
}

function WaitingBookingCard({
	booking,
	owner,
	timeZone,
}: {
	booking: WaitingBooking;
	owner: BookingOwner;
	timeZone: string;
}) {
	const look = LOOK[booking.state];
	const when = bookingWhen(booking.draft, timeZone);
	const where = bookingWhere(booking.draft);
	const title =
		booking.state === "sent" && booking.job
			? t("job.title", { number: booking.job.number })
			: t("portal.book.kind", { kind: booking.draft.kind });
	return (
		<article class="job-card ui-card ui-card-raised waiting-card" data-state={booking.state}>
			<div class="job-card-head">
				<h3 class="job-card-title">
					<a
						class="job-card-link"
						href={cardHref(owner.slug, booking)}
						// Its confirmation is about to be seen: the outbox has nothing left to say about it.
						onClick={booking.state === "sent" ? () => removeBooking(owner, booking.id) : undefined}
					>
						{title}
					</a>
				</h3>
				<span class={`ui-chip ui-chip-${look.tone}`}>
					<Icon icon={look.icon} size={14} />
					<span>{t("portal.outbox.chip", { state: booking.state })}</span>
				</span>
			</div>
			{booking.state === "refused" ? <p class="job-card-line">{t("portal.outbox.refusedLine")}</p> : null}
			{when ? (
				<p class="job-card-line">
					<Icon icon={Clock} size={16} />
					<span>{when}</span>
				</p>
			) : null}
			<p class="job-card-line job-card-route">
				<Icon icon={MapPin} size={16} />
				<span>
					{where.from}
					{where.to ? (
						<>
							{" "}
							<Icon icon={ArrowRight} size={14} class="job-card-arrow" />
							<span class="visually-hidden">{t("portal.card.to")}</span> {where.to}
						</>
					) : null}
				</span>
			</p>
			{booking.draft.reference.trim() ? (
				<p class="job-card-line">
					<Icon icon={Tag} size={16} />
					<span>{t("portal.card.reference", { reference: booking.draft.reference.trim() })}</span>
				</p>
			) : null}
		</article>
	);
}

/** On the portal home: bookings made offline, until they are sent and their confirmation seen. */
export function HomeWaitingBookings({ owner, timeZone }: { owner: BookingOwner; timeZone: string }) {
	const bookings = useWaitingBookings(owner);
	if (bookings.length === 0) return null;
	const waiting = bookings.filter((b) => b.state === "waiting").length;
	return (
		<section class="home-waiting" aria-labelledby="home-waiting-heading">
			<div class="section-head">
				<h2 id="home-waiting-heading">{t("portal.outbox.listHeading")}</h2>
			</div>
			{waiting > 0 ? <p class="muted">{t("portal.outbox.listBody", { count: waiting })}</p> : null}
			<ul class="job-list card-grid">
				{bookings.map((booking) => (
					<li key={booking.id}>
						<WaitingBookingCard booking={booking} owner={owner} timeZone={timeZone} />
					</li>
				))}
			</ul>
		</section>
	);
}
