import { ArrowLeft, Ban, SearchX, UsersRound } from "lucide";
import type { JobStatus } from "../../shared/StatusBadge";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { StatusChip } from "../../shared/ui/StatusChip";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, staffPath } from "../consoleApi";
import { DataTable } from "../DataTable";
import { Tag } from "../Tag";
import { BlockSwitch } from "./BlockSwitch";
import {
	accountPagePath,
	type Contact,
	type ContactDossier,
	type Directory,
	ROLE_LABEL,
} from "./customerTypes";
import { EditContactForm } from "./EditContactForm";

const SIGN_IN_METHOD: Record<string, string> = { link: "Email link", code: "Code" };

function ContactView({ slug, branding, id }: ConsoleContext & { id: string }) {
	const { state, replace, reload } = useResource<ContactDossier>(
		staffPath(slug, `/customers/contacts/${encodeURIComponent(id)}`),
	);
	const directory = useResource<Directory>(staffPath(slug, "/customers"));
	const tz = branding.timezone;
	const back = (
		<a class="link-target back-link" href={consolePath(slug, "/customers")}>
			<Icon icon={ArrowLeft} size={16} />
			Back to customers
		</a>
	);
	if (state.status === "not_found") {
		return (
			<>
				<PageHeader back={back} title="Contact not found" />
				<EmptyState
					icon={SearchX}
					title="There is no such contact here"
					action={
						<Button variant="secondary" icon={UsersRound} href={consolePath(slug, "/customers")}>
							See all customers
						</Button>
					}
				>
					<p>
						They may belong to another business, or the link is incomplete. Search your customers instead.
					</p>
				</EmptyState>
			</>
		);
	}
	if (state.status === "error" && !state.data) {
		return (
			<>
				<PageHeader back={back} title="Customer contact" />
				<ErrorState
					title="We couldn't load this contact"
					message={state.message}
					onRetry={() => void reload()}
				/>
			</>
		);
	}
	if (!state.data) {
		return (
			<SkeletonBlock label="Loading the contact…">
				<div class="ui-page-header">
					<div class="ui-page-header-back">{back}</div>
					<Skeleton width="14rem" height="2.25rem" />
				</div>
				<div class="console-columns">
					<div class="console-column">
						<SkeletonCard />
						<SkeletonCard />
					</div>
					<SkeletonCard />
				</div>
			</SkeletonBlock>
		);
	}
	const dossier = state.data;
	const { contact } = dossier;
	const account =
		directory.state.status === "ready"
			? directory.state.data.accounts.find((a) => a.id === contact.accountId)
			: undefined;
	const merge = (c: Contact) => replace({ ...dossier, contact: { ...contact, ...c } });

	return (
		<>
			<PageHeader
				back={back}
				title={contact.name}
				badge={
					<>
						<Tag tone="neutral">{ROLE_LABEL[contact.role] ?? contact.role}</Tag>
						{contact.blocked ? (
							<Tag tone="danger" icon={Ban}>
								Blocked
							</Tag>
						) : null}
					</>
				}
				description={contact.accountName ?? "No account: a private customer"}
			/>
			<div class="console-columns">
				<div class="console-column">
					<Card as="section" aria-labelledby="contact-details">
						<h2 id="contact-details" class="card-title">
							Details
						</h2>
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
					</Card>
					<Card as="section" aria-labelledby="contact-access">
						<h2 id="contact-access" class="card-title">
							Portal access
						</h2>
						<p class="panel-intro access-intro">
							{contact.blocked
								? "Blocked: they cannot sign in or book until you unblock them."
								: "They can sign in to the portal and book. Blocking signs them out everywhere at once."}
						</p>
						<BlockSwitch slug={slug} contact={contact} onChange={merge} />
					</Card>
					<section class="console-section" aria-labelledby="contact-jobs">
						<h2 id="contact-jobs">Jobs</h2>
						{dossier.jobs.length ? (
							<DataTable columns={["Job", "Status", "Reference", "Booked"]}>
								{dossier.jobs.map((j) => (
									<tr key={j.id}>
										<td>
											<a href={consolePath(slug, `/jobs/${encodeURIComponent(j.id)}`)}>Job #{j.number}</a>
										</td>
										<td>
											<StatusChip status={j.status as JobStatus} />
										</td>
										<td>{j.reference ?? "—"}</td>
										<td class="cell-nowrap">{formatDateTime(j.createdAt, tz)}</td>
									</tr>
								))}
							</DataTable>
						) : (
							<p class="table-empty">
								No jobs yet. Jobs they book, or that you type for them, are listed here.
							</p>
						)}
					</section>
					<section class="console-section" aria-labelledby="contact-sign-ins">
						<h2 id="contact-sign-ins">Sign-ins</h2>
						{dossier.signIns.length ? (
							<DataTable columns={["When", "How", "IP address", "Browser"]}>
								{dossier.signIns.map((s) => (
									<tr key={s.at}>
										<td class="cell-nowrap">{formatDateTime(s.at, tz)}</td>
										<td>{s.method ? (SIGN_IN_METHOD[s.method] ?? s.method) : "—"}</td>
										<td>{s.ip ?? "—"}</td>
										<td title={s.userAgent ?? undefined}>{s.device ?? "—"}</td>
									</tr>
								))}
							</DataTable>
						) : (
							<p class="table-empty">No sign-ins yet. Each sign-in by link or code is listed here.</p>
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
