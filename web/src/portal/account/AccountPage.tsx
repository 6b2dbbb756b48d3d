import { Check, MapPin, Trash2, UserPlus, X } from "lucide";
import type { TargetedSubmitEvent } from "preact";
import { useCallback, useEffect, useId, useState } from "preact/hooks";
import type { z } from "zod";
import type { AccountAdminSchema } from "../../../../workers/contracts/account";
import { ApiError, apiFetch } from "../../shared/api";
import type { Me } from "../../shared/auth/session";
import { FormError, SelectField, TextAreaField, TextField } from "../../shared/fields";
import { errorText } from "../../shared/i18n/errors";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { ErrorState } from "../../shared/ui/ErrorState";
import { PageHeader } from "../../shared/ui/PageHeader";
import { SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { useApiForm } from "../../shared/useApiForm";
import { customerPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import "./account.css";

type AccountAdmin = z.infer<typeof AccountAdminSchema>;
type Colleague = AccountAdmin["colleagues"][number];
type Location = AccountAdmin["locations"][number];

const ROLES = ["admin", "booker", "billing", "viewer"] as const;
type Role = (typeof ROLES)[number];

const roleLabel = (role: string) => t("portal.account.role", { role });

/** Sends a change and answers the account as it is after it. */
const change = (slug: string, path: string, method: string, body?: unknown) =>
	apiFetch<AccountAdmin>(customerPath(slug, `/account${path}`), {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
	});

type Changer = (path: string, method: string, body?: unknown) => Promise<boolean>;

function InviteForm({
	slug,
	account,
	onChanged,
}: {
	slug: string;
	account: AccountAdmin;
	onChanged: (next: AccountAdmin) => void;
}) {
	const id = useId();
	const form = useApiForm<"email" | "name" | "role" | "locationIds">((f) =>
		f === "email" || f === "name" || f === "role" || f === "locationIds" ? f : undefined,
	);
	const [draft, setDraft] = useState({
		email: "",
		name: "",
		role: "booker" as Role,
		locationIds: [] as string[],
	});
	const [sent, setSent] = useState<string | null>(null);
	async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		setSent(null);
		await form.submit(async () => {
			onChanged(await change(slug, "/contacts", "POST", draft));
			setSent(draft.email);
			setDraft({ email: "", name: "", role: "booker", locationIds: [] });
		});
	}
	return (
		<form ref={form.formRef} class="account-form" noValidate onSubmit={submit} aria-labelledby={`${id}-h`}>
			<h3 id={`${id}-h`}>{t("portal.account.invite")}</h3>
			<div class="field-pair">
				<TextField
					id={`${id}-name`}
					label={t("portal.account.name")}
					type="text"
					autocomplete="off"
					value={draft.name}
					onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
					error={form.errors.name}
				/>
				<TextField
					id={`${id}-email`}
					label={t("portal.account.email")}
					type="email"
					autocomplete="off"
					value={draft.email}
					onInput={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
					error={form.errors.email}
				/>
			</div>
			<SelectField
				id={`${id}-role`}
				label={t("portal.account.roleLabel")}
				value={draft.role}
				onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as Role })}
				error={form.errors.role}
			>
				{ROLES.map((r) => (
					<option key={r} value={r}>
						{roleLabel(r)}
					</option>
				))}
			</SelectField>
			{account.locations.length ? (
				<fieldset class="account-locations-choice">
					<legend>{t("portal.account.locationsLabel")}</legend>
					{account.locations.map((l) => (
						<label key={l.id} class="checkbox-row">
							<input
								type="checkbox"
								checked={draft.locationIds.includes(l.id)}
								onChange={(e) =>
									setDraft({
										...draft,
										locationIds: e.currentTarget.checked
											? [...draft.locationIds, l.id]
											: draft.locationIds.filter((x) => x !== l.id),
									})
								}
							/>
							<span>{l.name}</span>
						</label>
					))}
					{form.errors.locationIds ? <p class="field-error">{form.errors.locationIds}</p> : null}
				</fieldset>
			) : null}
			<FormError message={form.formError} />
			{sent ? (
				<p class="notice notice-success" role="status">
					{t("portal.account.invited", { email: sent })}
				</p>
			) : null}
			<Button type="submit" icon={UserPlus} disabled={form.submitting}>
				{t("portal.account.sendInvite")}
			</Button>
		</form>
	);
}

