import { MapPin, Phone, Radio, TriangleAlert } from "lucide";
import { useEffect, useId, useMemo, useState } from "preact/hooks";
import type { z } from "zod";
import type { TrackedJobSchema } from "../../../../workers/contracts/tracking";
import type { Branding } from "../branding";
import { t } from "../i18n/i18n";
import { isFinished } from "../jobStatus";
import { Icon } from "../ui/Icon";
import { Logo } from "../ui/Logo";
import { Skeleton } from "../ui/Skeleton";
import { LiveMap, type MapMarker } from "./LiveMap";
import {
	confidenceText,
	distanceText,
	etaText,
	type LiveNoun,
	lastSeenText,
	STALE_AFTER_MS,
	statusHeadline,
} from "./liveText";
import type { LiveJob } from "./useLiveJob";

/** What the live view shows about the job besides the stream: which job, who is coming, where to. */
export type LiveJobSubject = Pick<
	z.infer<typeof TrackedJobSchema>["job"],
	"number" | "kind" | "technician" | "destination"
>;

type Props = {
	live: LiveJob;
	job: LiveJobSubject;
	branding: Pick<Branding, "name" | "logoUrl" | "logoSize" | "supportPhone" | "tileUrl" | "timezone">;
	/** Heading level of the view's title, to fit the page around it. */
	headingLevel?: 1 | 2;
};

/** Re-renders every second while `active`, for "last seen N s ago". */
function useNow(active: boolean): number {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, [active]);
	return now;
}

/** The ETA's two lines, while the relay has not said where the van is yet. */
function EtaPlaceholder() {
	return (
		<div class="live-eta-block" aria-hidden="true">
			<p class="live-eta">
				<Skeleton width="min(16rem, 80%)" height="1lh" />
			</p>
			<p>
				<Skeleton width="5rem" height="1lh" />
			</p>
		</div>
	);
}

/** The map's box, before there is anything to put on it. */
function MapPlaceholder() {
	return (
		<div class="live-map-frame" aria-hidden="true">
			<div class="live-map" />
		</div>
	);
}

/**
 * The live view of one job for customers and tracking-link holders: status, ETA as a clock
 * time in the tenant's zone (with a caveat only when it is shaky), a map while the technician
 * is on the way, and who is coming. Every fact is text outside the map, so the view is complete
 * when map tiles cannot load; places are addresses, never coordinates.
 */
export function LiveJobView({ live, job, branding, headingLevel = 2 }: Props) {
	const { status, position, eta, destination } = live;
	const now = useNow(position !== null);
	const noun: LiveNoun = job.kind === "service_call" ? "technician" : "driver";
	const who = job.technician?.name ?? t("live.who", { noun });
	const Heading = headingLevel === 1 ? "h1" : "h2";
	const titleId = useId();
	const ageMs = position ? now - Math.min(position.at, now) : 0;
	const stale = ageMs > STALE_AFTER_MS;
	// "Arriving" is a promise about now: only a fresh fix within 150 m may make it.
	const arriving = (eta?.arriving ?? false) && position !== null && !stale;
	const address = job.destination ? `${job.destination.line1}, ${job.destination.city}` : null;
	const destinationLabel = job.destination?.line1 ?? t("live.destination");
	// Stable between renders, so the once-a-second clock does not redraw the map.
	const markers = useMemo(() => {
		const list: MapMarker[] = [];
		if (position)
			list.push({ id: "technician", kind: "technician", label: who, lat: position.lat, lng: position.lng });
		if (destination)
			list.push({ id: "destination", kind: "destination", label: destinationLabel, ...destination });
		return list;
	}, [position, destination, who, destinationLabel]);
	const caveat = eta && !eta.arriving ? confidenceText(eta) : null;
	const onTheWay = status === "en_route";
	// Until the relay has spoken, the view keeps the places of the ETA and the map, so that they
	// fill in instead of pushing the rest of the page down.
	const connecting = live.connection === "connecting";

	return (
		<section class="live-view" aria-labelledby={titleId}>
			<div class="live-view-head">
				<div>
					<Heading id={titleId}>{t("area.tracking")}</Heading>
					<p class="live-job-number">{t("job.title", { number: job.number })}</p>
				</div>
				{status === "en_route" && position ? (
					stale ? (
						<span class="live-pill live-pill-stale">
							<Icon icon={TriangleAlert} size={14} />
							{lastSeenText(ageMs)}
						</span>
					) : (
						<span class="live-pill live-pill-live">
							<Icon icon={Radio} size={14} />
							{t("live.pill")}
						</span>
					)
				) : null}
			</div>
			<p class="live-headline" role="status">
				{statusHeadline(status, who, arriving)}
				{status === "paused" && live.pausedMessage ? `: ${live.pausedMessage}` : null}
			</p>
			{onTheWay && eta && position ? (
				<div class="live-eta-block">
					{eta.arriving ? (
						<p class="live-eta">{arriving ? t("live.arrivingNow") : t("live.almostThere")}</p>
					) : (
						<p class="live-eta">{etaText(eta, position.at, branding.timezone)}</p>
					)}
					<ul class="live-facts">
						{eta.arriving ? null : <li>{distanceText(eta.distanceMeters)}</li>}
						{caveat ? <li class="live-caveat">{caveat}</li> : null}
					</ul>
				</div>
			) : null}
			{onTheWay && !position && connecting ? <EtaPlaceholder /> : null}
			{onTheWay && !position && !connecting ? (
				<p class="muted">{t("live.waitingForLocation", { noun })}</p>
			) : null}
			{status !== null && status !== "en_route" && !isFinished(status) ? (
				<p class="muted">{t("live.locationOnlyOnTheWay", { noun })}</p>
			) : null}
			{live.connection === "waiting" ? <p class="muted">{t("live.reconnecting")}</p> : null}
			{onTheWay && markers.length > 0 ? (
				<LiveMap markers={markers} tileUrl={branding.tileUrl} label={t("live.mapLabel", { noun })} />
			) : null}
			{onTheWay && markers.length === 0 ? <MapPlaceholder /> : null}
			{address ? (
				<p class="live-address">
					<Icon icon={MapPin} size={18} />
					<span>
						<span class="live-address-label">{t("live.goingTo")}</span> {address}
					</span>
				</p>
			) : null}
			<div class="live-people">
				{job.technician ? (
					<div class="live-person">
						{job.technician.photoUrl ? (
							<img class="live-photo" src={job.technician.photoUrl} alt="" width={48} height={48} />
						) : null}
						<div>
							<p>
								<strong>{job.technician.name}</strong>, {t("live.yourRole", { noun })}
							</p>
							{job.technician.bio ? <p class="muted">{job.technician.bio}</p> : null}
						</div>
					</div>
				) : null}
				<div class="live-person live-vendor">
					<Logo class="live-logo" branding={branding} height={24} />
					<p>
						{branding.name}
						{branding.supportPhone ? (
							<>
								{" · "}
								<a href={`tel:${branding.supportPhone.replace(/[^\d+]/g, "")}`}>
									<Icon icon={Phone} size={14} /> {branding.supportPhone}
								</a>
							</>
						) : null}
					</p>
				</div>
			</div>
		</section>
	);
}
