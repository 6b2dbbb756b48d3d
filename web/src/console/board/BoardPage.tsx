import { CalendarPlus, Keyboard, ListFilter, Map as MapIcon, PanelRightClose, Plus, X } from "lucide";
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Button } from "../../shared/ui/Button";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock } from "../../shared/ui/Skeleton";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath } from "../consoleApi";
import { FirstRunChecklist } from "../home/FirstRunChecklist";
import { BoardCard, cardId } from "./BoardCard";
import { BoardFilterBar } from "./BoardFilterBar";
import type { BoardJob } from "./boardFeed";
import { type BoardFilters, filtersFromQuery, hasFilters, matchesFilters } from "./boardFilters";
import { LaneCount } from "./LaneCount";
import { groupByLane, LANES } from "./lanes";
import { TechnicianPositions } from "./TechnicianPositions";
import { useMapOpen } from "./useMapOpen";
import { useNow } from "./useNow";
import "./board.css";

const MAP_ID = "board-map";

function Board({ slug, branding, feed, me, filters }: ConsoleContext & { filters: BoardFilters }) {
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

	const filtered = hasFilters(filters);
	// An empty board (a new fleet's) has no map to point at: aria-controls names only what exists.
	const mapRendered = mapOpen && feed.loaded.value && all.length > 0;
	return (
		<>
			<PageHeader
				title={`${branding.name} dispatch board`}
				actions={
					<>
						<Button
							variant="secondary"
							icon={mapOpen ? PanelRightClose : MapIcon}
							aria-expanded={mapOpen}
							aria-controls={mapRendered ? MAP_ID : undefined}
							onClick={() => setMapOpen(!mapOpen)}
						>
							{mapOpen ? "Hide map" : "Show map"}
						</Button>
						<Button icon={Plus} href={consolePath(slug, "/jobs/new")}>
							New job
						</Button>
					</>
				}
			/>
			<FirstRunChecklist slug={slug} role={me.role} />
			<div class="board-toolbar">
				<BoardFilterBar
					filters={filters}
					technicians={technicians}
					kinds={[...branding.jobKinds, ...all.map((j) => j.kind)]}
					shown={shown.length}
					total={all.length}
					onChange={(path) => route(consolePath(slug, path), true)}
				/>
				<p class="board-keys">
					<Icon icon={Keyboard} size={16} />
					<span>
						<kbd>Tab</kbd> to a card, <kbd>A</kbd> to assign, <kbd>1</kbd>–<kbd>9</kbd> or <kbd>↑</kbd>
						<kbd>↓</kbd> to pick, <kbd>Enter</kbd> to confirm
					</span>
				</p>
			</div>
			<p class="visually-hidden" role="status" aria-live="polite">
				{announcement}
			</p>
			{!feed.loaded.value ? (
				feed.loadError.value ? (
					<ErrorState
						title="We couldn't load the board"
						message={`${feed.loadError.value} It tries again by itself; Retry tries now.`}
						onRetry={() => feed.retry()}
					/>
				) : (
					<BoardSkeleton />
				)
			) : all.length === 0 ? (
				<EmptyState
					icon={CalendarPlus}
					title="No jobs on the board yet"
					action={
						<Button icon={Plus} href={consolePath(slug, "/jobs/new")}>
							New job
						</Button>
					}
				>
					<p>Customer bookings land in Unassigned as they come in. Type a job yourself with New job.</p>
				</EmptyState>
			) : (
				<div class={`board-layout${mapOpen ? " with-map" : ""}`}>
					{filtered && shown.length === 0 ? (
						<EmptyState
							icon={ListFilter}
							title="No job matches these filters"
							action={
								<Button variant="secondary" icon={X} onClick={() => route(consolePath(slug), true)}>
									Clear filters
								</Button>
							}
						>
							<p>Choose another kind or technician, or clear the filters to see all {all.length} jobs.</p>
						</EmptyState>
					) : (
						<div class="board">
							{LANES.map((lane) => {
								const jobs = lanes[lane.id];
								const headingId = `lane-${lane.id}`;
								return (
									<section key={lane.id} class={`lane lane-${lane.id}`} aria-labelledby={headingId}>
										<h2 id={headingId} class="lane-title">
											<span class="lane-dot" aria-hidden="true" />
											<span class="lane-name">{lane.title}</span> <LaneCount count={jobs.length} />
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
											<p class="lane-empty">No jobs</p>
										)}
									</section>
								);
							})}
						</div>
					)}
					{mapOpen ? (
						<TechnicianPositions id={MAP_ID} feed={feed} tileUrl={branding.tileUrl} now={now} />
					) : null}
				</div>
			)}
		</>
	);
}

/** The lanes' shape while the board loads, so nothing jumps when the jobs land. */
function BoardSkeleton() {
	return (
		<SkeletonBlock label="Loading the board…" class="board-layout">
			<div class="board">
				{LANES.map((lane, i) => (
					<div key={lane.id} class="lane" aria-hidden="true">
						<Skeleton width="60%" height="1.25rem" />
						<div class="lane-cards">
							{Array.from({ length: i < 3 ? 2 : 1 }, (_, n) => (
								<div key={n} class="board-card board-card-skeleton">
									<Skeleton width="5rem" height="1rem" />
									<Skeleton width="85%" />
									<Skeleton width="65%" />
								</div>
							))}
						</div>
					</div>
				))}
			</div>
		</SkeletonBlock>
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
