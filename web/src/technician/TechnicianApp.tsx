import { Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { SessionGate } from "../shared/auth/SessionGate";
import { TenantShell } from "../shared/TenantShell";

type Props = { slug: string };
type HomeProps = { slug: string; tenantName: string };

function TechnicianHome({ slug, tenantName }: HomeProps) {
	return (
		<main class="page narrow">
			<SessionGate area="t" slug={slug} tenantName={tenantName}>
				{() => <h1>{tenantName} — today's jobs</h1>}
			</SessionGate>
		</main>
	);
}

export function TechnicianApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Technician">
			{(branding) => (
				<AreaRouter area="t" slug={slug} tenantName={branding.name}>
					<Route path="/" component={TechnicianHome} slug={slug} tenantName={branding.name} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
