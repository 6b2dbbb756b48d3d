import { useEffect, useMemo, useState } from "preact/hooks";
import type { z } from "zod";
import type { TrackedJobSchema } from "../../../../workers/contracts/tracking";
import type { Branding } from "../branding";
import { isFinished } from "../jobStatus";
import { LiveMap, type MapMarker } from "./LiveMap";
import { etaText, lastSeenText, STALE_AFTER_MS, statusHeadline } from "./liveText";
import type { LiveJob } from "./useLiveJob";

/** What the live view shows about the job besides the stream: who is coming, from whom, where to. */
export type LiveJobSubject = Pick<
	z.infer<typeof TrackedJobSchema>["job"],
	"kind" | "technician" | "destination"
>;

type Props = {
	live: LiveJob;
	job: LiveJobSubject;
	branding: Pick<Branding, "name" | "logoUrl" | "supportPhone" | "tileUrl">;
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

/**
 * The live view of one job for customers and tracking-link holders: status, ETA with its
 * confidence, a map while the technician is on the way, and who is coming. Every fact is
 * text outside the map, so the view is complete when map tiles cannot load.
 */
export function LiveJobView({ live, job, branding, headingLevel = 2 }: Props) {
	const { status, position, eta, destination } = live;
	const now = useNow(position !== null);
	const noun = job.kind === "service_call" ? "technician" : "driver";
	const who = job.technician?.name ?? `Your ${noun}`;
	const Heading = headingLevel === 1 ? "h1" : "h2";
	const ageMs = position ? now - Math.min(position.at, now) : 0;
	const destinationLabel = job.destination?.line1 ?? "Destination";
	// Stable between renders, so the once-a-second clock does not redraw the map.
	const markers = useMemo(() => {
		const list: MapMarker[] = [];
		if (position)
			list.push({ id: "technician", kind: "technician", label: who, lat: position.lat, lng: position.lng });
		if (destination)
			list.push({ id: "destination", kind: "destination", label: destinationLabel, ...destination });
		return list;
	}, [position, destination, who, destinationLabel]);

	return (
		<section class="live-view" aria-labelledby="live-view-title">
			<Heading id="live-view-title">Live tracking</Heading>
			<p class="live-headline" role="status">
				{statusHeadline(status, who, eta?.arriving ?? false)}
				{status === "paused" && live.pausedMessage ? `: ${live.pausedMessage}` : null}
			</p>
			{status === "en_route" && eta ? (
				<>
					<p class="live-eta">{etaText(eta)}</p>
					<ul class="live-facts">
						<li>Confidence: {eta.confidence}</li>
						{ageMs > STALE_AFTER_MS ? <li class="live-stale">{lastSeenText(ageMs)}</li> : <li>Live</li>}
					</ul>
				</>
			) : null}
			{status === "en_route" && !position ? <p class="muted">Waiting for the {noun}'s location…</p> : null}
			{status !== null && status !== "en_route" && !isFinished(status) ? (
				<p class="muted">The {noun}'s location is shown only while they are on the way to you.</p>
			) : null}
			{live.connection === "waiting" ? <p class="muted">Reconnecting to live updates…</p> : null}
			{status === "en_route" && markers.length > 0 ? (
				<LiveMap markers={markers} tileUrl={branding.tileUrl} label={`Map of the ${noun}'s position`} />
			) : null}
			<div class="live-people">
				{job.technician ? (
					<div class="live-person">
						{job.technician.photoUrl ? (
							<img class="live-photo" src={job.technician.photoUrl} alt="" width={56} height={56} />
						) : null}
						<div>
							<p>
								<strong>{job.technician.name}</strong>, your {noun}
							</p>
							{job.technician.bio ? <p class="muted">{job.technician.bio}</p> : null}
						</div>
					</div>
				) : null}
				<div class="live-person">
					{branding.logoUrl ? (
						<img class="live-logo" src={branding.logoUrl} alt="" width={40} height={40} />
					) : null}
					<p>
						{branding.name}
						{branding.supportPhone ? (
							<>
								{" · "}
								<a href={`tel:${branding.supportPhone.replace(/[^\d+]/g, "")}`}>{branding.supportPhone}</a>
							</>
						) : null}
					</p>
				</div>
				{job.destination ? (
					<p>
						Going to: {job.destination.line1}, {job.destination.city}
					</p>
				) : null}
			</div>
		</section>
	);
}
