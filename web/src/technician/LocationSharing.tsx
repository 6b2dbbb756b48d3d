import { CircleX, Radio, WifiOff } from "lucide";
import { useEffect, useState } from "preact/hooks";
import { t } from "../shared/i18n/i18n";
import { Icon } from "../shared/ui/Icon";
import { type SharingStatus, sharePosition } from "./positionSharing";
import { technicianLivePath } from "./technicianApi";

/** What the technician reads about their location sharing. */
function sharingText({ connection, saved }: SharingStatus): string {
	switch (connection) {
		case "open":
			return t("sharing.open");
		case "connecting":
			return t("sharing.connecting");
		case "waiting":
			return saved > 0 ? t("sharing.offline", { saved }) : t("sharing.reconnecting");
		case "closed":
			return t("sharing.closed");
	}
}

/** What went wrong finding the phone's position, for the technician. */
function problemText(problem: NonNullable<SharingStatus["problem"]>): string {
	switch (problem) {
		case "unsupported":
			return t("sharing.problem.unsupported");
		case "blocked":
			return t("sharing.problem.blocked");
		case "unavailable":
			return t("sharing.problem.unavailable");
		case "timeout":
			return t("sharing.problem.timeout");
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
				<Icon
					icon={status.connection === "open" ? Radio : status.connection === "closed" ? CircleX : WifiOff}
				/>
				{sharingText(status)}
			</p>
			{status.problem ? (
				<p class="notice notice-error" role="alert">
					{problemText(status.problem)}
				</p>
			) : null}
		</div>
	);
}
