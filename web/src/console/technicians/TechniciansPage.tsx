import { BadgeCheck, CircleSlash, Hourglass, Pencil, Wrench } from "lucide";
import { useState } from "preact/hooks";
import { initials } from "../../shared/auth/HeaderMenu";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { sendJson, staffPath } from "../consoleApi";
import { ImageUpload } from "../ImageUpload";
import { ListSkeleton } from "../ListSkeleton";
import { ActionError, useStaffAction } from "../staffAction";
import { Tag } from "../Tag";
import { TechnicianForm } from "./TechnicianForm";
import { PHOTO_MAX_BYTES, type Technician } from "./technicianTypes";

type CardProps = { slug: string; technician: Technician; onSaved: (t: Technician) => void };

function BioStatus({ slug, technician, onSaved }: CardProps) {
	const { pending, error, run } = useStaffAction();
	if (!technician.bio)
		return <p class="tech-profile-contact">No bio yet. Customers see a bio only once you approve it.</p>;

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
		<div class="tech-profile-bio">
			<blockquote>{technician.bio}</blockquote>
			{technician.bioApproved ? (
				<p class="tech-profile-approval">
					<Tag tone="success" icon={BadgeCheck}>
						Bio approved
					</Tag>
					Customers see it.
				</p>
			) : (
				<p class="tech-profile-approval">
					<Tag tone="warning" icon={Hourglass}>
						Awaiting approval
					</Tag>
					Customers don't see it yet.
					<button
						type="button"
						class="ui-button ui-button-primary ui-button-sm"
						disabled={pending}
						onClick={() => void approve()}
					>
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
		<article class="panel tech-profile" aria-labelledby={headingId}>
			<div class="tech-profile-head">
				{technician.photoUrl ? (
					<img class="avatar avatar-lg" src={technician.photoUrl} alt="" width={64} height={64} />
				) : (
					<span class="avatar avatar-lg" aria-hidden="true">
						{initials(technician.name)}
					</span>
				)}
				<div>
					<h2 id={headingId} class="tech-profile-name">
						{technician.name}{" "}
						{technician.active ? null : (
							<Tag tone="danger" icon={CircleSlash}>
								Inactive
							</Tag>
						)}
					</h2>
					<p class="tech-profile-contact">
						{technician.email}
						{technician.phone ? ` · ${technician.phone}` : ""}
					</p>
				</div>
			</div>
			<BioStatus slug={slug} technician={technician} onSaved={onSaved} />
			{editing ? (
				<div class="stack tech-profile-edit">
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
				<div>
					<button
						type="button"
						class="ui-button ui-button-secondary ui-button-sm"
						onClick={() => setEditing(true)}
					>
						<Icon icon={Pencil} size={16} />
						<span>
							Edit<span class="visually-hidden"> {technician.name}</span>
						</span>
					</button>
				</div>
			)}
		</article>
	);
}

function Technicians({ slug }: ConsoleContext) {
	const { state, replace, reload } = useResource<Technician[]>(staffPath(slug, "/technicians"));
	const list = "data" in state ? state.data : undefined;
	const [status, setStatus] = useState("");
	const saved = (t: Technician) => {
		const others = (list ?? []).filter((x) => x.id !== t.id);
		replace([...others, t].sort((a, b) => a.name.localeCompare(b.name)));
		setStatus(`Saved ${t.name}.`);
	};
	return (
		<>
			<PageHeader
				title="Technicians"
				description="Who drives and does the work: their contact details, photo and the bio customers see."
			/>
			<p class="notice-live" role="status">
				{status}
			</p>
			<div class="console-columns">
				<section aria-label="Your technicians" class="console-column">
					{state.status === "error" && !list ? (
						<ErrorState
							title="We couldn't load your technicians"
							message={state.message}
							onRetry={() => void reload()}
						/>
					) : !list ? (
						<ListSkeleton label="Loading technicians…" />
					) : list.length === 0 ? (
						<EmptyState icon={Wrench} title="No technicians yet">
							<p>
								Add your first technician with the form beside this list. They sign in to the technician app
								with their email and see the jobs you assign them.
							</p>
						</EmptyState>
					) : (
						<div class="tech-profile-list">
							{list.map((t) => (
								<TechnicianCard key={t.id} slug={slug} technician={t} onSaved={saved} />
							))}
						</div>
					)}
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
