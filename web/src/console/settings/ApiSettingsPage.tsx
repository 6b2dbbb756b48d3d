import { ShieldBan } from "lucide";
import "../../portal/booking/booking.css";
import { useId, useState } from "preact/hooks";
import { apiFetch } from "../../shared/api";
import { TextField } from "../../shared/fields";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock } from "../../shared/ui/Skeleton";
import { useApiForm } from "../../shared/useApiForm";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, isAdmin, sendJson, staffPath } from "../consoleApi";
import { DataTable } from "../DataTable";
import { FormFooter } from "../FormFooter";
import { ActionError, useStaffAction } from "../staffAction";

const SCOPES = [
	["jobs:read", "Read jobs"],
	["jobs:write", "Create and change jobs"],
	["customers:read", "Read customers"],
	["estimates:read", "Read estimates"],
	["invoices:read", "Read invoices"],
	["webhooks:manage", "Manage webhook endpoints"],
] as const;

const EVENTS = [
	"job.created",
	"job.assigned",
	"job.status_changed",
	"booking.created",
	"estimate.approved",
	"estimate.changes_requested",
	"invoice.paid",
	"survey.submitted",
	"customer.blocked",
] as const;

type ApiKey = {
	id: string;
	name: string;
	prefix: string;
	scopes: string[];
	createdAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
};
type Endpoint = {
	id: string;
	url: string;
	events: string[];
	createdAt: string;
	disabledAt: string | null;
	failingSince: string | null;
	previousSecretExpiresAt: string | null;
};
type Delivery = {
	id: string;
	eventId: string;
	eventType: string;
	state: "pending" | "retrying" | "delivered" | "failed";
	attempts: number;
	responseCode: number | null;
	error: string | null;
	createdAt: string;
	lastAttemptAt: string | null;
};

const when = (iso: string | null) =>
	iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "Never";

/** A secret shown once, with a copy button. */
function ShownOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
	const [copied, setCopied] = useState(false);
	return (
		<div class="notice notice-success stack" role="status">
			<p>
				<strong>{label}</strong> It is shown only this once: copy it now and keep it somewhere safe.
			</p>
			<code class="break-anywhere" data-testid="shown-once">
				{value}
			</code>
			<div class="actions">
				<button
					type="button"
					class="ui-button ui-button-secondary ui-button-sm"
					onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
				>
					{copied ? "Copied" : "Copy"}
				</button>
				<button type="button" class="ui-button ui-button-ghost ui-button-sm" onClick={onDone}>
					I have copied it
				</button>
			</div>
		</div>
	);
}

