import { useState } from "preact/hooks";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { sendJson, staffPath } from "../consoleApi";
import { ImageUpload } from "../ImageUpload";
import { ActionError, useStaffAction } from "../staffAction";
import { TechnicianForm } from "./TechnicianForm";
import { PHOTO_MAX_BYTES, type Technician } from "./technicianTypes";

type CardProps = { slug: string; technician: Technician; onSaved: (t: Technician) => void };

function BioStatus({ slug, technician, onSaved }: CardProps) {
	const { pending, error, run } = useStaffAction();
	if (!technician.bio) return <p class="muted">No bio.</p>;

	const approve = () =>
		run(async () =>
			onSaved(
				await sendJson<Technician>(
					slug,
					`/technicians/${encodeURIComponent(technician.id)}/approve-bio`,
					"POST",
				),
			),
		);

	return (
		<div class="technician-bio-block">
			<blockquote class="technician-bio">{technician.bio}</blockquote>
			{technician.bioApproved ? (
				<p>
					<span class="tag tag-ok">Bio approved</span> Customers see it.
				</p>
			) : (
				<p>
					<span class="tag tag-neutral">Awaiting approval</span> Customers don't see it yet.{" "}
					<button type="button" class="button-small" disabled={pending} onClick={() => void approve()}>
						Approve bio<span class="visually-hidden"> of {technician.name}</span>
					</button>
				</p>
			)}
			<ActionError error={error} />
		</div>
	);
}

function TechnicianCard({ slug, technician, onSaved }: CardProps) {
	const [editing, setEditing] = useState(false);
	const headingId = `tech-${technician.id}`;
	return (
		<article class="panel technician-panel" aria-labelledby={headingId}>
			<div class="technician-card">
				{technician.photoUrl ? (
					<img class="technician-photo" src={technician.photoUrl} alt="" width={64} height={64} />
				) : (
					<span class="technician-photo technician-photo-empty" aria-hidden="true" />
				)}
				<div>
					<h2 id={headingId} class="technician-name">
						{technician.name} {technician.active ? null : <span class="tag tag-blocked">Inactive</span>}
					</h2>
					<p class="muted">
						{technician.email}
						{technician.phone ? ` · ${technician.phone}` : ""}
					</p>
				</div>
			</div>
			<BioStatus slug={slug} technician={technician} onSaved={onSaved} />
			{editing ? (
				<div class="stack technician-edit">
					<TechnicianForm
						slug={slug}
						technician={technician}
						onSaved={(t) => {
							onSaved(t);
							setEditing(false);
						}}
						onCancel={() => setEditing(false)}
					/>
					<ImageUpload<Technician>
						slug={slug}
						path={`/technicians/${encodeURIComponent(technician.id)}/photo`}
						label="Photo"
						maxBytes={PHOTO_MAX_BYTES}
						onSaved={onSaved}
					/>
				</div>
			) : (
				<button type="button" class="button-secondary button-small" onClick={() => setEditing(true)}>
					Edit<span class="visually-hidden"> {technician.name}</span>
				</button>
			)}
		</article>
	);
}

function Technicians({ slug }: ConsoleContext) {
	const { state, replace } = useResource<Technician[]>(staffPath(slug, "/technicians"));
	const list = "data" in state ? state.data : undefined;
	const [status, setStatus] = useState("");
	const saved = (t: Technician) => {
		const others = (list ?? []).filter((x) => x.id !== t.id);
		replace([...others, t].sort((a, b) => a.name.localeCompare(b.name)));
		setStatus(`Saved ${t.name}.`);
	};
	return (
		<>
			<h1>Technicians</h1>
			<p class="notice-live" role="status">
				{status}
			</p>
			<div class="columns">
				<section aria-label="Your technicians" class="stack">
					{state.status === "error" ? (
						<p class="notice notice-error" role="alert">
							{state.message}
						</p>
					) : null}
					{!list ? <p class="muted">Loading technicians…</p> : null}
					{list?.length === 0 ? <p class="empty-state">No technicians yet.</p> : null}
					{list?.map((t) => (
						<TechnicianCard key={t.id} slug={slug} technician={t} onSaved={saved} />
					))}
				</section>
				<section class="panel" aria-labelledby="add-technician">
					<h2 id="add-technician">Add a technician</h2>
					<TechnicianForm slug={slug} onSaved={saved} />
				</section>
			</div>
		</>
	);
}

/** `/d/:slug/technicians`: add and edit technicians, their photo, and approve their bio. */
export function TechniciansPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Technicians">
			{(context) => <Technicians {...context} />}
		</ConsolePage>
	);
}
