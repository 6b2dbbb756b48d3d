import { CalendarCheck, Inbox, Plus, RotateCcw, Trash } from "lucide";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { jobStatuses } from "../../../../../schema/job-values";
import { LiveJobView } from "../../live/LiveJobView";
import type { LiveJob } from "../../live/useLiveJob";
import { Button, type ButtonVariant } from "../Button";
import { Card } from "../Card";
import { EmptyState } from "../EmptyState";
import { ErrorState } from "../ErrorState";
import { PageHeader } from "../PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../Skeleton";
import { StatusChip } from "../StatusChip";
import "./gallery.css";

const VARIANTS: ButtonVariant[] = ["primary", "secondary", "ghost", "danger"];

const BRAND = {
	name: "Acme Courier",
	logoUrl: "/demo/acme-logo.svg",
	logoSize: { width: 160, height: 40 },
	supportPhone: "+1 212 555 0100",
	tileUrl: "",
	timezone: "America/New_York",
};

const SUBJECT = {
	number: 1031,
	kind: "pickup_delivery" as const,
	technician: { name: "Sam Ortiz", photoUrl: "/demo/tech-sam.svg", bio: null },
	destination: { line1: "350 Fifth Avenue, Floor 21", city: "New York" },
};

/** Live views in the states a customer can meet, from a fix taken `ageMs` ago. */
function liveSample(ageMs: number, eta: LiveJob["eta"], status: LiveJob["status"] = "en_route"): LiveJob {
	return {
		connection: "open",
		status,
		pausedMessage: status === "paused" ? "Back in 10 minutes, waiting at the loading dock." : null,
		position:
			status === "en_route"
				? { lat: 40.742, lng: -73.99, accuracy: 20, heading: null, speed: 8, at: Date.now() - ageMs }
				: null,
		eta,
		destination: status === "en_route" ? { lat: 40.7484, lng: -73.9857 } : null,
	};
}

function Specimen({ title, children }: { title: string; children: ComponentChildren }) {
	return (
		<section class="gallery-specimen" aria-labelledby={`g-${title}`}>
			<h2 id={`g-${title}`}>{title}</h2>
			{children}
		</section>
	);
}

/** `/dev/ui` (development only): every component of the design system in every state. */
export function UiGallery() {
	const [retries, setRetries] = useState(0);
	useEffect(() => {
		document.title = "Design system · Fleet Portal";
	}, []);
	return (
		<main class="frame-row app-main gallery">
			<PageHeader
				title="Design system"
				description="Every component in every state, on the default brand. Development only."
				actions={<Button icon={Plus}>Primary action</Button>}
			/>

			<Specimen title="Buttons">
				{VARIANTS.map((variant) => (
					<div class="gallery-row" key={variant}>
						<Button variant={variant}>{variant}</Button>
						<Button variant={variant} icon={variant === "danger" ? Trash : RotateCcw}>
							With icon
						</Button>
						<Button variant={variant} size="sm">
							Small
						</Button>
						<Button variant={variant} disabled>
							Disabled
						</Button>
						<Button variant={variant} href="#buttons">
							As a link
						</Button>
					</div>
				))}
			</Specimen>

			<Specimen title="Status chips">
				<div class="gallery-row">
					{jobStatuses.map((status) => (
						<StatusChip key={status} status={status} />
					))}
				</div>
			</Specimen>

			<Specimen title="Cards">
				<div class="card-grid">
					<Card>
						<h3>Raised</h3>
						<p>On the canvas: a job, a panel.</p>
					</Card>
					<Card tone="flat">
						<h3>Flat</h3>
						<p>Inside another surface.</p>
					</Card>
					<Card padding="lg">
						<h3>Large padding</h3>
						<p>For a page's one main panel.</p>
					</Card>
				</div>
			</Specimen>

			<Specimen title="Page header">
				<Card>
					<PageHeader
						headingLevel={2}
						back={<a href="#page-header">Back to your jobs</a>}
						title="Job #1031"
						badge={<StatusChip status="en_route" />}
						description="Tue, Dec 1, 9:30 AM – 12:30 PM"
						actions={
							<Button variant="secondary" icon={RotateCcw}>
								Book again
							</Button>
						}
					/>
				</Card>
			</Specimen>

			<Specimen title="Skeletons">
				<SkeletonBlock label="Loading the examples…">
					<Skeleton width="12rem" height="1.75rem" />
					<Skeleton width="70%" />
					<div class="card-grid">
						<SkeletonCard />
						<SkeletonCard />
					</div>
				</SkeletonBlock>
			</Specimen>

			<Specimen title="Empty states">
				<div class="card-grid">
					<EmptyState
						icon={CalendarCheck}
						title="Nothing booked or on the way right now"
						headingLevel={3}
						action={<Button icon={Plus}>Book a pickup</Button>}
					>
						<p>Book one here and it goes straight to dispatch.</p>
					</EmptyState>
					<EmptyState icon={Inbox} title="No jobs here yet" headingLevel={3}>
						<p>Jobs booked for you show up here with their status.</p>
					</EmptyState>
				</div>
			</Specimen>

			<Specimen title="Error states">
				<div class="card-grid">
					<ErrorState
						title="We couldn't load your jobs"
						headingLevel={3}
						onRetry={() => setRetries((n) => n + 1)}
						message={
							retries ? `Still failing after ${retries} ${retries === 1 ? "retry" : "retries"}.` : undefined
						}
					/>
					<ErrorState title="Retrying" headingLevel={3} retrying onRetry={() => undefined} />
				</div>
			</Specimen>

			<Specimen title="Live view">
				<div class="card-grid gallery-live">
					<LiveJobView
						live={liveSample(2_000, {
							seconds: 720,
							confidence: "high",
							arriving: false,
							distanceMeters: 2400,
						})}
						job={SUBJECT}
						branding={BRAND}
						headingLevel={2}
					/>
					<LiveJobView
						live={liveSample(4_000, {
							seconds: 1500,
							confidence: "low",
							arriving: false,
							distanceMeters: 6100,
						})}
						job={SUBJECT}
						branding={BRAND}
					/>
					<LiveJobView
						live={liveSample(3_000, { seconds: 0, confidence: "high", arriving: true, distanceMeters: 90 })}
						job={SUBJECT}
						branding={BRAND}
					/>
					<LiveJobView
						live={liveSample(240_000, { seconds: 0, confidence: "high", arriving: true, distanceMeters: 90 })}
						job={SUBJECT}
						branding={BRAND}
					/>
					<LiveJobView live={liveSample(0, null, "paused")} job={SUBJECT} branding={BRAND} />
				</div>
			</Specimen>
		</main>
	);
}
