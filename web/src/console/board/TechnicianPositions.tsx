import { Navigation } from "lucide";
import { LiveMap, type MapMarker } from "../../shared/live/LiveMap";
import { Icon } from "../../shared/ui/Icon";
import type { BoardFeed, TechnicianPosition } from "./boardFeed";
import { ageText, routeText } from "./boardFilters";
import { LaneCount } from "./LaneCount";

/**
 * Technicians sharing their position: a map, and the same in words beside it — who, which job,
 * where the job goes (streets, never coordinates) and how old the last fix is.
 */
export function TechnicianPositions({
	feed,
	tileUrl,
	now,
	id,
}: {
	feed: BoardFeed;
	tileUrl: string;
	now: number;
	id: string;
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
		<section id={id} class="positions" aria-labelledby="positions-heading">
			<h2 id="positions-heading" class="lane-title">
				<Icon icon={Navigation} size={16} />
				<span class="lane-name">Technicians on the road</span> <LaneCount count={active.length} />
			</h2>
			<div class="positions-map">
				<LiveMap markers={markers} tileUrl={tileUrl} label="Map of technicians' positions" />
			</div>
			{active.length ? (
				<ul class="plain-list positions-list">
					{active.map((p) => {
						const job = jobs.get(p.jobId);
						return (
							<li key={p.technicianId}>
								<span class="positions-who">
									<strong>{names.get(p.technicianId) ?? "Technician"}</strong>
									{job ? ` · job #${job.number}` : null}
								</span>
								{job?.stops.length ? <span class="positions-route">{routeText(job)}</span> : null}
								<span class="positions-fix">Last fix {ageText(now - p.position.at)} ago</span>
							</li>
						);
					})}
				</ul>
			) : (
				<p class="positions-empty">
					No technician is sharing a position right now. Positions show here once a job is on its way.
				</p>
			)}
		</section>
	);
}
