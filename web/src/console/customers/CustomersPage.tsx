import { Building2, FileUp, House, Phone, Search, SearchX, UsersRound, X } from "lucide";
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, queryString, staffPath } from "../consoleApi";
import { ListSkeleton } from "../ListSkeleton";
import { Tag } from "../Tag";
import { ContactList } from "./ContactList";
import { type Account, accountPagePath, type Directory } from "./customerTypes";
import { NewAccountForm } from "./NewAccountForm";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function AccountCard({ slug, account, timeZone }: { slug: string; account: Account; timeZone: string }) {
	const commercial = account.kind === "commercial";
	return (
		<Card as="article" class="customer-account" aria-labelledby={`acc-${account.id}`}>
			<div class="customer-account-head">
				<h2 id={`acc-${account.id}`}>
					<a href={consolePath(slug, accountPagePath(account.id))}>{account.name}</a>
				</h2>
				<Tag tone="neutral" icon={commercial ? Building2 : House}>
					{commercial ? "Commercial" : "Residential"}
				</Tag>
			</div>
			<p class="customer-meta">
				{account.phone ? (
					<span>
						<Icon icon={Phone} size={14} />
						{account.phone}
					</span>
				) : null}
				<span>{plural(account.locations.length, "location", "locations")}</span>
				<span>{plural(account.contacts.length, "contact", "contacts")}</span>
			</p>
			<ContactList
				slug={slug}
				contacts={account.contacts}
				timeZone={timeZone}
				locationName={(id) => account.locations.find((l) => l.id === id)?.name}
			/>
		</Card>
	);
}

function Customers({ slug, branding, q }: ConsoleContext & { q: string }) {
	const { route } = useLocation();
	const [search, setSearch] = useState(q);
	const { state, reload } = useResource<Directory>(staffPath(slug, `/customers${queryString({ q })}`));
	const directory = "data" in state ? state.data : undefined;
	const tz = branding.timezone;
	const showAll = consolePath(slug, "/customers");

	function submit(event: Event) {
		event.preventDefault();
		route(consolePath(slug, `/customers${queryString({ q: search.trim() })}`));
	}

	function list() {
		if (state.status === "error" && !directory)
			return (
				<ErrorState
					title="We couldn't load your customers"
					message={state.message}
					onRetry={() => void reload()}
				/>
			);
		if (!directory) return <ListSkeleton label="Loading customers…" />;
		if (directory.accounts.length === 0 && directory.unattached.length === 0) {
			return q ? (
				<EmptyState
					icon={SearchX}
					title={`No customer matches “${q}”`}
					action={
						<Button variant="secondary" icon={X} href={showAll}>
							Show all customers
						</Button>
					}
				>
					<p>Search by account name, contact name or email; part of a word is enough.</p>
				</EmptyState>
			) : (
				<EmptyState icon={UsersRound} title="No customers yet">
					<p>
						Add your first account with the form beside this list. Customers who book in the portal show up
						here too.
					</p>
				</EmptyState>
			);
		}
		return (
			<div class="customer-list">
				{directory.accounts.map((account) => (
					<AccountCard key={account.id} slug={slug} account={account} timeZone={tz} />
				))}
				{directory.unattached.length ? (
					<Card as="article" class="customer-account" aria-labelledby="unattached">
						<div class="customer-account-head">
							<h2 id="unattached">Contacts without an account</h2>
						</div>
						<ContactList slug={slug} contacts={directory.unattached} timeZone={tz} />
					</Card>
				) : null}
			</div>
		);
	}

	return (
		<>
			<PageHeader
				title="Customers"
				description="Accounts and their contacts: roles, sign-ins and access."
				actions={
					<Button variant="secondary" icon={FileUp} href={consolePath(slug, "/customers/import")}>
						{t("import.open")}
					</Button>
				}
			/>
			<div class="console-columns">
				<div class="console-column">
					<form class="filters customer-search" onSubmit={submit}>
						<TextField
							id="customer-search"
							label="Search customers"
							hint="Account name, contact name or email."
							type="search"
							value={search}
							onInput={(e) => setSearch(e.currentTarget.value)}
						/>
						<div class="filters-actions">
							<Button type="submit" variant="secondary" icon={Search}>
								Search
							</Button>
							{q ? (
								<Button variant="ghost" href={showAll}>
									Show all
								</Button>
							) : null}
						</div>
					</form>
					{state.status === "error" && directory ? (
						<ErrorState
							title="We couldn't refresh the list"
							message={state.message}
							onRetry={() => void reload()}
						/>
					) : null}
					<section aria-label="Accounts" aria-busy={state.status === "loading"}>
						{list()}
					</section>
				</div>
				<NewAccountForm slug={slug} onCreated={(a) => route(consolePath(slug, accountPagePath(a.id)))} />
			</div>
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
