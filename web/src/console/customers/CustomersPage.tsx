import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { TextField } from "../../shared/fields";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, staffPath } from "../consoleApi";
import { ContactList } from "./ContactList";
import { accountPagePath, type Directory } from "./customerTypes";
import { NewAccountForm } from "./NewAccountForm";

function Customers({ slug, branding, q }: ConsoleContext & { q: string }) {
	const { route } = useLocation();
	const [search, setSearch] = useState(q);
	const { state, reload } = useResource<Directory>(staffPath(slug, `/customers${queryString({ q })}`));
	const directory = "data" in state ? state.data : undefined;
	const tz = branding.timezone;

	function submit(event: Event) {
		event.preventDefault();
		route(consolePath(slug, `/customers${queryString({ q: search.trim() })}`));
	}

	return (
		<>
			<h1>Customers</h1>
			<div class="columns">
				<div>
					<form class="filters" onSubmit={submit}>
						<TextField
							id="customer-search"
							label="Search customers"
							hint="Account name, contact name or email."
							type="search"
							value={search}
							onInput={(e) => setSearch(e.currentTarget.value)}
						/>
						<button type="submit">Search</button>
						{q ? (
							<a class="link-target" href={consolePath(slug, "/customers")}>
								Show all
							</a>
						) : null}
					</form>
					<section aria-label="Accounts" aria-busy={state.status === "loading"}>
						{state.status === "error" ? (
							<p class="notice notice-error" role="alert">
								{state.message}
							</p>
						) : null}
						{!directory ? (
							<p class="muted">Loading customers…</p>
						) : directory.accounts.length === 0 && directory.unattached.length === 0 ? (
							<p class="empty-state">{q ? `No customer matches “${q}”.` : "No customers yet."}</p>
						) : null}
						{directory?.accounts.map((account) => (
							<article key={account.id} class="panel customer-account" aria-labelledby={`acc-${account.id}`}>
								<h2 id={`acc-${account.id}`}>
									<a href={consolePath(slug, accountPagePath(account.id))}>{account.name}</a>
								</h2>
								<p class="muted">
									{account.kind === "commercial" ? "Commercial" : "Residential"}
									{account.phone ? ` · ${account.phone}` : ""}
									{` · ${account.locations.length} ${account.locations.length === 1 ? "location" : "locations"}`}
								</p>
								<ContactList
									slug={slug}
									contacts={account.contacts}
									timeZone={tz}
									locationName={(id) => account.locations.find((l) => l.id === id)?.name}
								/>
							</article>
						))}
						{directory?.unattached.length ? (
							<article class="panel" aria-labelledby="unattached">
								<h2 id="unattached">Contacts without an account</h2>
								<ContactList slug={slug} contacts={directory.unattached} timeZone={tz} />
							</article>
						) : null}
					</section>
				</div>
				<NewAccountForm slug={slug} onCreated={(a) => route(consolePath(slug, accountPagePath(a.id)))} />
			</div>
			{state.status === "error" ? (
				<button type="button" onClick={() => void reload()}>
					Try again
				</button>
			) : null}
		</>
	);
}

/** `/d/:slug/customers?q=`: accounts and contacts, searchable. */
export function CustomersPage({ slug, branding, query = {} }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Customers">
			{(context) => <Customers {...context} key={query.q ?? ""} q={query.q ?? ""} />}
		</ConsolePage>
	);
}