function ColleagueRow({
	person,
	locations,
	send,
}: {
	person: Colleague;
	locations: Location[];
	send: Changer;
}) {
	const id = useId();
	const toggle = (locationId: string, on: boolean) =>
		void send(`/contacts/${person.id}`, "PATCH", {
			locationIds: on
				? [...person.locationIds, locationId]
				: person.locationIds.filter((x) => x !== locationId),
		});
	return (
		<li class="colleague">
			<div class="colleague-who">
				<p class="colleague-name">
					{person.name}
					{person.you ? <span class="colleague-you"> {t("portal.account.you")}</span> : null}
				</p>
				<p class="colleague-email">{person.email}</p>
				<p class="colleague-scope">
					{person.locationNames.length
						? t("portal.account.scopedTo", { locations: person.locationNames.join(", ") })
						: t("portal.account.wholeAccount")}
				</p>
			</div>
			<SelectField
				id={`${id}-role`}
				label={t("portal.account.roleOf", { name: person.name })}
				value={person.role}
				onChange={(e) => void send(`/contacts/${person.id}`, "PATCH", { role: e.currentTarget.value })}
			>
				{ROLES.map((r) => (
					<option key={r} value={r}>
						{roleLabel(r)}
					</option>
				))}
			</SelectField>
			{locations.length ? (
				<details class="colleague-locations">
					<summary>{t("portal.account.locationsOf", { name: person.name })}</summary>
					{locations.map((l) => (
						<label key={l.id} class="checkbox-row">
							<input
								type="checkbox"
								checked={person.locationIds.includes(l.id)}
								onChange={(e) => toggle(l.id, e.currentTarget.checked)}
							/>
							<span>{l.name}</span>
						</label>
					))}
				</details>
			) : null}
			<Button
				variant="ghost"
				size="sm"
				icon={Trash2}
				onClick={() => {
					if (window.confirm(t("portal.account.removeConfirm", { name: person.name })))
						void send(`/contacts/${person.id}`, "DELETE");
				}}
			>
				{t("portal.account.remove", { name: person.name })}
			</Button>
		</li>
	);
}

function LocationCard({ location, send }: { location: Location; send: Changer }) {
	const id = useId();
	const [draft, setDraft] = useState({ label: "", line1: "", city: "" });
	async function add(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		const ok = await send(`/locations/${location.id}/addresses`, "POST", {
			label: draft.label,
			address: { line1: draft.line1, city: draft.city },
		});
		if (ok) setDraft({ label: "", line1: "", city: "" });
	}
	return (
		<Card class="location-card">
			<h3>{location.name}</h3>
			<p>
				{location.address.line1}, {location.address.city}
			</p>
			{location.notes ? <p class="location-notes">{location.notes}</p> : null}
			{location.defaultContactName ? (
				<p>{t("portal.account.defaultContact", { name: location.defaultContactName })}</p>
			) : null}
			<h4>{t("portal.account.savedAddresses")}</h4>
			{location.addresses.length ? (
				<ul class="saved-addresses">
					{location.addresses.map((a) => (
						<li key={a.id}>
							<span>
								{a.label} — {a.address.line1}, {a.address.city}
							</span>
							<Button
								variant="ghost"
								size="sm"
								icon={X}
								onClick={() => void send(`/addresses/${a.id}`, "DELETE")}
							>
								{t("portal.account.removeAddress", { label: a.label })}
							</Button>
						</li>
					))}
				</ul>
			) : (
				<p class="field-hint">{t("portal.account.noAddresses")}</p>
			)}
			<form class="account-form account-form-inline" noValidate onSubmit={add}>
				<TextField
					id={`${id}-label`}
					label={t("portal.account.addressLabel")}
					type="text"
					value={draft.label}
					onInput={(e) => setDraft({ ...draft, label: e.currentTarget.value })}
				/>
				<TextField
					id={`${id}-line1`}
					label={t("portal.stopFields.line1")}
					type="text"
					value={draft.line1}
					onInput={(e) => setDraft({ ...draft, line1: e.currentTarget.value })}
				/>
				<TextField
					id={`${id}-city`}
					label={t("portal.stopFields.city")}
					type="text"
					value={draft.city}
					onInput={(e) => setDraft({ ...draft, city: e.currentTarget.value })}
				/>
				<Button type="submit" variant="secondary" size="sm" icon={MapPin}>
					{t("portal.account.saveAddress")}
				</Button>
			</form>
		</Card>
	);
}

