import { LiveMap, type MapMarker } from "../../shared/live/LiveMap";
import { formatClockTime } from "../../shared/tenantTime";
import type { BoardFeed, TechnicianPosition } from "./boardFeed";

/** Technicians sharing their position: a map, and the same in words beside it. */
export function TechnicianPositions({
	feed,
	tileUrl,
	timeZone,
}: {
	feed: BoardFeed;
	tileUrl: string;
	timeZone: string;
}) {
	const jobs = feed.jobs.value;
	const names = new Map(feed.technicians.value.map((t) => [t.id, t.name]));
	// The gate forgets a position once its job is started; a job known to be past en route is stale here too.
	const active = [...feed.positions.value.values()].filter((p: TechnicianPosition) => {
		const job = jobs.get(p.jobId);
		return !job || job.status === "en_route";
	});
	const markers: MapMarker[] = active.map((p) => {
		const job = jobs.get(p.jobId);
		const name = names.get(p.technicianId) ?? "Technician";
		return {
			id: p.technicianId,
			lat: p.position.lat,
			lng: p.position.lng,
			label: job ? `${name} — job #${job.number}` : name,
			kind: "technician",
		};
	});
	return (
		<section class="positions" aria-labelledby="positions-heading">
			<h2 id="positions-heading">Technicians on the road</h2>
			<div class="positions-layout">
				<div class="positions-map">
					<LiveMap markers={markers} tileUrl={tileUrl} label="Map of technicians' positions" />
				</div>
				{active.length ? (
					<ul class="plain-list">
						{active.map((p) => {
							const job = jobs.get(p.jobId);
							return (
								<li key={p.technicianId}>
									<strong>{names.get(p.technicianId) ?? "Technician"}</strong>
									{job ? ` — job #${job.number}` : null}
									<br />
									<span class="muted">
										{p.position.lat.toFixed(5)}, {p.position.lng.toFixed(5)} at{" "}
										{formatClockTime(p.position.at, timeZone)}
									</span>
								</li>
							);
						})}
					</ul>
				) : (
					<p class="muted plain-list">No technician is sharing a position right now.</p>
				)}
			</div>
		</section>
	);
}
