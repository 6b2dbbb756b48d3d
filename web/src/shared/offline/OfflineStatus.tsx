import { t } from "../i18n/i18n";
import { formatDateTime, formatTime, localDate } from "../tenantTime";
import { Button } from "../ui/Button";
import { showingSavedFrom } from "./savedAnswers";
import { offlineReady, reloadIntoUpdate, updateReady } from "./serviceWorker";
import "./offline.css";

/** When the saved answers were seen: the time alone today, the date too on another day. */
function seenAt(at: number, timeZone: string): string {
	const today = localDate(Date.now(), timeZone) === localDate(at, timeZone);
	return today ? formatTime(at, timeZone) : formatDateTime(new Date(at).toISOString(), timeZone);
}

/** The app's connection and version notices, under the header: offline answers, a waiting update. */
export function OfflineStatus({ timeZone }: { timeZone: string }) {
	const savedFrom = showingSavedFrom.value;
	return (
		<div class="frame-row offline-status" role="status">
			{savedFrom !== null ? (
				<p class="offline-notice">{t("offline.showingSaved", { time: seenAt(savedFrom, timeZone) })}</p>
			) : null}
			{updateReady.value ? (
				<p class="offline-notice offline-update">
					<span>{t("offline.updateReady")}</span>
					<Button size="sm" onClick={() => void reloadIntoUpdate()}>
						{t("offline.reload")}
					</Button>
				</p>
			) : null}
			{offlineReady.value && savedFrom === null && !updateReady.value ? (
				<p class="offline-notice offline-ready">
					<span>{t("offline.ready")}</span>
					<Button
						size="sm"
						variant="ghost"
						onClick={() => {
							offlineReady.value = false;
						}}
					>
						{t("offline.dismiss")}
					</Button>
				</p>
			) : null}
		</div>
	);
}
