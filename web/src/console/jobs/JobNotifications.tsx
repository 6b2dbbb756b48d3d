import { BellOff, CircleAlert, CircleCheck, Clock, type Mail, RefreshCw } from "lucide";
import type { z } from "zod";
import type { JobDeliveriesSchema } from "../../../../workers/contracts/notifications";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { Skeleton } from "../../shared/ui/Skeleton";
import { useResource } from "../../shared/useResource";
import { staffPath } from "../consoleApi";
import { Tag, type TagTone } from "../Tag";

type Delivery = z.infer<typeof JobDeliveriesSchema>["items"][number];

const KIND: Record<Delivery["kind"], string> = {
	booked: "Booked",
	scheduled: "Scheduled",
	on_the_way: "On the way",
	arriving: "Arriving soon",
	paused: "Paused",
	completed: "Completed",
	cancelled: "Cancelled",
	estimate: "Estimate",
	invoice: "Invoice",
	invoice_overdue: "Overdue reminder",
	receipt: "Receipt",
	not_completed: "Could not complete",
	join_request: "Join request",
	staff_booking: "Booking (dispatchers)",
	staff_note: "Note or photo (dispatchers)",
	staff_estimate_decision: "Estimate decision (dispatchers)",
	staff_payment: "Payment (dispatchers)",
};

const REASON: Record<string, string> = {
	preference: "turned off by the recipient",
	tenant: "stage turned off in settings",
	blocked: "customer blocked",
};

/** How a delivery's state reads: its words, its tone and icon, so colour never says it alone. */
function stateTag(d: Delivery): { label: string; tone: TagTone; icon: typeof Mail } {
	switch (d.state) {
		case "sent":
			return { label: "Sent", tone: "success", icon: CircleCheck };
		case "suppressed":
			return { label: "Suppressed", tone: "neutral", icon: BellOff };
		case "failed":
			return d.dead
				? { label: "Failed", tone: "danger", icon: CircleAlert }
				: { label: "Retrying", tone: "warning", icon: RefreshCw };
		default:
			return { label: "Queued", tone: "info", icon: Clock };
	}
}

/** Who was emailed about the job at each stage, and how far each email got (queued, sent, failed, suppressed). */
export function JobNotifications({
	slug,
	jobId,
	timeZone,
}: {
	slug: string;
	jobId: string;
	timeZone: string;
}) {
	const { state, reload } = useResource<z.infer<typeof JobDeliveriesSchema>>(
		staffPath(slug, `/jobs/${encodeURIComponent(jobId)}/notifications`),
	);
	const items = "data" in state && state.data ? state.data.items : null;
	return (
		<Card as="section" aria-labelledby="job-notifications">
			<h2 id="job-notifications" class="card-title">
				Emails
			</h2>
			{items === null ? (
				state.status === "error" ? (
					<p class="notice notice-error" role="alert">
						The emails didn't load. {state.message}
					</p>
				) : (
					<Skeleton width="70%" />
				)
			) : items.length === 0 ? (
				<p class="muted">No emails about this job yet.</p>
			) : (
				<ul class="job-notifications">
					{items.map((d) => {
						const tag = stateTag(d);
						return (
							<li key={d.id} class="job-notification">
								<span>
									<strong>{KIND[d.kind]}</strong> to {d.email}
								</span>
								<span class="job-notification-state">
									<Tag tone={tag.tone} icon={tag.icon}>
										{tag.label}
									</Tag>
									<span class="muted">
										{d.state === "sent" && d.sentAt
											? formatDateTime(d.sentAt, timeZone)
											: d.state === "suppressed"
												? (REASON[d.reason ?? ""] ?? "")
												: d.attempts > 0
													? `${d.attempts} ${d.attempts === 1 ? "try" : "tries"}`
													: ""}
									</span>
								</span>
							</li>
						);
					})}
				</ul>
			)}
			<Button variant="ghost" onClick={() => void reload()}>
				<span>Refresh</span>
			</Button>
		</Card>
	);
}
