import type { JobStatus } from "../../shared/StatusBadge";
import { StatusBadge } from "../../shared/StatusBadge";
import { formatDateTime } from "../../shared/tenantTime";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, staffPath } from "../consoleApi";
import { DataTable } from "../DataTable";
import { BlockSwitch } from "./BlockSwitch";
import {
	accountPagePath,
	type Contact,
	type ContactDossier,
	type Directory,
	ROLE_LABEL,
} from "./customerTypes";
import { EditContactForm } from "./EditContactForm";

function ContactView({ slug, branding, id }: ConsoleContext & { id: string }) {
	const { state, replace } = useResource<ContactDossier>(
		staffPath(slug, `/customers/contacts/${encodeURIComponent(id)}`),
	);
	const directory = useResource<Directory>(staffPath(slug, "/customers"));
	const tz = branding.timezone;
	const back = (
		<p>
			<a class="link-target" href={consolePath(slug, "/customers")}>
				Back to customers
			</a>
		</p>
	);
	if (state.status === "not_found") {
		return (
			<>
				<h1>Contact not found</h1>
				<p>There is no such contact here.</p>
				{back}
			</>
		);
	}
	if (state.status === "error" && !state.data) {
		return (
			<>
				<h1>We couldn't load this contact</h1>
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
				{back}
			</>
		);
	}
	if (!state.data) return <p class="muted">Loading the contact…</p>;
	const dossier = state.data;
	const { contact } = dossier;
	const account =
		directory.state.status === "ready"
			? directory.state.data.accounts.find((a) => a.id === contact.accountId)
			: undefined;
	const merge = (c: Contact) => replace({ ...dossier, contact: { ...contact, ...c } });

	return (
		<>
			{back}
			<div class="page-head">
				<h1>{contact.name}</h1>
				<span class="tag tag-neutral">{ROLE_LABEL[contact.role] ?? contact.role}</span>
				{contact.blocked ? <span class="tag tag-blocked">Blocked</span> : null}
			</div>
			<div class="columns">
				<div class="stack">
					<dl class="facts">
						<dt>Email</dt>
						<dd>{contact.email}</dd>
						<dt>Phone</dt>
						<dd>{contact.phone ?? "—"}</dd>
						<dt>Account</dt>
						<dd>
							{contact.accountId && contact.accountName ? (
								<a href={consolePath(slug, accountPagePath(contact.accountId))}>{contact.accountName}</a>
							) : (
								"None"
							)}
						</dd>
						<dt>Last sign-in</dt>
						<dd>{contact.lastSignInAt ? formatDateTime(contact.lastSignInAt, tz) : "Never"}</dd>
						{contact.blockedAt ? (
							<>
								<dt>Blocked since</dt>
								<dd>{formatDateTime(contact.blockedAt, tz)}</dd>
							</>
						) : null}
					</dl>
					<BlockSwitch slug={slug} contact={contact} onChange={merge} />
					<section aria-labelledby="contact-jobs">
						<h2 id="contact-jobs">Jobs</h2>
						{dossier.jobs.length ? (
							<DataTable columns={["Job", "Status", "Reference", "Booked"]}>
								{dossier.jobs.map((j) => (
									<tr key={j.id}>
										<td>
											<a href={consolePath(slug, `/jobs/${encodeURIComponent(j.id)}`)}>Job #{j.number}</a>
										</td>
										<td>
											<StatusBadge status={j.status as JobStatus} />
										</td>
										<td>{j.reference ?? "—"}</td>
										<td>{formatDateTime(j.createdAt, tz)}</td>
									</tr>
								))}
							</DataTable>
						) : (
							<p class="muted">No jobs yet.</p>
						)}
					</section>
					<section aria-labelledby="contact-sign-ins">
						<h2 id="contact-sign-ins">Sign-ins</h2>
						{dossier.signIns.length ? (
							<DataTable columns={["When", "How", "IP address", "Browser"]}>
								{dossier.signIns.map((s) => (
									<tr key={s.at}>
										<td>{formatDateTime(s.at, tz)}</td>
										<td>{s.method ?? "—"}</td>
										<td>{s.ip ?? "—"}</td>
										<td title={s.userAgent ?? undefined}>{s.device ?? "—"}</td>
									</tr>
								))}
							</DataTable>
						) : (
							<p class="muted">No sign-ins yet.</p>
						)}
					</section>
				</div>
				<EditContactForm
					key={contact.id}
					slug={slug}
					contact={contact}
					locations={account?.locations ?? []}
					onSaved={merge}
				/>
			</div>
		</>
	);
}

/** `/d/:slug/customers/contacts/:id`: a contact, their jobs and sign-ins, and the Block switch. */
export function ContactPage({ slug, branding, id = "" }: ConsoleRouteProps & { id?: string }) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Customer contact">
			{(context) => <ContactView {...context} id={id} />}
		</ConsolePage>
	);
}
