import { Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { SessionGate } from "../shared/auth/SessionGate";
import { TenantShell } from "../shared/TenantShell";

type Props = { slug: string };
type HomeProps = { slug: string; tenantName: string };

function PortalHome({ slug, tenantName }: HomeProps) {
	return (
		<main class="page narrow">
			<h1>Welcome to {tenantName}</h1>
			<p>Book pickups, follow your jobs live and see your history — no password needed.</p>
			<SessionGate area="c" slug={slug} tenantName={tenantName} headingLevel={2}>
				{(me) => <p>{me.accountName ? `You're signed in for ${me.accountName}.` : "You're signed in."}</p>}
			</SessionGate>
		</main>
	);
}

export function PortalApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Customer portal">
			{(branding) => (
				<AreaRouter area="c" slug={slug} tenantName={branding.name}>
					<Route path="/" component={PortalHome} slug={slug} tenantName={branding.name} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