function NewLocationForm({ send }: { send: Changer }) {
	const id = useId();
	const [draft, setDraft] = useState({ name: "", line1: "", city: "", notes: "" });
	async function add(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		const ok = await send("/locations", "POST", {
			name: draft.name,
			address: { line1: draft.line1, city: draft.city },
			notes: draft.notes || undefined,
		});
		if (ok) setDraft({ name: "", line1: "", city: "", notes: "" });
	}
	return (
		<form class="account-form" noValidate onSubmit={add} aria-labelledby={`${id}-h`}>
			<h3 id={`${id}-h`}>{t("portal.account.addLocation")}</h3>
			<TextField
				id={`${id}-name`}
				label={t("portal.account.locationName")}
				type="text"
				value={draft.name}
				onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
			/>
			<div class="field-pair">
				<TextField
					id={`${id}-line1`}
					label={t("portal.stopFields.line1")}
					type="text"
					value={draft.line1}
					onInput={(e) => setDraft({ ...draft, line1: e.currentTarget.value })}
				/>
				<TextField
					id={`${id}-city`}
					label={t("portal.stopFields.city")}
					type="text"
					value={draft.city}
					onInput={(e) => setDraft({ ...draft, city: e.currentTarget.value })}
				/>
			</div>
			<TextAreaField
				id={`${id}-notes`}
				label={t("form.optional", { label: t("portal.account.notes") })}
				value={draft.notes}
				onInput={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
			/>
			<Button type="submit" variant="secondary" icon={MapPin}>
				{t("portal.account.addLocation")}
			</Button>
		</form>
	);
}

function AccountAdminView({ slug }: { slug: string; me: Me }) {
	const [account, setAccount] = useState<AccountAdmin | null>(null);
	const [loadError, setLoadError] = useState<unknown>(null);
	const [actionError, setActionError] = useState<string | null>(null);
	const [attempt, setAttempt] = useState(0);
	useEffect(() => {
		let live = true;
		setLoadError(null);
		apiFetch<AccountAdmin>(customerPath(slug, "/account")).then(
			(a) => live && setAccount(a),
			(err: unknown) => live && setLoadError(err),
		);
		return () => {
			live = false;
		};
	}, [slug, attempt]);
	const send = useCallback<Changer>(
		async (path, method, body) => {
			setActionError(null);
			try {
				setAccount(await change(slug, path, method, body));
				return true;
			} catch (err) {
				if (err instanceof ApiError && err.issues.length === 0) setActionError(errorText(err));
				else if (err instanceof ApiError) setActionError(err.issues.map((i) => i.message).join(" "));
				else setActionError(errorText(err));
				return false;
			}
		},
		[slug],
	);
	if (loadError) {
		return (
			<ErrorState title={errorText(loadError)} headingLevel={2} onRetry={() => setAttempt((n) => n + 1)} />
		);
	}
	if (!account) {
		return (
			<SkeletonBlock label={t("portal.account.loading")} class="card-grid">
				<SkeletonCard />
				<SkeletonCard />
			</SkeletonBlock>
		);
	}
	return (
		<>
			{actionError ? (
				<p class="notice notice-error" role="alert">
					{actionError}
				</p>
			) : null}
			{account.joinRequests.length ? (
				<section aria-labelledby="join-requests-h" class="account-section">
					<h2 id="join-requests-h">{t("portal.account.joinRequests")}</h2>
					<ul class="colleagues">
						{account.joinRequests.map((r) => (
							<li key={r.id} class="colleague">
								<div class="colleague-who">
									<p class="colleague-name">{r.name}</p>
									<p class="colleague-email">{r.email}</p>
								</div>
								<Button
									size="sm"
									icon={Check}
									onClick={() => void send(`/join-requests/${r.id}/approve`, "POST")}
								>
									{t("portal.account.approve", { name: r.name })}
								</Button>
								<Button
									size="sm"
									variant="ghost"
									icon={X}
									onClick={() => void send(`/join-requests/${r.id}/decline`, "POST")}
								>
									{t("portal.account.decline", { name: r.name })}
								</Button>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<section aria-labelledby="colleagues-h" class="account-section">
				<h2 id="colleagues-h">{t("portal.account.colleagues")}</h2>
				<ul class="colleagues">
					{account.colleagues.map((p) => (
						<ColleagueRow key={p.id} person={p} locations={account.locations} send={send} />
					))}
				</ul>
				<InviteForm slug={slug} account={account} onChanged={setAccount} />
			</section>
			<section aria-labelledby="locations-h" class="account-section">
				<h2 id="locations-h">{t("portal.account.locations")}</h2>
				<div class="card-grid">
					{account.locations.map((l) => (
						<LocationCard key={l.id} location={l} send={send} />
					))}
				</div>
				<NewLocationForm send={send} />
			</section>
		</>
	);
}

/** `/c/:slug/account`: an account admin's colleagues, locations and join requests. */
export function AccountPage({ slug, branding }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => (
				<>
					<PageHeader
						title={t("portal.account.title")}
						description={
							me.accountName ? t("portal.account.description", { account: me.accountName }) : undefined
						}
					/>
					{me.role === "admin" ? (
						<AccountAdminView slug={slug} me={me} />
					) : (
						<p class="notice">{t("portal.account.adminsOnly")}</p>
					)}
				</>
			)}
		</PortalPage>
	);
}
