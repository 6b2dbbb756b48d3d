import { useState } from "preact/hooks";
import type { z } from "zod";
import type { TrackingLinkSchema } from "../../../../workers/contracts/tracking";
import { apiFetch } from "../../shared/api";
import { FormError } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { formatDateTime } from "../../shared/tenantTime";
import { useApiForm } from "../../shared/useApiForm";
import { customerPath } from "../customerApi";

type TrackingLink = z.infer<typeof TrackingLinkSchema>;

const createTrackingLink = (slug: string, jobId: string) =>
	apiFetch<TrackingLink>(customerPath(slug, `/jobs/${encodeURIComponent(jobId)}/tracking-links`), {
		method: "POST",
		body: "{}",
	});

/**
 * Lets the customer share a read-only live view of the job (with the recipient at the
 * drop-off, say): no account needed, no history shown, it stops working when the job ends.
 */
export function ShareTracking({ slug, jobId, timeZone }: { slug: string; jobId: string; timeZone: string }) {
	const form = useApiForm<never>(() => undefined);
	const [link, setLink] = useState<TrackingLink | null>(null);
	const [copied, setCopied] = useState(false);
	const inputId = `tracking-link-${jobId}`;

	if (!link) {
		return (
			<section class="share-tracking" aria-labelledby="share-tracking-title">
				<h2 id="share-tracking-title">{t("portal.share.heading")}</h2>
				<p class="muted">{t("portal.share.intro")}</p>
				<button
					type="button"
					disabled={form.submitting}
					onClick={() => void form.submit(async () => setLink(await createTrackingLink(slug, jobId)))}
				>
					{form.submitting ? t("portal.share.creating") : t("portal.share.create")}
				</button>
				<FormError message={form.formError} />
			</section>
		);
	}
	return (
		<section class="share-tracking" aria-labelledby="share-tracking-title">
			<h2 id="share-tracking-title">{t("portal.share.heading")}</h2>
			<div class="field">
				<label for={inputId}>{t("portal.share.link")}</label>
				<input
					id={inputId}
					class="field-input"
					readOnly
					value={link.url}
					onFocus={(e) => e.currentTarget.select()}
				/>
			</div>
			<p class="muted">{t("portal.share.works", { date: formatDateTime(link.expiresAt, timeZone) })}</p>
			<div class="actions">
				<button
					type="button"
					onClick={() =>
						void navigator.clipboard
							?.writeText(link.url)
							.then(() => setCopied(true))
							.catch(() => setCopied(false))
					}
				>
					{t("portal.share.copy")}
				</button>
				{typeof navigator.share === "function" ? (
					<button
						type="button"
						class="button-secondary"
						onClick={() =>
							void navigator.share({ url: link.url, title: t("area.tracking") }).catch(() => undefined)
						}
					>
						{t("portal.share.share")}
					</button>
				) : null}
			</div>
			<p role="status" class="muted">
				{copied ? t("portal.share.copied") : ""}
			</p>
		</section>
	);
}