function ApiKeys({ slug }: { slug: string }) {
	const id = useId();
	const { state, reload } = useResource<ApiKey[]>(staffPath(slug, "/api-keys"));
	const [name, setName] = useState("");
	const [scopes, setScopes] = useState<string[]>(["jobs:read", "jobs:write"]);
	const [created, setCreated] = useState<string>();
	const form = useApiForm<"name" | "scopes">((f) =>
		f === "name" ? "name" : f.startsWith("scopes") ? "scopes" : undefined,
	);
	const revoke = useStaffAction();
	const list = "data" in state ? state.data : undefined;

	async function create(event: Event) {
		event.preventDefault();
		if (!name.trim()) return form.showErrors({ name: "Name the key, e.g. the system that will use it." });
		await form.submit(async () => {
			const answer = await sendJson<{ id: string; key: string }>(slug, "/api-keys", "POST", { name, scopes });
			setCreated(answer.key);
			setName("");
			await reload();
		});
	}

	return (
		<section class="panel" aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>API keys</h2>
			<p class="panel-intro">
				For your other systems: send the key as <code>Authorization: Bearer …</code> to{" "}
				<code>/api/v1/{slug}/…</code>. See the <a href="/api/docs">API reference</a>.
			</p>
			{created ? (
				<ShownOnce label="Your new API key." value={created} onDone={() => setCreated(undefined)} />
			) : null}
			{state.status === "error" ? (
				<ErrorState
					title="We couldn't load your API keys"
					message={state.message}
					headingLevel={3}
					onRetry={() => void reload()}
				/>
			) : null}
			{!list ? (
				<SkeletonBlock label="Loading API keys…">
					<Skeleton width="80%" />
				</SkeletonBlock>
			) : list.length ? (
				<DataTable columns={["Name", "Key", "Scopes", "Last used", ""]}>
					{list.map((k) => (
						<tr key={k.id}>
							<td>{k.name}</td>
							<td>
								<code>{k.prefix}…</code>
							</td>
							<td>{k.scopes.join(", ")}</td>
							<td>{when(k.lastUsedAt)}</td>
							<td>
								{k.revokedAt ? (
									<span class="muted">Revoked {when(k.revokedAt)}</span>
								) : (
									<button
										type="button"
										class="ui-button ui-button-danger ui-button-sm"
										disabled={revoke.pending}
										onClick={() =>
											void revoke.run(async () => {
												await apiFetch(staffPath(slug, `/api-keys/${encodeURIComponent(k.id)}`), {
													method: "DELETE",
												});
												await reload();
											})
										}
									>
										Revoke<span class="visually-hidden"> {k.name}</span>
									</button>
								)}
							</td>
						</tr>
					))}
				</DataTable>
			) : (
				<p class="muted">No API keys yet.</p>
			)}
			<ActionError error={revoke.error} />
			<form ref={form.formRef} class="stack" noValidate onSubmit={create} aria-labelledby={`${id}-new`}>
				<h3 id={`${id}-new`}>Create an API key</h3>
				<TextField
					id={`${id}-name`}
					type="text"
					label="Name"
					hint="What will use it, e.g. “Order system”."
					value={name}
					disabled={form.submitting}
					error={form.errors.name}
					onInput={(e) => setName(e.currentTarget.value)}
				/>
				<fieldset class="booking-section">
					<legend>Scopes</legend>
					{SCOPES.map(([scope, label]) => (
						<label key={scope} class="check">
							<input
								type="checkbox"
								checked={scopes.includes(scope)}
								onChange={(e) =>
									setScopes(e.currentTarget.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
								}
							/>{" "}
							{label} <code>{scope}</code>
						</label>
					))}
					<ActionError error={form.errors.scopes} />
				</fieldset>
				<FormFooter error={form.formError} submitting={form.submitting} label="Create API key" />
			</form>
		</section>
	);
}

function Deliveries({ slug, endpointId }: { slug: string; endpointId: string }) {
	const { state, reload } = useResource<Delivery[]>(
		staffPath(slug, `/webhooks/${encodeURIComponent(endpointId)}/deliveries`),
	);
	const resend = useStaffAction();
	const list = "data" in state ? state.data : undefined;
	return (
		<div class="stack">
			<div class="actions">
				<h4>Recent deliveries</h4>
				<button type="button" class="ui-button ui-button-ghost ui-button-sm" onClick={() => void reload()}>
					Refresh
				</button>
			</div>
			{!list ? (
				<SkeletonBlock label="Loading deliveries…">
					<Skeleton width="70%" />
				</SkeletonBlock>
			) : list.length ? (
				<DataTable columns={["Event", "Status", "Response", "Time", ""]}>
					{list.map((d) => (
						<tr key={d.id}>
							<td>
								<code>{d.eventType}</code>
							</td>
							<td>
								{d.state === "delivered"
									? "Delivered"
									: d.state === "failed"
										? "Failed"
										: d.state === "retrying"
											? `Retrying (${d.attempts} tries)`
											: "Pending"}
								{d.error ? <span class="muted"> — {d.error}</span> : null}
							</td>
							<td>{d.responseCode ?? "—"}</td>
							<td>{when(d.lastAttemptAt ?? d.createdAt)}</td>
							<td>
								<button
									type="button"
									class="ui-button ui-button-secondary ui-button-sm"
									disabled={resend.pending}
									onClick={() =>
										void resend.run(async () => {
											await sendJson(
												slug,
												`/webhooks/${encodeURIComponent(endpointId)}/deliveries/${encodeURIComponent(d.id)}/resend`,
												"POST",
											);
											await reload();
										})
									}
								>
									Resend<span class="visually-hidden"> {d.eventType}</span>
								</button>
							</td>
						</tr>
					))}
				</DataTable>
			) : (
				<p class="muted">Nothing sent yet.</p>
			)}
			<ActionError error={resend.error} />
		</div>
	);
}

function Webhooks({ slug }: { slug: string }) {
	const id = useId();
	const { state, reload } = useResource<Endpoint[]>(staffPath(slug, "/webhooks"));
	const [url, setUrl] = useState("");
	const [events, setEvents] = useState<string[]>([...EVENTS]);
	const [secret, setSecret] = useState<string>();
	const form = useApiForm<"url" | "events">((f) =>
		f === "url" ? "url" : f.startsWith("events") ? "events" : undefined,
	);
	const action = useStaffAction();
	const list = "data" in state ? state.data : undefined;

	async function add(event: Event) {
		event.preventDefault();
		if (!url.trim()) return form.showErrors({ url: "Enter the address to send events to." });
		await form.submit(async () => {
			const answer = await sendJson<{ id: string; secret: string }>(slug, "/webhooks", "POST", {
				url,
				events,
			});
			setSecret(answer.secret);
			setUrl("");
			await reload();
		});
	}

	return (
		<section class="panel" aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>Webhooks</h2>
			<p class="panel-intro">
				Events are POSTed to your endpoints as they happen, signed per Standard Webhooks, and retried for a
				day and more when an endpoint fails.
			</p>
			{secret ? (
				<ShownOnce
					label="The endpoint's signing secret."
					value={secret}
					onDone={() => setSecret(undefined)}
				/>
			) : null}
			{state.status === "error" ? (
				<ErrorState
					title="We couldn't load your webhooks"
					message={state.message}
					headingLevel={3}
					onRetry={() => void reload()}
				/>
			) : null}
			{!list ? (
				<SkeletonBlock label="Loading webhooks…">
					<Skeleton width="80%" />
				</SkeletonBlock>
			) : (
				list.map((e) => (
					<article key={e.id} class="stack webhook-endpoint" aria-label={`Endpoint ${e.url}`}>
						<h3 class="break-anywhere">{e.url}</h3>
						<p class="muted">
							{e.events.join(", ")}
							{e.disabledAt ? ` — disabled ${when(e.disabledAt)} after failing for days` : ""}
							{e.previousSecretExpiresAt
								? ` — the previous secret signs too until ${when(e.previousSecretExpiresAt)}`
								: ""}
						</p>
						<div class="actions">
							<button
								type="button"
								class="ui-button ui-button-secondary ui-button-sm"
								disabled={action.pending}
								onClick={() =>
									void action.run(async () => {
										const rotated = await sendJson<{ secret: string }>(
											slug,
											`/webhooks/${encodeURIComponent(e.id)}/rotate-secret`,
											"POST",
										);
										setSecret(rotated.secret);
										await reload();
									})
								}
							>
								Rotate secret
							</button>
							{e.disabledAt ? (
								<button
									type="button"
									class="ui-button ui-button-secondary ui-button-sm"
									disabled={action.pending}
									onClick={() =>
										void action.run(async () => {
											await sendJson(slug, `/webhooks/${encodeURIComponent(e.id)}/enable`, "POST");
											await reload();
										})
									}
								>
									Turn back on
								</button>
							) : null}
							<button
								type="button"
								class="ui-button ui-button-danger ui-button-sm"
								disabled={action.pending}
								onClick={() =>
									void action.run(async () => {
										await apiFetch(staffPath(slug, `/webhooks/${encodeURIComponent(e.id)}`), {
											method: "DELETE",
										});
										await reload();
									})
								}
							>
								Delete
							</button>
						</div>
						<Deliveries slug={slug} endpointId={e.id} />
					</article>
				))
			)}
			<ActionError error={action.error} />
			<form ref={form.formRef} class="stack" noValidate onSubmit={add} aria-labelledby={`${id}-new`}>
				<h3 id={`${id}-new`}>Add an endpoint</h3>
				<TextField
					id={`${id}-url`}
					type="text"
					inputMode="url"
					label="Endpoint URL"
					hint="An https:// address that answers 2xx within 10 seconds."
					value={url}
					disabled={form.submitting}
					error={form.errors.url}
					onInput={(e) => setUrl(e.currentTarget.value)}
				/>
				<fieldset class="booking-section">
					<legend>Events</legend>
					{EVENTS.map((type) => (
						<label key={type} class="check">
							<input
								type="checkbox"
								checked={events.includes(type)}
								onChange={(e) =>
									setEvents(e.currentTarget.checked ? [...events, type] : events.filter((x) => x !== type))
								}
							/>{" "}
							<code>{type}</code>
						</label>
					))}
					<ActionError error={form.errors.events} />
				</fieldset>
				<FormFooter error={form.formError} submitting={form.submitting} label="Add endpoint" />
			</form>
		</section>
	);
}

function ApiSettings({ slug, me }: ConsoleContext) {
	const description = "API keys for your other systems, and webhooks that tell them what changes.";
	if (!isAdmin(me.role)) {
		return (
			<>
				<PageHeader title="API and webhooks" description={description} />
				<EmptyState icon={ShieldBan} title="Only an admin can manage API keys and webhooks">
					<p>Ask an admin of your team.</p>
				</EmptyState>
			</>
		);
	}
	return (
		<>
			<PageHeader title="API and webhooks" description={description} />
			<p>
				<a href={consolePath(slug, "/settings")}>Back to settings</a>
			</p>
			<div class="settings-grid">
				<div class="stack">
					<ApiKeys slug={slug} />
				</div>
				<div class="stack">
					<Webhooks slug={slug} />
				</div>
			</div>
		</>
	);
}

/** `/d/:slug/settings/api` (admins only): API keys and webhook endpoints with their deliveries. */
export function ApiSettingsPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="API and webhooks">
			{(context) => <ApiSettings {...context} />}
		</ConsolePage>
	);
}
