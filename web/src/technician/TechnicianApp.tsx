import { Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { SessionGate } from "../shared/auth/SessionGate";
import type { Branding } from "../shared/branding";
import { TenantShell } from "../shared/TenantShell";
import { TodayJobs } from "./TodayJobs";
import "./technician.css";

type Props = { slug: string };
type HomeProps = { slug: string; branding: Branding };

function TechnicianHome({ slug, branding }: HomeProps) {
	return (
		<main class="page narrow">
			<SessionGate area="t" slug={slug} tenantName={branding.name}>
				{() => (
					<>
						<h1>{branding.name} — today's jobs</h1>
						<TodayJobs slug={slug} timeZone={branding.timezone} />
					</>
				)}
			</SessionGate>
		</main>
	);
}

export function TechnicianApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Technician">
			{(branding) => (
				<AreaRouter area="t" slug={slug} tenantName={branding.name}>
					<Route path="/" component={TechnicianHome} slug={slug} branding={branding} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
