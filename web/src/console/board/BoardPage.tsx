import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath } from "../consoleApi";
import { BoardCard, cardId } from "./BoardCard";
import { BoardFilterBar } from "./BoardFilterBar";
import type { BoardJob } from "./boardFeed";
import { type BoardFilters, filtersFromQuery, matchesFilters } from "./boardFilters";
import { groupByLane, LANES } from "./lanes";
import { TechnicianPositions } from "./TechnicianPositions";
import { useMapOpen } from "./useMapOpen";
import { useNow } from "./useNow";
import "./board.css";

const MAP_ID = "board-map";

function Board({ slug, branding, feed, filters }: ConsoleContext & { filters: BoardFilters }) {
	const { route } = useLocation();
	const [announcement, setAnnouncement] = useState("");
	const [focusJob, setFocusJob] = useState<string>();
	const [picking, setPicking] = useState<string | null>(null);
	const [mapOpen, setMapOpen] = useMapOpen(slug);
	const now = useNow(5_000);
	const newBooking = feed.newBooking.value;
	const all = [...feed.jobs.value.values()];
	const shown = all.filter((job) => matchesFilters(job, filters));
	const lanes = groupByLane(shown);
	const technicians = feed.technicians.value;
	const fixes = new Map([...feed.positions.value.values()].map((p) => [p.jobId, p.position.at]));

	useEffect(() => {
		if (newBooking)
			setAnnouncement(
				`New customer booking: job #${newBooking.number}${newBooking.customerName ? ` for ${newBooking.customerName}` : ""}.`,
			);
	}, [newBooking]);
	// The card was re-rendered in its new lane; keep the keyboard user with it.
	useEffect(() => {
		if (!focusJob) return;
		document.getElementById(cardId(focusJob))?.focus();
		setFocusJob(undefined);
	}, [focusJob]);

	function assigned(job: BoardJob, message: string) {
		setPicking(null);
		setAnnouncement(message);
		setFocusJob(job.id);
	}

	function pick(jobId: string, open: boolean) {
		setPicking(open ? jobId : null);
		if (!open) setFocusJob(jobId);
	}

	return (
		<>
			<div class="page-head">
				<h1>{branding.name} dispatch board</h1>
				<div class="board-actions">
					<button
						type="button"
						class="button-secondary"
						aria-expanded={mapOpen}
						aria-controls={MAP_ID}
						onClick={() => setMapOpen(!mapOpen)}
					>
						{mapOpen ? "Hide map" : "Show map"}
					</button>
					<a class="button" href={consolePath(slug, "/jobs/new")}>
						New job
					</a>
				</div>
			</div>
			<BoardFilterBar
				filters={filters}
				technicians={technicians}
				kinds={[...branding.jobKinds, ...all.map((j) => j.kind)]}
				shown={shown.length}
				total={all.length}
				onChange={(path) => route(consolePath(slug, path), true)}
			/>
			<p class="board-keys">
				Keyboard: <kbd>Tab</kbd> to a card, <kbd>A</kbd> to assign, <kbd>1</kbd>–<kbd>9</kbd> or <kbd>↑</kbd>
				<kbd>↓</kbd> to pick, <kbd>Enter</kbd> to confirm.
			</p>
			<p class="visually-hidden" role="status" aria-live="polite">
				{announcement}
			</p>
			{feed.loadError.value && !feed.loaded.value ? (
				<p class="notice notice-error" role="alert">
					We couldn't load the board: {feed.loadError.value} Retrying…
				</p>
			) : null}
			{!feed.loaded.value ? (
				<p class="muted" aria-busy="true">
					Loading the board…
				</p>
			) : (
				<div class={`board-layout${mapOpen ? " with-map" : ""}`}>
					<div class="board">
						{LANES.map((lane) => {
							const jobs = lanes[lane.id];
							const headingId = `lane-${lane.id}`;
							return (
								<section key={lane.id} class={`lane lane-${lane.id}`} aria-labelledby={headingId}>
									<h2 id={headingId}>
										{lane.title} <span class="lane-count">({jobs.length})</span>
									</h2>
									{jobs.length ? (
										<ol class="plain-list lane-cards">
											{jobs.map((job) => (
												<li key={job.id}>
													<BoardCard
														slug={slug}
														job={job}
														feed={feed}
														technicians={technicians}
														timeZone={branding.timezone}
														onAssigned={assigned}
														now={now}
														lastFixAt={fixes.get(job.id) ?? null}
														picking={picking === job.id}
														onPick={(open) => pick(job.id, open)}
													/>
												</li>
											))}
										</ol>
									) : (
										<p class="lane-empty muted">No jobs</p>
									)}
								</section>
							);
						})}
					</div>
					{mapOpen ? (
						<TechnicianPositions id={MAP_ID} feed={feed} tileUrl={branding.tileUrl} now={now} />
					) : null}
				</div>
			)}
		</>
	);
}

/** `/d/:slug?kind=&technician=&bookings=1`: the live board, filtered as its URL says. */
export function BoardPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	const filters = filtersFromQuery(query);
	return (
		<ConsolePage slug={slug} branding={branding} title="Board">
			{(context) => <Board {...context} filters={filters} />}
		</ConsolePage>
	);
}
