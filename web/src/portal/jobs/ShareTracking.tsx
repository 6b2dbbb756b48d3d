import { useState } from "preact/hooks";
import type { z } from "zod";
import type { TrackingLinkSchema } from "../../../../workers/contracts/tracking";
import { apiFetch } from "../../shared/api";
import { FormError } from "../../shared/fields";
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
				<h2 id="share-tracking-title">Share live tracking</h2>
				<p class="muted">
					Someone without an account can watch this job live with a link. It stops working when the job ends.
				</p>
				<button
					type="button"
					disabled={form.submitting}
					onClick={() => void form.submit(async () => setLink(await createTrackingLink(slug, jobId)))}
				>
					{form.submitting ? "Creating link…" : "Create tracking link"}
				</button>
				<FormError message={form.formError} />
			</section>
		);
	}
	return (
		<section class="share-tracking" aria-labelledby="share-tracking-title">
			<h2 id="share-tracking-title">Share live tracking</h2>
			<div class="field">
				<label for={inputId}>Tracking link</label>
				<input
					id={inputId}
					class="field-input"
					readOnly
					value={link.url}
					onFocus={(e) => e.currentTarget.select()}
				/>
			</div>
			<p class="muted">
				Works until the job ends, at the latest {formatDateTime(link.expiresAt, timeZone)}. Anyone with it
				sees the job's live status and position, nothing else.
			</p>
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
					Copy link
				</button>
				{typeof navigator.share === "function" ? (
					<button
						type="button"
						class="button-secondary"
						onClick={() =>
							void navigator.share({ url: link.url, title: "Live tracking" }).catch(() => undefined)
						}
					>
						Share…
					</button>
				) : null}
			</div>
			<p role="status" class="muted">
				{copied ? "Link copied." : ""}
			</p>
		</section>
	);
}
