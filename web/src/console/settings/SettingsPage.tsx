import { ShieldBan } from "lucide";
import "../../portal/booking/booking.css";
import { EmptyState } from "../../shared/ui/EmptyState";
import { ErrorState } from "../../shared/ui/ErrorState";
import { Logo } from "../../shared/ui/Logo";
import { PageHeader } from "../../shared/ui/PageHeader";
import { SkeletonBlock, SkeletonCard } from "../../shared/ui/Skeleton";
import { useResource } from "../../shared/useResource";
import { type ConsoleContext, ConsolePage, type ConsoleRouteProps } from "../ConsolePage";
import { consolePath, isAdmin, staffPath } from "../consoleApi";
import { ImageUpload } from "../ImageUpload";
import { BrandingForm } from "./BrandingForm";
import { NotificationsForm } from "./NotificationsForm";
import { OperationsForm } from "./OperationsForm";
import { PaymentsForm } from "./PaymentsForm";
import { ProofForm } from "./ProofForm";
import { StaffRoles } from "./StaffRoles";
import { SurveyForm } from "./SurveyForm";
import { LOGO_MAX_BYTES, type TenantSettingsView } from "./settingsTypes";

const DESCRIPTION =
	"How your portal looks and works: branding, logo, operations, and who works in the console.";

function Settings({ slug, me }: ConsoleContext) {
	const { state, replace, reload } = useResource<TenantSettingsView>(
		isAdmin(me.role) ? staffPath(slug, "/settings") : null,
	);
	if (!isAdmin(me.role)) {
		return (
			<>
				<PageHeader title="Settings" description={DESCRIPTION} />
				<EmptyState icon={ShieldBan} title="Only an admin can see and change settings">
					<p>Ask an admin of your team to change the branding, operations or roles for you.</p>
				</EmptyState>
			</>
		);
	}
	const settings = "data" in state ? state.data : undefined;
	return (
		<>
			<PageHeader title="Settings" description={DESCRIPTION} />
			{state.status === "error" && settings ? (
				<p class="notice notice-error" role="alert">
					{state.message}
				</p>
			) : null}
			{!settings ? (
				state.status === "error" || state.status === "not_found" ? (
					<ErrorState
						title="We couldn't load your settings"
						message={state.status === "error" ? state.message : undefined}
						onRetry={() => void reload()}
					/>
				) : (
					<SkeletonBlock label="Loading settings…" class="settings-grid">
						<SkeletonCard />
						<SkeletonCard />
						<SkeletonCard />
						<SkeletonCard />
					</SkeletonBlock>
				)
			) : (
				<div class="settings-grid">
					<div class="stack">
						<BrandingForm slug={slug} settings={settings} onSaved={replace} />
						<section class="panel" aria-labelledby="logo-heading">
							<h2 id="logo-heading">Logo</h2>
							<p class="panel-intro">In the header of the portal, the technician app and every email.</p>
							{settings.logoUrl ? (
								<Logo class="settings-logo" branding={settings} alt="Current logo" height={64} />
							) : (
								<p class="muted">No logo yet: the business name stands in for it.</p>
							)}
							<ImageUpload<TenantSettingsView>
								slug={slug}
								path="/settings/logo"
								label="Logo"
								maxBytes={LOGO_MAX_BYTES}
								onSaved={replace}
							/>
						</section>
						<SurveyForm slug={slug} settings={settings} onSaved={replace} />
					</div>
					<div class="stack">
						<OperationsForm slug={slug} settings={settings} onSaved={replace} />
						<PaymentsForm slug={slug} settings={settings} onSaved={replace} />
						<NotificationsForm slug={slug} settings={settings} onSaved={replace} />
						<ProofForm slug={slug} settings={settings} onSaved={replace} />
						<StaffRoles slug={slug} meId={me.id} />
						<section class="panel" aria-labelledby="api-heading">
							<h2 id="api-heading">API and webhooks</h2>
							<p class="panel-intro">
								Keys for your other systems to create and read jobs, and webhooks that tell them what changes.
							</p>
							<a class="ui-button ui-button-secondary" href={consolePath(slug, "/settings/api")}>
								Manage API keys and webhooks
							</a>
						</section>
					</div>
				</div>
			)}
		</>
	);
}

/** `/d/:slug/settings` (admins only): branding, logo, operations, staff and roles. */
export function SettingsPage({ slug, branding }: ConsoleRouteProps) {
	return (
		<ConsolePage slug={slug} branding={branding} title="Settings">
			{(context) => <Settings {...context} />}
		</ConsolePage>
	);
}
