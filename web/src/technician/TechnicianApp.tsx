import { Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { HeaderMenu } from "../shared/auth/HeaderMenu";
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
		<main class="frame-row app-main tech-main">
			<SessionGate area="t" slug={slug} tenantName={branding.name}>
				{() => (
					<TodayJobs
						slug={slug}
						title={t("today.heading", { tenant: branding.name })}
						timeZone={branding.timezone}
					/>
				)}
			</SessionGate>
		</main>
	);
}

/** `/t/:slug`: a technician's phone page, today's jobs under a compact header with their menu. */
export function TechnicianApp({ slug }: Props) {
	return (
		<TenantShell
			slug={slug}
			area={t("area.technician")}
			installable="t"
			frameClass="tech-frame"
			headerEnd={() => <HeaderMenu area="t" slug={slug} withLanguage />}
		>
			{(branding) => (
				<AreaRouter area="t" slug={slug} tenantName={branding.name} supportPhone={branding.supportPhone} bare>
					<Route path="/" component={TechnicianHome} slug={slug} branding={branding} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
