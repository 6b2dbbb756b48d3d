import { useLocation } from "preact-iso";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, staffPath } from "../consoleApi";
import { ContactList } from "./ContactList";
import { contactPagePath, type Directory } from "./customerTypes";
import { NewContactForm } from "./NewContactForm";

function Account({ slug, branding, id }: ConsoleContext & { id: string }) {
	const { route } = useLocation();
	const { state } = useResource<Directory>(staffPath(slug, "/customers"));
	const back = (
		<p>
			<a class="link-target" href={consolePath(slug, "/customers")}>
				Back to customers
			</a>
		</p>
	);
	if (state.status === "loading" && !state.data) return <p class="muted">Loading the account…</p>;
	if (state.status === "error" || state.status === "not_found") {
		return (
			<>
				<h1>We couldn't load this account</h1>
				<p class="notice notice-error" role="alert">
					{state.status === "error" ? state.message : "Not found."}
				</p>
				{back}
			</>
		);
	}
	const account = state.data?.accounts.find((a) => a.id === id);
	if (!account) {
		return (
			<>
				<h1>Account not found</h1>
				<p>There is no such customer account here.</p>
				{back}
			</>
		);
	}
	return (
		<>
			{back}
			<h1>{account.name}</h1>
			<p class="muted">
				{account.kind === "commercial" ? "Commercial account" : "Residential account"}
				{account.phone ? ` · ${account.phone}` : ""}
			</p>
			<div class="columns">
				<div class="stack">
					<section class="panel" aria-labelledby="locations-heading">
						<h2 id="locations-heading">Locations</h2>
						{account.locations.length ? (
							<ul class="plain-list">
								{account.locations.map((l) => (
									<li key={l.id}>
										<strong>{l.name}</strong>
										<br />
										<span class="muted">
											{l.line1}, {l.city}
										</span>
									</li>
								))}
							</ul>
						) : (
							<p class="muted">No locations.</p>
						)}
					</section>
					<section class="panel" aria-labelledby="contacts-heading">
						<h2 id="contacts-heading">Contacts</h2>
						<ContactList
							slug={slug}
							contacts={account.contacts}
							timeZone={branding.timezone}
							locationName={(lid) => account.locations.find((l) => l.id === lid)?.name}
						/>
					</section>
				</div>
				<NewContactForm
					slug={slug}
					accountId={account.id}
					onCreated={(c) => route(consolePath(slug, contactPagePath(c.id)))}
				/>
			</div>
		</>
	);
}

/** `/d/:slug/customers/accounts/:id`: one account's locations and contacts. */
export function AccountPage({ slug, branding, id = "" }: ConsoleRouteProps & { id?: string }) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Customer account">
			{(context) => <Account {...context} id={id} />}
		</ConsolePage>
	);
}
