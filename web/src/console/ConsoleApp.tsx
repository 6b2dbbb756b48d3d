import { Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { SessionGate } from "../shared/auth/SessionGate";
import { TenantShell } from "../shared/TenantShell";

type Props = { slug: string };
type HomeProps = { slug: string; tenantName: string };

function ConsoleHome({ slug, tenantName }: HomeProps) {
	return (
		<main class="page">
			<SessionGate area="d" slug={slug} tenantName={tenantName}>
				{() => <h1>{tenantName} dispatch</h1>}
			</SessionGate>
		</main>
	);
}

export function ConsoleApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Dispatch console">
			{(branding) => (
				<AreaRouter area="d" slug={slug} tenantName={branding.name}>
					<Route path="/" component={ConsoleHome} slug={slug} tenantName={branding.name} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
