import { Copy, Link2, Link2Off, Radio } from "lucide";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { z } from "zod";
import type { TrackingLinkListSchema, TrackingLinkSchema } from "../../../../workers/contracts/tracking";
import { ApiError, apiFetch } from "../../shared/api";
import { FormError } from "../../shared/fields";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Skeleton, SkeletonBlock } from "../../shared/ui/Skeleton";
import { useApiForm } from "../../shared/useApiForm";
import { useResource } from "../../shared/useResource";
import { sendJson, staffPath } from "../consoleApi";
import { Tag } from "../Tag";

/** `GET /api/d/:slug/jobs/:id/tracking-links`: never the link itself, only its hash is kept. */
type TrackingLinkSummary = z.infer<typeof TrackingLinkListSchema>["items"][number];
/** The answer to creating one: the only time its URL is known. */
type CreatedLink = z.infer<typeof TrackingLinkSchema>;

type Props = { slug: string; jobId: string; finished: boolean; timeZone: string };

const linksPath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}/tracking-links`;

/** What a link does now, for its tag; only a live one can be revoked. */
function linkState(link: TrackingLinkSummary, finished: boolean): "Live" | "Revoked" | "Expired" | "Ended" {
	if (link.revokedAt) return "Revoked";
	if (Date.parse(link.expiresAt) <= Date.now()) return "Expired";
	return finished ? "Ended" : "Live";
}

const creator = (by: TrackingLinkSummary["createdBy"]) =>
	by.name ?? (by.type === "contact" ? "the customer" : "staff");

type RowProps = {
	slug: string;
	link: TrackingLinkSummary;
	finished: boolean;
	timeZone: string;
	onRevoked: (id: string) => void;
};

/** One link: when and by whom it was made, until when it works, and Revoke after a confirmation. */
function TrackingLinkRow({ slug, link, finished, timeZone, onRevoked }: RowProps) {
	const id = useId();
	const [confirming, setConfirming] = useState(false);
	const [pending, setPending] = useState(false);
	const [error, setError] = useState<string>();
	const revokeRef = useRef<HTMLButtonElement>(null);
	const confirmRef = useRef<HTMLButtonElement>(null);
	const state = linkState(link, finished);
	const created = formatDateTime(link.createdAt, timeZone);

	useEffect(() => {
		if (confirming) confirmRef.current?.focus();
	}, [confirming]);

	async function revoke() {
		setPending(true);
		setError(undefined);
		try {
			await apiFetch<void>(staffPath(slug, `/tracking-links/${encodeURIComponent(link.id)}`), {
				method: "DELETE",
			});
			setConfirming(false);
			onRevoked(link.id);
		} catch (err) {
			setError(err instanceof ApiError ? err.message : "Something went wrong. Please try again.");
		} finally {
			setPending(false);
		}
	}

	return (
		<li class="tracking-link">
			<p class="tracking-link-line">
				<Tag tone={state === "Live" ? "success" : "neutral"} icon={state === "Live" ? Radio : Link2Off}>
					{state}
				</Tag>{" "}
				Created <time dateTime={link.createdAt}>{created}</time> by {creator(link.createdBy)}
			</p>
			<p class="tracking-link-when">
				<span>
					{link.revokedAt ? (
						<>
							Revoked <time dateTime={link.revokedAt}>{formatDateTime(link.revokedAt, timeZone)}</time>
						</>
					) : (
						<>
							{state === "Expired" ? "Expired" : "Expires"}{" "}
							<time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt, timeZone)}</time>
							{state === "Live" ? ", or when the job ends" : null}
						</>
					)}
				</span>
			</p>
			{state === "Live" ? (
				<div>
					<button
						ref={revokeRef}
						type="button"
						class="ui-button ui-button-secondary ui-button-sm"
						aria-label={`Revoke the link created ${created}`}
						aria-expanded={confirming}
						aria-controls={`${id}-confirm`}
						disabled={pending}
						onClick={() => setConfirming(true)}
					>
						Revoke
					</button>
				</div>
			) : null}
			{confirming ? (
				<section id={`${id}-confirm`} class="confirm" aria-labelledby={`${id}-question`}>
					<p id={`${id}-question`}>
						<strong>Revoke this tracking link?</strong>
					</p>
					<p>Anyone watching through it loses the live view at once. This cannot be undone.</p>
					{error ? (
						<p class="field-error" role="alert">
							{error}
						</p>
					) : null}
					<div class="actions">
						<button
							ref={confirmRef}
							type="button"
							class="ui-button ui-button-danger"
							disabled={pending}
							onClick={() => void revoke()}
						>
							Yes, revoke
						</button>
						<button
							type="button"
							class="ui-button ui-button-secondary"
							disabled={pending}
							onClick={() => {
								setConfirming(false);
								setError(undefined);
								requestAnimationFrame(() => revokeRef.current?.focus());
							}}
						>
							Keep it
						</button>
					</div>
				</section>
			) : null}
		</li>
	);
}

/**
 * A job's read-only tracking links: create one (its URL is shown once, to copy and send), see
 * the live and ended ones, and revoke a live one — whoever watches through it is cut off at once.
 */
export function TrackingLinks({ slug, jobId, finished, timeZone }: Props) {
	const list = useResource<z.infer<typeof TrackingLinkListSchema>>(staffPath(slug, linksPath(jobId)));
	const form = useApiForm<never>(() => undefined);
	const [created, setCreated] = useState<CreatedLink | null>(null);
	const [announcement, setAnnouncement] = useState("");
	const headingRef = useRef<HTMLHeadingElement>(null);
	const urlRef = useRef<HTMLInputElement>(null);
	const urlId = useId();

	const create = () =>
		form.submit(async () => {
			const link = await sendJson<CreatedLink>(slug, linksPath(jobId), "POST", {});
			setCreated(link);
			setAnnouncement("Tracking link created. Copy it now: it is shown only this once.");
			void list.reload();
			requestAnimationFrame(() => urlRef.current?.select());
		});

	async function copy(url: string) {
		try {
			await navigator.clipboard.writeText(url);
			setAnnouncement("Link copied.");
		} catch {
			urlRef.current?.select();
			setAnnouncement("Copying failed: the link is selected, copy it with your keyboard.");
		}
	}

	function revoked(id: string) {
		if (created?.id === id) setCreated(null);
		setAnnouncement("Tracking link revoked. Anyone watching through it has lost the live view.");
		void list.reload();
		// Its Revoke button is gone; keep the keyboard in this section.
		headingRef.current?.focus();
	}

	// The last answer stays on screen while a reload runs or fails.
	const items = "data" in list.state ? list.state.data?.items : undefined;
	return (
		<section class="panel" aria-labelledby={`${urlId}-title`}>
			<h2 id={`${urlId}-title`} ref={headingRef} tabIndex={-1}>
				Tracking links
			</h2>
			<p class="panel-intro">
				Anyone with a link sees this job's live status and position, nothing else, without an account. A link
				stops working when the job ends, when it expires, or when you revoke it.
			</p>
			{finished ? null : (
				<div>
					<Button icon={Link2} disabled={form.submitting} onClick={() => void create()}>
						{form.submitting ? "Creating link…" : "Create tracking link"}
					</Button>
					<FormError message={form.formError} />
				</div>
			)}
			{created ? (
				<div class="tracking-link-new">
					<div class="field">
						<label for={urlId}>New tracking link</label>
						<input
							ref={urlRef}
							id={urlId}
							class="field-input"
							readOnly
							value={created.url}
							aria-describedby={`${urlId}-hint`}
							onFocus={(e) => e.currentTarget.select()}
						/>
						<p id={`${urlId}-hint`} class="field-hint">
							Shown only this once: copy it and send it. It works until the job ends, at the latest{" "}
							{formatDateTime(created.expiresAt, timeZone)}.
						</p>
					</div>
					<div class="actions">
						<Button variant="secondary" icon={Copy} onClick={() => void copy(created.url)}>
							Copy link
						</Button>
					</div>
				</div>
			) : null}
			<p class="notice-live" role="status">
				{announcement}
			</p>
			{list.state.status === "error" ? (
				<p class="notice notice-error" role="alert">
					{list.state.message}
				</p>
			) : null}
			{items === undefined ? (
				list.state.status === "loading" ? (
					<SkeletonBlock label="Loading the links…">
						<Skeleton width="70%" />
						<Skeleton width="50%" />
					</SkeletonBlock>
				) : null
			) : items.length === 0 ? (
				<p class="tracking-links-empty">No tracking links yet.</p>
			) : (
				<ul class="plain-list tracking-link-list" aria-label="Tracking links of this job">
					{items.map((link) => (
						<TrackingLinkRow
							key={link.id}
							slug={slug}
							link={link}
							finished={finished}
							timeZone={timeZone}
							onRevoked={revoked}
						/>
					))}
				</ul>
			)}
		</section>
	);
}
