import { ArrowLeft, Building2, House, MapPin, SearchX, UsersRound } from "lucide";
import { useLocation } from "preact-iso";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { Skeleton, SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, staffPath } from "../consoleApi";
import { Tag } from "../Tag";
import { ContactList } from "./ContactList";
import { contactPagePath, type Directory } from "./customerTypes";
import { NewContactForm } from "./NewContactForm";

function Account({ slug, branding, id }: ConsoleContext & { id: string }) {
	const { route } = useLocation();
	const { state, reload } = useResource<Directory>(staffPath(slug, "/customers"));
	const back = (
		<a class="link-target back-link" href={consolePath(slug, "/customers")}>
			<Icon icon={ArrowLeft} size={16} />
			Back to customers
		</a>
	);
	if (state.status === "loading" && !state.data) {
		return (
			<SkeletonBlock label="Loading the account…">
				<div class="ui-page-header">
					<div class="ui-page-header-back">{back}</div>
					<Skeleton width="16rem" height="2.25rem" />
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
	if (state.status === "error" || state.status === "not_found") {
		return (
			<>
				<PageHeader back={back} title="Customer account" />
				<ErrorState
					title="We couldn't load this account"
					message={state.status === "error" ? state.message : undefined}
					onRetry={() => void reload()}
				/>
			</>
		);
	}
	const account = state.data?.accounts.find((a) => a.id === id);
	if (!account) {
		return (
			<>
				<PageHeader back={back} title="Account not found" />
				<EmptyState
					icon={SearchX}
					title="There is no such customer account here"
					action={
						<Button variant="secondary" icon={UsersRound} href={consolePath(slug, "/customers")}>
							See all customers
						</Button>
					}
				>
					<p>
						It may have been typed wrong, or it belongs to another business. Search your customers instead.
					</p>
				</EmptyState>
			</>
		);
	}
	const commercial = account.kind === "commercial";
	return (
		<>
			<PageHeader
				back={back}
				title={account.name}
				badge={
					<Tag tone="neutral" icon={commercial ? Building2 : House}>
						{commercial ? "Commercial account" : "Residential account"}
					</Tag>
				}
				description={account.phone ?? undefined}
			/>
			<div class="console-columns">
				<div class="console-column">
					<Card as="section" aria-labelledby="contacts-heading">
						<h2 id="contacts-heading" class="card-title">
							Contacts
						</h2>
						<ContactList
							slug={slug}
							contacts={account.contacts}
							timeZone={branding.timezone}
							locationName={(lid) => account.locations.find((l) => l.id === lid)?.name}
						/>
					</Card>
					<Card as="section" aria-labelledby="locations-heading">
						<h2 id="locations-heading" class="card-title">
							Locations
						</h2>
						{account.locations.length ? (
							<ul class="plain-list location-list">
								{account.locations.map((l) => (
									<li key={l.id}>
										<Icon icon={MapPin} size={18} class="location-icon" />
										<div>
											<p>
												<strong>{l.name}</strong>
											</p>
											<p class="muted">
												{l.line1}, {l.city}
											</p>
										</div>
									</li>
								))}
							</ul>
						) : (
							<p class="muted">
								No locations. Branch offices with their own addresses appear here once the account has them.
							</p>
						)}
					</Card>
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
