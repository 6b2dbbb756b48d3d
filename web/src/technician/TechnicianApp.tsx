import { Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { LanguageSwitcher } from "../shared/auth/LanguageSwitcher";
import { SessionGate } from "../shared/auth/SessionGate";
import type { Branding } from "../shared/branding";
import { t } from "../shared/i18n/i18n";
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
						<div class="tech-head">
							<h1>{t("today.heading", { tenant: branding.name })}</h1>
							<LanguageSwitcher area="t" slug={slug} />
						</div>
						<TodayJobs slug={slug} timeZone={branding.timezone} />
					</>
				)}
			</SessionGate>
		</main>
	);
}

export function TechnicianApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area={t("area.technician")} installable="t">
			{(branding) => (
				<AreaRouter area="t" slug={slug} tenantName={branding.name}>
					<Route path="/" component={TechnicianHome} slug={slug} branding={branding} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
