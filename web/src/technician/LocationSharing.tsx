import { useEffect, useState } from "preact/hooks";
import { type SharingStatus, sharePosition } from "./positionSharing";
import { technicianLivePath } from "./technicianApi";

/** What the technician reads about their location sharing. */
function sharingText({ connection, saved }: SharingStatus): string {
	switch (connection) {
		case "open":
			return "Sharing location";
		case "connecting":
			return "Connecting…";
		case "waiting":
			return saved > 0 ? `Offline — ${saved} ${saved === 1 ? "point" : "points"} saved` : "Reconnecting…";
		case "closed":
			return "Not sharing: your session ended. Sign in again to share your location.";
	}
}

/**
 * Shares the phone's position for one job while mounted (the job is en route), and says
 * how that is going in a live region.
 */
export function LocationSharing({ slug, jobId }: { slug: string; jobId: string }) {
	const [status, setStatus] = useState<SharingStatus>({ connection: "connecting", saved: 0, problem: null });
	useEffect(
		() => sharePosition(technicianLivePath(slug, jobId), navigator.geolocation, setStatus),
		[slug, jobId],
	);
	return (
		<div class="sharing">
			<p class="sharing-state" role="status" data-connection={status.connection}>
				{sharingText(status)}
			</p>
			{status.problem ? (
				<p class="notice notice-error" role="alert">
					{status.problem}
				</p>
			) : null}
		</div>
	);
}
